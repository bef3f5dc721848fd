import { processDatabase } from '@huizhan/web/server';
import { config } from './env.ts';

/** The process's one connection, opened (and migrated) on first use. */
export const database = processDatabase(() => config.database);
