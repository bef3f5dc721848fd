import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { fromBase32, toBase32 } from './base32.ts';

/*
 * The ticket token in the QR code: `HZ1` + base32 of
 *   key id (4 bytes) | registration number (4 bytes, big-endian) | category (1 byte) | Ed25519 signature (64 bytes)
 * The signature covers the 9 bytes before it with the conference key named by the key id, so any
 * device holding the conference's public keys verifies a ticket offline, and keys can rotate
 * (a new key id) without invalidating tickets already issued. The token names the ticket, not
 * the person: nothing personal is readable from a photo of the QR.
 */

export const TOKEN_PREFIX = 'HZ1';
const BODY_BYTES = 9;
const SIGNATURE_BYTES = 64;

export const TICKET_CATEGORY_CODES = ['visitor', 'delegate', 'exhibitor', 'media', 'vip'] as const;
export type TicketCategory = (typeof TICKET_CATEGORY_CODES)[number];

export interface TicketClaims {
	/** 8 hex characters naming the conference key that signed it. */
	keyId: string;
	/** The registration's number within the platform. */
	registrationNumber: number;
	category: TicketCategory;
}

function body(claims: TicketClaims): Uint8Array {
	if (!/^[0-9a-f]{8}$/.test(claims.keyId)) throw new Error(`bad key id ${claims.keyId}`);
	if (
		!Number.isInteger(claims.registrationNumber) ||
		claims.registrationNumber < 1 ||
		claims.registrationNumber > 0xffffffff
	) {
		throw new Error(`bad registration number ${claims.registrationNumber}`);
	}
	const category = TICKET_CATEGORY_CODES.indexOf(claims.category);
	if (category < 0) throw new Error(`bad category ${claims.category}`);
	const bytes = new Uint8Array(BODY_BYTES);
	bytes.set(Buffer.from(claims.keyId, 'hex'), 0);
	new DataView(bytes.buffer).setUint32(4, claims.registrationNumber);
	bytes[8] = category;
	return bytes;
}

/** Signs a ticket with the conference's private key. */
export function signTicket(claims: TicketClaims, privateKey: KeyObject): string {
	const payload = body(claims);
	const signature = sign(null, payload, privateKey);
	return TOKEN_PREFIX + toBase32(Buffer.concat([payload, signature]));
}

export type TicketCheck =
	| { ok: true; claims: TicketClaims }
	| { ok: false; reason: 'malformed' | 'unknown_key' | 'bad_signature' };

/** Reads the claims a token makes without trusting them (to find the key to check it with). */
export function readTicket(token: string): TicketClaims | null {
	const text = token.trim().toUpperCase();
	if (!text.startsWith(TOKEN_PREFIX)) return null;
	const bytes = fromBase32(text.slice(TOKEN_PREFIX.length));
	if (!bytes || bytes.length !== BODY_BYTES + SIGNATURE_BYTES) return null;
	const category = TICKET_CATEGORY_CODES[bytes[8]!];
	if (!category) return null;
	return {
		keyId: Buffer.from(bytes.subarray(0, 4)).toString('hex'),
		registrationNumber: new DataView(bytes.buffer, bytes.byteOffset).getUint32(4),
		category
	};
}

/** Verifies a token against the public keys by key id; never throws on bad input. */
export function verifyTicket(
	token: string,
	publicKeys: (keyId: string) => KeyObject | undefined
): TicketCheck {
	const claims = readTicket(token);
	if (!claims) return { ok: false, reason: 'malformed' };
	const key = publicKeys(claims.keyId);
	if (!key) return { ok: false, reason: 'unknown_key' };
	const bytes = fromBase32(token.trim().toUpperCase().slice(TOKEN_PREFIX.length))!;
	const valid = verify(null, bytes.subarray(0, BODY_BYTES), key, bytes.subarray(BODY_BYTES));
	return valid ? { ok: true, claims } : { ok: false, reason: 'bad_signature' };
}

/** Key objects from the raw 32-byte Ed25519 keys stored (base64). */
export const publicKeyFromRaw = (raw: string): KeyObject =>
	createPublicKey({
		key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw, 'base64').toString('base64url') },
		format: 'jwk'
	});
export const privateKeyFromPkcs8 = (der: string): KeyObject =>
	createPrivateKey({ key: Buffer.from(der, 'base64'), format: 'der', type: 'pkcs8' });
