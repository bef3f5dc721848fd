import { desc, eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';
import { hashToken, newSessionToken } from '../auth/tokens.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import type { Actor } from './users.ts';

const { screenLinks, staffUsers } = schema;

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
export function createScreenLink(
	db: Db,
	label: string,
	actor: Actor & { user: NonNullable<Actor['user']> }
): { id: number; label: string; token: string } {
	const token = newSessionToken();
	return db.transaction(
		(tx) => {
			const row = tx
				.insert(screenLinks)
				.values({
					tokenHash: hashToken(token),
					label,
					createdAt: actor.now,
					createdBy: actor.user.id
				})
				.returning({ id: screenLinks.id })
				.get();
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

/** Revokes a link: its screen goes blank within seconds. Revoking twice changes nothing. */
export function revokeScreenLink(
	db: Db,
	id: number,
	actor: Actor & { user: NonNullable<Actor['user']> }
): { revokedAt: Date } {
	return db.transaction(
		(tx) => {
			const link = tx.select().from(screenLinks).where(eq(screenLinks.id, id)).get();
			if (!link) throw new AppError('NOT_FOUND', 'screen_link_not_found', `no screen link ${id}`);
			if (link.revokedAt) return { revokedAt: link.revokedAt };
			tx.update(screenLinks)
				.set({ revokedAt: actor.now, revokedBy: actor.user.id })
				.where(eq(screenLinks.id, id))
				.run();
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

export function listScreenLinks(db: Db): ScreenLinkView[] {
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
		.orderBy(desc(screenLinks.id))
		.all();
}

export type ScreenAccess =
	| { status: 'open'; id: number; label: string; tokenHash: string }
	| { status: 'revoked' | 'unknown' };

/** What a screen token opens: its link, or why not. */
export function resolveScreen(db: Db, token: string): ScreenAccess {
	if (!token || token.length > 100) return { status: 'unknown' };
	const tokenHash = hashToken(token);
	const link = db.select().from(screenLinks).where(eq(screenLinks.tokenHash, tokenHash)).get();
	if (!link) return { status: 'unknown' };
	if (link.revokedAt) return { status: 'revoked' };
	return { status: 'open', id: link.id, label: link.label, tokenHash };
}
