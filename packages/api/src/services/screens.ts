import { desc, eq } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import { hashToken, newSessionToken } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './users.ts';

export interface ScreenLinkView {
	id: number;
	label: string;
	createdAt: Date;
	createdBy: string;
	revokedAt: Date | null;
}

/**
 * A new read-only screen link. The token is returned this once, to be shown to the admin who
 * made it; only its hash is stored, so nobody can read it back later (make a new link instead).
 */
export async function createScreenLink(
	db: Db,
	label: string,
	actor: Actor & { user: NonNullable<Actor['user']> }
): Promise<{ id: number; label: string; token: string }> {
	const token = newSessionToken();
	return db.transaction(async (tx) => {
		const { screenLinks } = tables(tx);
		const [row] = await tx
			.insert(screenLinks)
			.values({
				tokenHash: hashToken(token),
				label,
				createdAt: actor.now,
				createdBy: actor.user.id
			})
			.returning({ id: screenLinks.id });
		if (!row) throw new Error('the screen link was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'screen_link_created',
				subjectType: 'screen_link',
				subjectId: row.id,
				detail: { label }
			},
			actor.now
		);
		return { id: row.id, label, token };
	});
}

/** Revokes a link: its screen goes blank within seconds. Revoking twice changes nothing. */
export async function revokeScreenLink(
	db: Db,
	id: number,
	actor: Actor & { user: NonNullable<Actor['user']> }
): Promise<{ revokedAt: Date }> {
	return db.transaction(async (tx) => {
		const { screenLinks } = tables(tx);
		const [link] = await tx.select().from(screenLinks).where(eq(screenLinks.id, id));
		if (!link) throw new AppError('NOT_FOUND', 'screen_link_not_found', `no screen link ${id}`);
		if (link.revokedAt) return { revokedAt: link.revokedAt };
		await tx
			.update(screenLinks)
			.set({ revokedAt: actor.now, revokedBy: actor.user.id })
			.where(eq(screenLinks.id, id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'screen_link_revoked',
				subjectType: 'screen_link',
				subjectId: id,
				detail: { label: link.label }
			},
			actor.now
		);
		return { revokedAt: actor.now };
	});
}

export async function listScreenLinks(db: Db): Promise<ScreenLinkView[]> {
	const { screenLinks, staffUsers } = tables(db);
	return db
		.select({
			id: screenLinks.id,
			label: screenLinks.label,
			createdAt: screenLinks.createdAt,
			createdBy: staffUsers.login,
			revokedAt: screenLinks.revokedAt
		})
		.from(screenLinks)
		.innerJoin(staffUsers, eq(staffUsers.id, screenLinks.createdBy))
		.orderBy(desc(screenLinks.id));
}

export type ScreenAccess =
	| { status: 'open'; id: number; label: string; tokenHash: string }
	| { status: 'revoked' | 'unknown' };

/** What a screen token opens: its link, or why not. */
export async function resolveScreen(db: Db, token: string): Promise<ScreenAccess> {
	if (!token || token.length > 100) return { status: 'unknown' };
	const tokenHash = hashToken(token);
	const { screenLinks } = tables(db);
	const [link] = await db.select().from(screenLinks).where(eq(screenLinks.tokenHash, tokenHash));
	if (!link) return { status: 'unknown' };
	if (link.revokedAt) return { status: 'revoked' };
	return { status: 'open', id: link.id, label: link.label, tokenHash };
}
