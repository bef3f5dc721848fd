import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { fromBase32, toBase32 } from './base32.ts';

describe('base32', () => {
	test('round-trips any bytes and refuses non-canonical text', () => {
		fc.assert(
			fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
				expect(fromBase32(toBase32(bytes))).toEqual(bytes);
			})
		);
		expect(fromBase32('abc')).toBeNull();
		expect(fromBase32('AB')).toBeNull(); // leftover bits not zero
	});
});
