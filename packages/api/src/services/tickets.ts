import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema } from '@huizhan/db';
import {
	privateKeyFromPkcs8,
	publicKeyFromRaw,
	signTicket,
	verifyTicket,
	type TicketCategory,
	type TicketCheck
} from '../tickets/token.ts';

const { conferences, registrations, ticketKeys } = schema;

/**
 * Gives every conference a signing key if it has none in use; run at start-up. Returns the
 * conferences that got one. Keys live in the database so every app process signs alike.
 */
export function ensureTicketKeys(db: Db, now: Date = new Date()): string[] {
	return db.transaction(
		(tx) => {
			const withKey = new Set(
				tx
					.select({ id: ticketKeys.conferenceId })
					.from(ticketKeys)
					.where(isNull(ticketKeys.retiredAt))
					.all()
					.map((k) => k.id)
			);
			const created: string[] = [];
			for (const { id } of tx.select({ id: conferences.id }).from(conferences).all()) {
				if (withKey.has(id)) continue;
				issueTicketKey(tx, id, now);
				created.push(id);
			}
			return created;
		},
		{ behavior: 'immediate' }
	);
}

/** A new Ed25519 signing key for a conference, in the caller's transaction. */
export function issueTicketKey(db: DbOrTx, conferenceId: string, now: Date): void {
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
	db.insert(ticketKeys)
		.values({
			keyId: randomBytes(4).toString('hex'),
			conferenceId,
			publicKey: raw.toString('base64'),
			privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
			createdAt: now
		})
		.run();
}

/** The public keys scanners need to verify a conference's tickets offline (never the private). */
export function publicTicketKeys(db: Db, conferenceId?: string) {
	return db
		.select({
			keyId: ticketKeys.keyId,
			conferenceId: ticketKeys.conferenceId,
			publicKey: ticketKeys.publicKey,
			retiredAt: ticketKeys.retiredAt
		})
		.from(ticketKeys)
		.where(conferenceId ? eq(ticketKeys.conferenceId, conferenceId) : undefined)
		.orderBy(asc(ticketKeys.createdAt))
		.all()
		.map((k) => ({
			...k,
			algorithm: 'Ed25519' as const,
			retiredAt: k.retiredAt?.toISOString() ?? null
		}));
}

const keyCache = new Map<string, KeyObject>();

/** Signs the ticket token of a confirmed registration with its conference's current key. */
export function ticketToken(
	db: Db,
	registration: { id: number; conferenceId: string; category: TicketCategory }
): string {
	const key = db
		.select()
		.from(ticketKeys)
		.where(
			and(eq(ticketKeys.conferenceId, registration.conferenceId), isNull(ticketKeys.retiredAt))
		)
		.orderBy(asc(ticketKeys.createdAt))
		.get();
	if (!key)
		throw new Error(
			`conference ${registration.conferenceId} has no ticket key (ensureTicketKeys at start-up)`
		);
	let privateKey = keyCache.get(key.keyId);
	if (!privateKey) {
		privateKey = privateKeyFromPkcs8(key.privateKey);
		keyCache.set(key.keyId, privateKey);
	}
	return signTicket(
		{ keyId: key.keyId, registrationNumber: registration.id, category: registration.category },
		privateKey
	);
}

/** Checks a token against the stored public keys (what a scanner does with its own copy). */
export function checkTicketToken(db: Db, token: string): TicketCheck & { conferenceId?: string } {
	const keys = new Map(publicTicketKeys(db).map((k) => [k.keyId, k]));
	const result = verifyTicket(token, (keyId) => {
		const key = keys.get(keyId);
		return key ? publicKeyFromRaw(key.publicKey) : undefined;
	});
	return result.ok
		? { ...result, conferenceId: keys.get(result.claims.keyId)?.conferenceId }
		: result;
}

/** The registration numbers whose tickets must be refused: cancelled or rejected. */
export function revokedRegistrations(db: Db, conferenceId: string): number[] {
	return db
		.select({ id: registrations.id })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				inArray(registrations.status, ['cancelled', 'rejected'])
			)
		)
		.orderBy(asc(registrations.id))
		.all()
		.map((r) => r.id);
}
