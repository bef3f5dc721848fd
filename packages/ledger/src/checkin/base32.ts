/*
 * RFC 4648 base32 without padding, upper case. Tickets use it because its alphabet (A–Z, 2–7)
 * lies inside the QR code's alphanumeric mode: 5.5 bits a character instead of byte mode's 8,
 * so the same token makes a smaller, easier-to-scan code than base64 would.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

export function toBase32(bytes: Uint8Array): string {
	let bits = 0;
	let value = 0;
	let out = '';
	for (const byte of bytes) {
		value = ((value << 8) | byte) & 0xffff;
		bits += 8;
		while (bits >= 5) {
			out += ALPHABET[(value >>> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
	return out;
}

/** Null for anything that is not canonical base32 of this alphabet. */
export function fromBase32(text: string): Uint8Array<ArrayBuffer> | null {
	const bytes: number[] = [];
	let bits = 0;
	let value = 0;
	for (const char of text) {
		const index = ALPHABET.indexOf(char);
		if (index < 0) return null;
		// Only the last 16 bits matter; masking keeps long inputs from overflowing into the sign.
		value = ((value << 5) | index) & 0xffff;
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 255);
			bits -= 8;
		}
	}
	// Leftover bits must be zero padding, or two texts would decode to the same bytes.
	if (bits >= 5 || (value & ((1 << bits) - 1)) !== 0) return null;
	return Uint8Array.from(bytes);
}
