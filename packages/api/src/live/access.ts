import { and, eq, inArray } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import type { StaffRole } from '../auth/roles.ts';
import { SESSION_IDLE_MS } from '../auth/sessions.ts';
import type { StreamCredential } from './watcher.ts';

/** Who may watch the live dashboard (issue #7): leadership, admins and recorders. */
export const LIVE_ROLES: readonly StaffRole[] = ['leader', 'admin', 'recorder'];

/** SQLite's limit on bound parameters is far above this; smaller batches keep statements cached. */
const BATCH = 500;

function chunks<T>(items: T[]): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
	return out;
}

/**
 * Of the credentials of the open streams, those that no longer open one, and why: a session
 * that was signed out, expired (idle or absolute), whose user was disabled or lost every live
 * role; a screen link that was revoked or removed. One query per kind (per 500 streams), not one
 * per stream.
 */
export async function lostStreamAccess(
	db: Db,
	credentials: StreamCredential[],
	now: Date
): Promise<Map<string, 'signed_out' | 'revoked'>> {
	const { screenLinks, staffSessions, staffUserRoles, staffUsers } = tables(db);
	const lost = new Map<string, 'signed_out' | 'revoked'>();
	const staff = credentials.filter((c) => c.kind === 'staff').map((c) => c.tokenHash);
	const screens = credentials.filter((c) => c.kind === 'screen').map((c) => c.tokenHash);

	for (const batch of chunks(staff)) {
		const rows = await db
			.selectDistinct({
				tokenHash: staffSessions.tokenHash,
				lastSeenAt: staffSessions.lastSeenAt,
				expiresAt: staffSessions.expiresAt,
				disabledAt: staffUsers.disabledAt
			})
			.from(staffSessions)
			.innerJoin(staffUsers, eq(staffUsers.id, staffSessions.userId))
			.innerJoin(
				staffUserRoles,
				and(
					eq(staffUserRoles.userId, staffSessions.userId),
					inArray(staffUserRoles.role, [...LIVE_ROLES])
				)
			)
			.where(inArray(staffSessions.tokenHash, batch));
		const valid = new Set(
			rows
				.filter(
					(r) =>
						!r.disabledAt &&
						now.getTime() - r.lastSeenAt.getTime() <= SESSION_IDLE_MS &&
						now < r.expiresAt
				)
				.map((r) => r.tokenHash)
		);
		for (const hash of batch) if (!valid.has(hash)) lost.set(`staff:${hash}`, 'signed_out');
	}

	for (const batch of chunks(screens)) {
		const links = await db
			.select({ tokenHash: screenLinks.tokenHash, revokedAt: screenLinks.revokedAt })
			.from(screenLinks)
			.where(inArray(screenLinks.tokenHash, batch));
		const open = new Set(links.filter((r) => r.revokedAt === null).map((r) => r.tokenHash));
		for (const hash of batch) if (!open.has(hash)) lost.set(`screen:${hash}`, 'revoked');
	}
	return lost;
}
