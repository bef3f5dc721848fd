import { databaseMode as modeOf } from '@huizhan/api';
import type { InstallationMode } from '@huizhan/db';
import { processDatabase } from '@huizhan/web/server';
import { config } from './env.ts';

/** The process's one connection, opened (and migrated) on first use. */
export const database = processDatabase(() => config.database);

/** Whether this is a demo database (the sign-in page then shows the demo accounts). */
export const databaseMode = async (): Promise<InstallationMode> => modeOf((await database()).db);
