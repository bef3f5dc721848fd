import { expect, test } from 'vitest';
import { RateLimiter } from './rate-limit.ts';

test('allows the limit within the window, refuses the next, and recovers as the window slides', () => {
	const limiter = new RateLimiter(3, 60_000);
	expect([0, 1, 2, 3].map((i) => limiter.take('10.0.0.1', 1_000 + i))).toEqual([
		true,
		true,
		true,
		false
	]);
	expect(limiter.take('10.0.0.2', 1_004)).toBe(true);
	expect(limiter.take('10.0.0.1', 61_001)).toBe(true);
});

test('asking whether a key may try again counts no attempt', () => {
	const limiter = new RateLimiter(1, 60_000);
	expect(limiter.allows('a', 0)).toBe(true);
	expect(limiter.allows('a', 0)).toBe(true);
	expect(limiter.take('a', 0)).toBe(true);
	expect(limiter.allows('a', 1)).toBe(false);
	expect(limiter.allows('a', 60_001)).toBe(true);
});
