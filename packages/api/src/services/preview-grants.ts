import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';

/*
 * A preview grant lets an admin see a draft edition's attendee pages on the attendee site,
 * which runs on another origin and shares no session with the console (docs/architecture.md,
 * “Previewing a draft”). It is a bearer token bound to one edition, valid for two hours, and
 * MACed with a key derived (HKDF) from that edition's current ticket signing key: the secret
 * already lives in the database both apps share, so no new secret has to be configured or
 * stored, and the derivation label keeps a grant from ever being mistaken for a ticket.
 * Rotating or retiring the ticket key ends every grant made with it.
 */

export const PREVIEW_GRANT_TTL_MS = 2 * 60 * 60 * 1000;
const LABEL = 'huizhan preview grant/1';

const macKey = (privateKeyPkcs8Base64: string) =>
	Buffer.from(hkdfSync('sha256', Buffer.from(privateKeyPkcs8Base64, 'base64'), '', LABEL, 32));

const mac = (key: Buffer, payload: string) =>
	createHmac('sha256', key).update(payload).digest('base64url');

interface GrantPayload {
	/** The edition. */
	e: string;
	/** The ticket key the MAC key was derived from. */
	k: string;
	/** Expiry, ms since the epoch. */
	x: number;
}

export interface PreviewGrant {
	token: string;
	conferenceId: string;
	expiresAt: string;
}

/** Mints a grant to preview `conferenceId` as the public would see it; audited. */
export async function grantPreview(
	db: Db,
	conferenceId: string,
	actor: { user: StaffUser; source: string; now: Date }
): Promise<PreviewGrant> {
	const { conferences, ticketKeys } = tables(db);
	const [edition] = await db
		.select({ id: conferences.id, status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	if (!edition) {
		throw new AppError('NOT_FOUND', 'edition_not_found', `no edition ${conferenceId}`);
	}
	const [key] = await db
		.select()
		.from(ticketKeys)
		.where(and(eq(ticketKeys.conferenceId, conferenceId), isNull(ticketKeys.retiredAt)))
		.orderBy(desc(ticketKeys.createdAt))
		.limit(1);
	if (!key) {
		throw new AppError('CONFLICT', 'no_ticket_key', `${conferenceId} has no valid ticket key`);
	}
	const expiresAt = new Date(actor.now.getTime() + PREVIEW_GRANT_TTL_MS);
	const payload = Buffer.from(
		JSON.stringify({ e: conferenceId, k: key.keyId, x: expiresAt.getTime() } satisfies GrantPayload)
	).toString('base64url');
	const token = `${payload}.${mac(macKey(key.privateKey), payload)}`;
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'edition_preview_granted',
			subjectType: 'conference',
			subjectId: conferenceId,
			detail: { status: edition.status, expiresAt: expiresAt.toISOString() }
		},
		actor.now
	);
	return { token, conferenceId, expiresAt: expiresAt.toISOString() };
}

/**
 * The edition a grant lets its holder preview, with its expiry, or null for anything that is
 * not a valid, unexpired grant (malformed, tampered, another edition's key, a retired key).
 */
export async function checkPreviewGrant(
	db: Db,
	token: string | null | undefined,
	now: Date
): Promise<{ conferenceId: string; expiresAt: Date } | null> {
	if (!token || token.length > 512) return null;
	const [payload, given, extra] = token.split('.');
	if (!payload || !given || extra !== undefined) return null;
	let claims: GrantPayload;
	try {
		claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as GrantPayload;
	} catch {
		return null;
	}
	if (
		typeof claims?.e !== 'string' ||
		typeof claims.k !== 'string' ||
		typeof claims.x !== 'number'
	) {
		return null;
	}
	const { ticketKeys } = tables(db);
	const [key] = await db
		.select()
		.from(ticketKeys)
		.where(and(eq(ticketKeys.keyId, claims.k), isNull(ticketKeys.retiredAt)))
		.limit(1);
	if (!key || key.conferenceId !== claims.e) return null;
	const expected = Buffer.from(mac(macKey(key.privateKey), payload));
	const actual = Buffer.from(given);
	if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;
	if (now.getTime() >= claims.x) return null;
	return { conferenceId: claims.e, expiresAt: new Date(claims.x) };
}
