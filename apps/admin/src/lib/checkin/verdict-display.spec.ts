import { expect, test } from 'vitest';
import { verdictHoldMs, verdictTone } from './verdict-display';

test('an admission is green, a second admission amber and every refusal red', () => {
	expect(verdictTone({ reason: 'ok' })).toBe('ok');
	expect(verdictTone({ reason: 'already_checked_in' })).toBe('warn');
	for (const reason of [
		'not_allowed_here',
		'cancelled',
		'invalid',
		'wrong_conference',
		'unknown'
	]) {
		expect(verdictTone({ reason }), reason).toBe('refuse');
	}
});

test('amber and red verdicts stay several seconds, well past the old 1.4 s glance', () => {
	expect(verdictHoldMs('warn')).toBeGreaterThanOrEqual(4_000);
	expect(verdictHoldMs('refuse')).toBeGreaterThanOrEqual(4_000);
});

test('a green verdict clears sooner than an amber or red one, to keep the queue moving', () => {
	expect(verdictHoldMs('ok')).toBeLessThan(verdictHoldMs('warn'));
	expect(verdictHoldMs('ok')).toBeLessThan(verdictHoldMs('refuse'));
});
