import type { Db, Sqlite } from '@huizhan/db';

export interface CreateContextOptions {
	db: Db;
	sqlite: Sqlite;
	/** The clock; tests pass a fixed one. */
	now?: () => Date;
}

/**
 * The context every procedure receives. Tests and server-side callers (`createCaller`) build it
 * directly; the HTTP adapters build it per request. Nothing here reads the environment.
 */
export function createContextInner({ db, sqlite, now = () => new Date() }: CreateContextOptions) {
	return { db, sqlite, now };
}

export type Context = ReturnType<typeof createContextInner>;
