import { expect, test } from 'vitest';
import { landingPath } from './landing';

test('door staff signing in without a destination land on check-in', () => {
	expect(landingPath(['door'], '/')).toBe('/checkin');
});

test('a page door staff were sent away from still wins over check-in', () => {
	expect(landingPath(['door'], '/registrations?status=confirmed')).toBe(
		'/registrations?status=confirmed'
	);
});

test('staff with any other role land on the home page of targets', () => {
	expect(landingPath(['admin'], '/')).toBe('/');
	expect(landingPath(['leader'], '/')).toBe('/');
	expect(landingPath(['door', 'recorder'], '/')).toBe('/');
});
