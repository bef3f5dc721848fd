import { fromBase32 } from './base32.ts';
import { ATTENDEE_CATEGORIES, type AttendeeCategory } from './lists.ts';

/*
 * The ticket token in the QR code: `HZ1` + base32 of
 *   key id (4 bytes) | registration number (4 bytes, big-endian) | category (1 byte) | Ed25519 signature (64 bytes)
 * The signature covers the 9 bytes before it with the conference key named by the key id, so any
 * device holding the conference's public keys verifies a ticket offline, and keys can rotate
 * (a new key id) without invalidating tickets already issued. The token names the ticket, not
 * the person: nothing personal is readable from a photo of the QR.
 *
 * Signing and verifying need a crypto library, which differs between the server (node:crypto)
 * and the browser (WebCrypto): each passes its own; the layout lives only here.
 */

export const TOKEN_PREFIX = 'HZ1';
export const TOKEN_BODY_BYTES = 9;
export const TOKEN_SIGNATURE_BYTES = 64;

export interface TicketClaims {
	/** 8 hex characters naming the conference key that signed it. */
	keyId: string;
	/** The registration's number within the platform. */
	registrationNumber: number;
	category: AttendeeCategory;
}

/** A token taken apart: its claims, and the bytes a signature check needs. */
export interface ReadTicket extends TicketClaims {
	body: Uint8Array<ArrayBuffer>;
	signature: Uint8Array<ArrayBuffer>;
}

const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The 9 signed bytes of a ticket; throws on claims no ticket can make (a bug, not input). */
export function ticketBody(claims: TicketClaims): Uint8Array<ArrayBuffer> {
	if (!/^[0-9a-f]{8}$/.test(claims.keyId)) throw new Error(`bad key id ${claims.keyId}`);
	if (
		!Number.isInteger(claims.registrationNumber) ||
		claims.registrationNumber < 1 ||
		claims.registrationNumber > 0xffffffff
	) {
		throw new Error(`bad registration number ${claims.registrationNumber}`);
	}
	const category = ATTENDEE_CATEGORIES.indexOf(claims.category);
	if (category < 0) throw new Error(`bad category ${claims.category}`);
	const bytes = new Uint8Array(TOKEN_BODY_BYTES);
	for (let i = 0; i < 4; i++) bytes[i] = parseInt(claims.keyId.slice(i * 2, i * 2 + 2), 16);
	new DataView(bytes.buffer).setUint32(4, claims.registrationNumber);
	bytes[8] = category;
	return bytes;
}

/** The claims a token makes, unverified; null when it is not a ticket token at all. */
export function readTicket(token: string): ReadTicket | null {
	const text = token.trim().toUpperCase();
	if (!text.startsWith(TOKEN_PREFIX)) return null;
	const bytes = fromBase32(text.slice(TOKEN_PREFIX.length));
	if (!bytes || bytes.length !== TOKEN_BODY_BYTES + TOKEN_SIGNATURE_BYTES) return null;
	const category = ATTENDEE_CATEGORIES[bytes[8]!];
	if (!category) return null;
	return {
		keyId: hex(bytes.subarray(0, 4)),
		registrationNumber: new DataView(bytes.buffer).getUint32(4),
		category,
		body: bytes.slice(0, TOKEN_BODY_BYTES),
		signature: bytes.slice(TOKEN_BODY_BYTES)
	};
}
