import { createDb, type DbHandle } from '@huizhan/db';
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
