/*
 * The ticket token `HZ1…` read and verified in the browser, for scanning offline (issue #6). The
 * same format as the server's `packages/api/src/tickets/token.ts` — key id (4 bytes) |
 * registration number (4, big-endian) | category (1) | Ed25519 signature (64), base32 — checked
 * against the conference's public keys from the snapshot. WebCrypto's Ed25519 where the browser
 * has it; @noble/ed25519 (loaded only then) where it does not.
 */

export const TOKEN_PREFIX = 'HZ1';
const BODY_BYTES = 9;
const SIGNATURE_BYTES = 64;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TICKET_CATEGORIES = ['visitor', 'delegate', 'exhibitor', 'media', 'vip'] as const;
export type TicketCategory = (typeof TICKET_CATEGORIES)[number];

export interface TicketClaims {
	keyId: string;
	registrationNumber: number;
	category: TicketCategory;
	body: Uint8Array<ArrayBuffer>;
	signature: Uint8Array<ArrayBuffer>;
}

function fromBase32(text: string): Uint8Array<ArrayBuffer> | null {
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const char of text) {
		const index = ALPHABET.indexOf(char);
		if (index < 0) return null;
		value = ((value << 5) | index) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return null;
	return Uint8Array.from(bytes);
}

const hex = (bytes: Uint8Array) =>
	Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** The claims a token makes, unverified; null when it is not a ticket token at all. */
export function readTicket(token: string): TicketClaims | null {
	const text = token.trim().toUpperCase();
	if (!text.startsWith(TOKEN_PREFIX)) return null;
	const bytes = fromBase32(text.slice(TOKEN_PREFIX.length));
	if (!bytes || bytes.length !== BODY_BYTES + SIGNATURE_BYTES) return null;
	const category = TICKET_CATEGORIES[bytes[8]!];
	if (!category) return null;
	return {
		keyId: hex(bytes.subarray(0, 4)),
		registrationNumber: new DataView(bytes.buffer).getUint32(4),
		category,
		body: bytes.slice(0, BODY_BYTES),
		signature: bytes.slice(BODY_BYTES)
	};
}

const base64ToBytes = (b64: string): Uint8Array<ArrayBuffer> =>
	Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

let webCryptoWorks: boolean | undefined;

/** Verifies the signature with the raw 32-byte public key (base64), never throwing. */
export async function verifySignature(claims: TicketClaims, publicKey: string): Promise<boolean> {
	const raw = base64ToBytes(publicKey);
	if (webCryptoWorks !== false) {
		try {
			const key = await crypto.subtle.importKey('raw', raw, { name: 'Ed25519' }, false, ['verify']);
			const valid = await crypto.subtle.verify(
				{ name: 'Ed25519' },
				key,
				claims.signature,
				claims.body
			);
			webCryptoWorks = true;
			return valid;
		} catch {
			// This browser's WebCrypto has no Ed25519: use the library from now on.
			webCryptoWorks = false;
		}
	}
	try {
		const ed = await import('@noble/ed25519');
		return await ed.verifyAsync(claims.signature, claims.body, raw);
	} catch {
		return false;
	}
}

/** Forces the library path (for its test). */
export const _useLibraryOnly = () => (webCryptoWorks = false);
