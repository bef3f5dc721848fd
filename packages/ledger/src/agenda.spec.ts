import { describe, expect, it } from 'vitest';
import { clashesWith, mayAttend, sessionRefusal, sessionsOverlap } from './agenda.ts';

const at = (hhmm: string) => Date.parse(`2026-05-20T${hhmm}:00+08:00`);
const slot = (id: number, from: string, to: string) => ({ id, startsAt: at(from), endsAt: at(to) });

describe('sessionsOverlap', () => {
	it('sees shared time, not touching ends', () => {
		expect(sessionsOverlap(slot(1, '09:00', '10:00'), slot(2, '09:30', '11:00'))).toBe(true);
		expect(sessionsOverlap(slot(1, '09:00', '12:00'), slot(2, '10:00', '11:00'))).toBe(true);
		expect(sessionsOverlap(slot(1, '09:00', '10:00'), slot(2, '10:00', '11:00'))).toBe(false);
		expect(sessionsOverlap(slot(1, '10:00', '11:00'), slot(2, '09:00', '10:00'))).toBe(false);
	});
});

describe('sessionRefusal', () => {
	const forum = { allowedCategories: ['delegate', 'vip'] as const, signupRequired: true };

	it('refuses a category the session does not take, whether or not they signed up', () => {
		expect(sessionRefusal(forum, 'visitor', true)).toBe('not_allowed_here');
		expect(sessionRefusal(forum, 'visitor', false)).toBe('not_allowed_here');
	});

	it('refuses one who did not sign up for a sign-up-only session', () => {
		expect(sessionRefusal(forum, 'vip', false)).toBe('not_signed_up');
		expect(sessionRefusal(forum, 'vip', true)).toBeNull();
	});

	it('lets any ticket holder into an open session', () => {
		const open = { allowedCategories: null, signupRequired: false };
		expect(sessionRefusal(open, 'visitor', false)).toBeNull();
		expect(mayAttend(open, 'media')).toBe(true);
		expect(mayAttend(forum, 'media')).toBe(false);
	});
});

describe('clashesWith', () => {
	it('names the chosen sessions that share time, leaving the session itself out', () => {
		const chosen = [
			slot(1, '09:00', '10:00'),
			slot(2, '10:30', '11:30'),
			slot(3, '13:00', '14:00')
		];
		expect(clashesWith(slot(4, '09:30', '10:45'), chosen).map((s) => s.id)).toEqual([1, 2]);
		expect(clashesWith(chosen[0]!, chosen)).toEqual([]);
	});
});
