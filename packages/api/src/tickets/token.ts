import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import {
	readTicket as readTicketBytes,
	ticketBody,
	toBase32,
	TOKEN_PREFIX,
	type TicketClaims
} from '@huizhan/ledger/checkin';

/*
 * Signing and verifying ticket tokens on the server, with node:crypto. The token's layout (and
 * its base32) is the shared one in `@huizhan/ledger/checkin`, which the offline scanner reads too.
 */

export {
	ATTENDEE_CATEGORIES as TICKET_CATEGORY_CODES,
	TOKEN_PREFIX
} from '@huizhan/ledger/checkin';
export type { TicketClaims } from '@huizhan/ledger/checkin';
export type TicketCategory = TicketClaims['category'];

/** Signs a ticket with the conference's private key. */
export function signTicket(claims: TicketClaims, privateKey: KeyObject): string {
	const payload = ticketBody(claims);
	const signature = sign(null, payload, privateKey);
	return TOKEN_PREFIX + toBase32(Buffer.concat([payload, signature]));
}

export type TicketCheck =
	| { ok: true; claims: TicketClaims }
	| { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' };

/** Reads the claims a token makes without trusting them (to find the key to check it with). */
export function readTicket(token: string): TicketClaims | null {
	const read = readTicketBytes(token);
	return read
		? { keyId: read.keyId, registrationNumber: read.registrationNumber, category: read.category }
		: null;
}

/** Verifies a token against the public keys by key id; never throws on bad input. */
export function verifyTicket(
	token: string,
	publicKeys: (keyId: string) => KeyObject | undefined
): TicketCheck {
	const read = readTicketBytes(token);
	if (!read) return { ok: false, reason: 'malformed' };
	const key = publicKeys(read.keyId);
	if (!key) return { ok: false, reason: 'unknown_key' };
	const claims = {
		keyId: read.keyId,
		registrationNumber: read.registrationNumber,
		category: read.category
	};
	return verify(null, read.body, key, read.signature)
		? { ok: true, claims }
		: { ok: false, reason: 'bad_signature' };
}

/** Key objects from the raw 32-byte Ed25519 keys stored (base64). */
export const publicKeyFromRaw = (raw: string): KeyObject =>
	createPublicKey({
		key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') },
		format: 'jwk'
	});
export const privateKeyFromPkcs8 = (der: string): KeyObject =>
	createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
