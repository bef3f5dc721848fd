import type { ReadTicket } from '@huizhan/ledger/checkin';

/*
 * Ticket signatures checked in the browser, for scanning offline. The token's layout is the
 * shared one (`@huizhan/ledger/checkin`, which the server signs with); only the crypto is the
 * browser's own: WebCrypto's Ed25519 where the browser has it, @noble/ed25519 (loaded only then)
 * where it does not.
 */

export {
	readTicket,
	TOKEN_PREFIX,
	ATTENDEE_CATEGORIES as TICKET_CATEGORIES
} from '@huizhan/ledger/checkin';
export type {
	AttendeeCategory as TicketCategory,
	ReadTicket as TicketClaims
} from '@huizhan/ledger/checkin';

const base64ToBytes = (b64: string): Uint8Array<ArrayBuffer> =>
	Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));

let webCryptoWorks: boolean | undefined;

/** Verifies the signature with the raw 32-byte public key (base64), never throwing. */
export async function verifySignature(claims: ReadTicket, publicKey: string): Promise<boolean> {
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
