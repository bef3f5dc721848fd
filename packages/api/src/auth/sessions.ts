import { and, eq, lt, ne, or } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { tables } from '@huizhan/db';
import type { StaffUser } from './roles.ts';
import { hashToken, newSessionToken } from './tokens.ts';

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

export async function createSession(
	db: DbOrTx,
	userId: number,
	source: string,
	now: Date
): Promise<NewSession> {
	const token = newSessionToken();
	const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
	await db.insert(tables(db).staffSessions).values({
		tokenHash: hashToken(token),
		userId,
		createdAt: now,
		lastSeenAt: now,
		expiresAt,
		source
	});
	return { token, expiresAt };
}

export async function rolesOf(db: DbOrTx, userId: number): Promise<StaffUser['roles']> {
	const { staffUserRoles } = tables(db);
	const rows = await db
		.select({ role: staffUserRoles.role })
		.from(staffUserRoles)
		.where(eq(staffUserRoles.userId, userId));
	return rows.map((r) => r.role).sort();
}

/** The signed-in user for a cookie's token, or null if it is unknown, expired or disabled. */
export async function resolveSession(
	db: Db,
	token: string | undefined,
	now: Date
): Promise<StaffUser | null> {
	if (!token || token.length > 100) return null;
	const { staffSessions, staffUsers } = tables(db);
	const tokenHash = hashToken(token);
	const [row] = await db
		.select({ session: staffSessions, user: staffUsers })
		.from(staffSessions)
		.innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
		.where(eq(staffSessions.tokenHash, tokenHash));
	if (!row) return null;
	const idleFor = now.getTime() - row.session.lastSeenAt.getTime();
	if (row.user.disabledAt || idleFor > SESSION_IDLE_MS || now >= row.session.expiresAt) {
		await db.delete(staffSessions).where(eq(staffSessions.tokenHash, tokenHash));
		return null;
	}
	if (idleFor > TOUCH_INTERVAL_MS) {
		await db
			.update(staffSessions)
			.set({ lastSeenAt: now })
			.where(eq(staffSessions.tokenHash, tokenHash));
	}
	return {
		id: row.user.id,
		login: row.user.login,
		displayName: row.user.displayName,
		roles: await rolesOf(db, row.user.id)
	};
}

/** Ends one session (sign-out). Returns the user it belonged to, if any. */
export async function endSession(db: Db, token: string): Promise<number | null> {
	const { staffSessions } = tables(db);
	const [row] = await db
		.delete(staffSessions)
		.where(eq(staffSessions.tokenHash, hashToken(token)))
		.returning({ userId: staffSessions.userId });
	return row?.userId ?? null;
}

/** Ends every session of a user (disabled, password changed), optionally sparing one. */
export async function endUserSessions(
	db: DbOrTx,
	userId: number,
	except?: string
): Promise<number> {
	const { staffSessions } = tables(db);
	const ofUser = eq(staffSessions.userId, userId);
	const ended = await db
		.delete(staffSessions)
		.where(except ? and(ofUser, ne(staffSessions.tokenHash, hashToken(except))) : ofUser)
		.returning({ tokenHash: staffSessions.tokenHash });
	return ended.length;
}

/** Removes sessions that can no longer be used; cheap, run now and then. */
export async function purgeExpiredSessions(db: DbOrTx, now: Date): Promise<number> {
	const { staffSessions } = tables(db);
	const purged = await db
		.delete(staffSessions)
		.where(
			or(
				lt(staffSessions.expiresAt, now),
				lt(staffSessions.lastSeenAt, new Date(now.getTime() - SESSION_IDLE_MS))
			)
		)
		.returning({ tokenHash: staffSessions.tokenHash });
	return purged.length;
}
