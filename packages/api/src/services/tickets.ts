import { generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull } from 'drizzle-orm';
import { tables, type Db, type DbOrTx } from '@huizhan/db';
import { AppError } from '../errors.ts';
import {
	privateKeyFromPkcs8,
	publicKeyFromRaw,
	signTicket,
	verifyTicket,
	type TicketCategory,
	type TicketCheck
} from '../tickets/token.ts';

/**
 * Gives every conference a signing key if it has none in use; run at start-up. Returns the
 * conferences that got one. Keys live in the database so every app process signs alike.
 */
export async function ensureTicketKeys(db: Db, now: Date = new Date()): Promise<string[]> {
	return db.transaction(async (tx) => {
		const { conferences, ticketKeys } = tables(tx);
		const withKey = new Set(
			(
				await tx
					.select({ id: ticketKeys.conferenceId })
					.from(ticketKeys)
					.where(isNull(ticketKeys.retiredAt))
			).map((k) => k.id)
		);
		const created: string[] = [];
		for (const { id } of await tx.select({ id: conferences.id }).from(conferences)) {
			if (withKey.has(id)) continue;
			await issueTicketKey(tx, id, now);
			created.push(id);
		}
		return created;
	});
}

/**
 * A new Ed25519 signing key for a conference, in the caller's transaction; returns its id. Its
 * creation time is later than every earlier key's of the conference, even within one
 * millisecond, so "the newest key" is always one key: the order of creation is all there is to
 * tell keys apart by (neither database keeps a row order of its own to fall back on).
 */
export async function issueTicketKey(db: DbOrTx, conferenceId: string, now: Date): Promise<string> {
	const { ticketKeys } = tables(db);
	const { publicKey, privateKey } = generateKeyPairSync('ed25519');
	const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x ?? '', 'base64url');
	const keyId = randomBytes(4).toString('hex');
	const [newest] = await db
		.select({ createdAt: ticketKeys.createdAt })
		.from(ticketKeys)
		.where(eq(ticketKeys.conferenceId, conferenceId))
		.orderBy(desc(ticketKeys.createdAt))
		.limit(1);
	const after = newest ? newest.createdAt.getTime() + 1 : -Infinity;
	await db.insert(ticketKeys).values({
		keyId,
		conferenceId,
		publicKey: raw.toString('base64'),
		privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
		createdAt: new Date(Math.max(now.getTime(), after))
	});
	return keyId;
}

/**
 * Rotates a conference's ticket key: a new key signs every ticket from now on (the ticket page
 * shows the new token), while tickets signed with the older keys stay valid until those keys
 * are retired (`retireTicketKey`). Returns the new key's id.
 */
export async function rotateTicketKey(db: Db, conferenceId: string, now: Date): Promise<string> {
	return db.transaction(async (tx) => {
		const { conferences } = tables(tx);
		const [conference] = await tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.id, conferenceId));
		if (!conference) {
			throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
		}
		return issueTicketKey(tx, conferenceId, now);
	});
}

/**
 * Retires a ticket key: the tickets it signed are refused from then on (running apps notice
 * within a minute; scanners with their next snapshot). A conference's newest key cannot be
 * retired — rotate first — so there is always one to sign with.
 */
export async function retireTicketKey(
	db: Db,
	keyId: string,
	now: Date
): Promise<{ keyId: string; conferenceId: string }> {
	return db.transaction(async (tx) => {
		const { ticketKeys } = tables(tx);
		const [key] = await tx.select().from(ticketKeys).where(eq(ticketKeys.keyId, keyId));
		if (!key) throw new AppError('NOT_FOUND', 'key_not_found', `no ticket key ${keyId}`);
		if (key.retiredAt) {
			throw new AppError('CONFLICT', 'key_already_retired', `ticket key ${keyId} is retired`);
		}
		if ((await signingKey(tx, key.conferenceId))?.keyId === keyId) {
			throw new AppError(
				'CONFLICT',
				'key_in_use',
				`ticket key ${keyId} signs ${key.conferenceId}'s new tickets: rotate first`
			);
		}
		await tx.update(ticketKeys).set({ retiredAt: now }).where(eq(ticketKeys.keyId, keyId));
		return { keyId, conferenceId: key.conferenceId };
	});
}

/** The key that signs a conference's new tickets: its newest valid one. */
async function signingKey(db: DbOrTx, conferenceId: string) {
	const { ticketKeys } = tables(db);
	const [key] = await db
		.select()
		.from(ticketKeys)
		.where(and(eq(ticketKeys.conferenceId, conferenceId), isNull(ticketKeys.retiredAt)))
		.orderBy(desc(ticketKeys.createdAt))
		.limit(1);
	return key;
}

/** The keys that still verify tickets (retired ones do not), of one conference or all. */
export async function validTicketKeys(db: DbOrTx, conferenceId?: string) {
	return (await publicTicketKeys(db, conferenceId)).filter((k) => k.retiredAt === null);
}

/** The public keys scanners need to verify a conference's tickets offline (never the private). */
export async function publicTicketKeys(db: DbOrTx, conferenceId?: string) {
	const { ticketKeys } = tables(db);
	const keys = await db
		.select({
			keyId: ticketKeys.keyId,
			conferenceId: ticketKeys.conferenceId,
			publicKey: ticketKeys.publicKey,
			retiredAt: ticketKeys.retiredAt
		})
		.from(ticketKeys)
		.where(conferenceId ? eq(ticketKeys.conferenceId, conferenceId) : undefined)
		.orderBy(asc(ticketKeys.createdAt), asc(ticketKeys.conferenceId));
	return keys.map((k) => ({
		...k,
		algorithm: 'Ed25519' as const,
		retiredAt: k.retiredAt?.toISOString() ?? null
	}));
}

const keyCache = new Map<string, KeyObject>();

/** Signs the ticket token of a confirmed registration with its conference's newest key. */
export async function ticketToken(
	db: DbOrTx,
	registration: { id: number; conferenceId: string; category: TicketCategory }
): Promise<string> {
	const key = await signingKey(db, registration.conferenceId);
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
export async function checkTicketToken(
	db: DbOrTx,
	token: string
): Promise<TicketCheck & { conferenceId?: string }> {
	const keys = new Map((await validTicketKeys(db)).map((k) => [k.keyId, k]));
	const result = verifyTicket(token, (keyId) => {
		const key = keys.get(keyId);
		return key ? publicKeyFromRaw(key.publicKey) : undefined;
	});
	return result.ok
		? { ...result, conferenceId: keys.get(result.claims.keyId)?.conferenceId }
		: result;
}

/** The registration numbers whose tickets must be refused: cancelled or rejected. */
export async function revokedRegistrations(db: DbOrTx, conferenceId: string): Promise<number[]> {
	const { registrations } = tables(db);
	const revoked = await db
		.select({ id: registrations.id })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				inArray(registrations.status, ['cancelled', 'rejected'])
			)
		)
		.orderBy(asc(registrations.id));
	return revoked.map((r) => r.id);
}
