import { databaseMode as modeOf } from '@huizhan/api';
import { createDb, type DbHandle, type InstallationMode } from '@huizhan/db';
import { config } from './env.ts';

let handle: DbHandle | undefined;

/**
 * The process's one connection, opened (and migrated) on first use: SvelteKit imports server
 * modules while building, and a build must not create a database.
 */
export function database(): DbHandle {
	handle ??= createDb({ path: config.databasePath });
	return handle;
}

/** Whether this is a demo database (the sign-in page then shows the demo accounts). */
export const databaseMode = (): InstallationMode => modeOf(database().db);
