import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema } from '@huizhan/db';
import type { StaffUser } from './roles.ts';
import { hashToken, newSessionToken } from './tokens.ts';

const { staffSessions, staffUserRoles, staffUsers } = schema;

/**
 * A session ends after 12 hours without use — a whole event day at a gate or a desk, so nobody
 * is signed out mid-shift — and in any case 7 days after sign-in, so a lost phone's session does
 * not last the season.
 */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** `lastSeenAt` is written at most this often, not on every request. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export interface NewSession {
	token: string;
	expiresAt: Date;
}

export function createSession(db: DbOrTx, userId: number, source: string, now: Date): NewSession {
	const token = newSessionToken();
	const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
	db.insert(staffSessions)
		.values({
			tokenHash: hashToken(token),
			userId,
			createdAt: now,
			lastSeenAt: now,
			expiresAt,
			source
		})
		.run();
	return { token, expiresAt };
}

export function rolesOf(db: DbOrTx, userId: number): StaffUser['roles'] {
	return db
		.select({ role: staffUserRoles.role })
		.from(staffUserRoles)
		.where(eq(staffUserRoles.userId, userId))
		.all()
		.map((r) => r.role)
		.sort();
}

/** The signed-in user for a cookie's token, or null if it is unknown, expired or disabled. */
export function resolveSession(db: Db, token: string | undefined, now: Date): StaffUser | null {
	if (!token || token.length > 100) return null;
	const tokenHash = hashToken(token);
	const row = db
		.select({ session: staffSessions, user: staffUsers })
		.from(staffSessions)
		.innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
		.where(eq(staffSessions.tokenHash, tokenHash))
		.get();
	if (!row) return null;
	const idleFor = now.getTime() - row.session.lastSeenAt.getTime();
	if (row.user.disabledAt || idleFor > SESSION_IDLE_MS || now >= row.session.expiresAt) {
		db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash)).run();
		return null;
	}
	if (idleFor > TOUCH_INTERVAL_MS) {
		db.update(staffSessions)
			.set({ lastSeenAt: now })
			.where(eq(staffSessions.tokenHash, tokenHash))
			.run();
	}
	return {
		id: row.user.id,
		login: row.user.login,
		displayName: row.user.displayName,
		roles: rolesOf(db, row.user.id)
	};
}

/** Ends one session (sign-out). Returns the user it belonged to, if any. */
export function endSession(db: Db, token: string): number | null {
	const row = db
		.delete(staffSessions)
		.where(eq(staffSessions.tokenHash, hashToken(token)))
		.returning({ userId: staffSessions.userId })
		.get();
	return row?.userId ?? null;
}

/** Ends every session of a user (disabled, password changed), optionally sparing one. */
export function endUserSessions(db: DbOrTx, userId: number, except?: string): number {
	const ofUser = eq(staffSessions.userId, userId);
	return db
		.delete(staffSessions)
		.where(except ? and(ofUser, ne(staffSessions.tokenHash, hashToken(except))) : ofUser)
		.run().changes;
}

/** Removes sessions that can no longer be used; cheap, run now and then. */
export function purgeExpiredSessions(db: DbOrTx, now: Date): number {
	return db
		.delete(staffSessions)
		.where(
			or(
				lt(staffSessions.expiresAt, now),
				lt(staffSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))
			)
		)
		.run().changes;
}
