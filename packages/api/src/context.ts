import type { Db, Sqlite } from '@huizhan/db';
import type { StaffUser } from './auth/roles.ts';

export interface CreateContextOptions {
	db: Db;
	sqlite: Sqlite;
	/** The signed-in staff member, or null. The app resolves it from the session cookie. */
	user?: StaffUser | null;
	/** The session token of this request, so a password change can keep this session. */
	sessionToken?: string | undefined;
	/** The client's address, for throttling and the audit log. */
	source?: string;
	/** The clock; tests pass a fixed one. */
	now?: () => Date;
}

/**
 * The context every procedure receives. Tests and server-side callers (`createCaller`) build it
 * directly; the HTTP adapters build it per request. Nothing here reads the environment.
 */
export function createContextInner({
	db,
	sqlite,
	user = null,
	sessionToken,
	source = 'unknown',
	now = () => new Date()
}: CreateContextOptions) {
	return { db, sqlite, user, sessionToken, source, now };
}

export type Context = ReturnType<typeof createContextInner>;
