import { generateKeyPairSync } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { readTicket, signTicket, TICKET_CATEGORY_CODES, verifyTicket } from './token.ts';

const pair = () => generateKeyPairSync('ed25519');
const claims = { keyId: '0a1b2c3d', registrationNumber: 12345, category: 'vip' as const };

describe('ticket tokens', () => {
	test('verify with the conference key and carry the claims', () => {
		const { privateKey, publicKey } = pair();
		const token = signTicket(claims, privateKey);
		expect(token).toMatch(/^HZ1[A-Z2-7]+$/);
		expect(token.length).toBeLessThan(125);
		expect(verifyTicket(token, (id) => (id === claims.keyId ? publicKey : undefined))).toEqual({
			ok: true,
			claims
		});
		// Scanners may add case changes or whitespace.
		expect(verifyTicket(` ${token.toLowerCase()} `, () => publicKey).ok).toBe(true);
	});

	test('are refused when signed by another key, altered, or unknown', () => {
		const { privateKey } = pair();
		const other = pair();
		const token = signTicket(claims, privateKey);
		expect(verifyTicket(token, () => other.publicKey)).toEqual({
			ok: false,
			reason: 'bad_signature'
		});
		expect(verifyTicket(token, () => undefined)).toEqual({ ok: false, reason: 'unknown_key' });
		expect(verifyTicket('HZ1NOTATOKEN', () => other.publicKey)).toEqual({
			ok: false,
			reason: 'malformed'
		});
		expect(verifyTicket('', () => other.publicKey)).toEqual({ ok: false, reason: 'malformed' });
	});

	test('any change to any character breaks the signature', () => {
		const { privateKey, publicKey } = pair();
		const token = signTicket(claims, privateKey);
		fc.assert(
			fc.property(
				fc.integer({ min: 3, max: token.length - 1 }),
				fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'),
				(at, char) => {
					fc.pre(token[at] !== char);
					const altered = token.slice(0, at) + char + token.slice(at + 1);
					expect(verifyTicket(altered, () => publicKey).ok).toBe(false);
				}
			)
		);
	});

	test('carry every category and the full range of registration numbers', () => {
		const { privateKey, publicKey } = pair();
		for (const category of TICKET_CATEGORY_CODES) {
			for (const registrationNumber of [1, 4_294_967_295]) {
				const token = signTicket({ ...claims, category, registrationNumber }, privateKey);
				expect(readTicket(token)).toEqual({ ...claims, category, registrationNumber });
				expect(verifyTicket(token, () => publicKey).ok).toBe(true);
			}
		}
	});
});
