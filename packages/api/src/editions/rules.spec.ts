import { describe, expect, test } from 'vitest';
import {
	canMoveTo,
	capacityShortfall,
	dateNextYear,
	instantNextYear,
	isListedOnHome,
	isVisibleToPublic,
	registrationPhase,
	STATUS_TRANSITIONS,
	type EditionStatus
} from './rules.ts';

const STATUSES: EditionStatus[] = ['draft', 'open', 'closed', 'archived'];

describe('status transitions', () => {
	test('an edition goes draft → open → closed → archived', () => {
		expect(canMoveTo('draft', 'open')).toBe(true);
		expect(canMoveTo('open', 'closed')).toBe(true);
		expect(canMoveTo('closed', 'archived')).toBe(true);
	});

	test('closing and archiving can be undone one step at a time', () => {
		expect(canMoveTo('closed', 'open')).toBe(true);
		expect(canMoveTo('archived', 'closed')).toBe(true);
		expect(canMoveTo('archived', 'open')).toBe(false);
	});

	test('nothing goes back to draft, skips a step, or stays where it is', () => {
		for (const from of STATUSES) {
			expect(canMoveTo(from, 'draft'), from).toBe(false);
			expect(canMoveTo(from, from), from).toBe(false);
		}
		expect(canMoveTo('draft', 'closed')).toBe(false);
		expect(canMoveTo('draft', 'archived')).toBe(false);
		expect(canMoveTo('open', 'archived')).toBe(false);
	});

	test('every status has its list of next statuses', () => {
		expect(Object.keys(STATUS_TRANSITIONS).sort()).toEqual([...STATUSES].sort());
	});
});

describe('who sees an edition', () => {
	test('a draft is hidden from the public; every other status can be opened', () => {
		expect(STATUSES.filter(isVisibleToPublic)).toEqual(['open', 'closed', 'archived']);
	});

	test('the home page lists open and closed editions, not drafts or archived ones', () => {
		expect(STATUSES.filter(isListedOnHome)).toEqual(['open', 'closed']);
	});
});

describe('registrationPhase', () => {
	const window = {
		registrationOpensAt: new Date('2026-08-01T00:00:00Z'),
		registrationClosesAt: new Date('2026-11-05T10:00:00Z')
	};

	test('an open edition takes registrations inside its window, both ends included', () => {
		const edition = { ...window, status: 'open' as const };
		expect(registrationPhase(edition, window.registrationOpensAt)).toBe('open');
		expect(registrationPhase(edition, window.registrationClosesAt)).toBe('open');
		expect(registrationPhase(edition, new Date('2026-07-31T23:59:59Z'))).toBe('upcoming');
		expect(registrationPhase(edition, new Date('2026-11-05T10:00:01Z'))).toBe('closed');
	});

	test('a draft, closed or archived edition takes none, even inside its window', () => {
		const inside = new Date('2026-09-01T00:00:00Z');
		for (const status of ['draft', 'closed', 'archived'] as const) {
			expect(registrationPhase({ ...window, status }, inside), status).toBe('closed');
		}
	});
});

describe('capacityShortfall', () => {
	test('refuses a capacity below the seats taken, naming how many are taken', () => {
		expect(capacityShortfall(4, 5)).toBe(5);
		expect(capacityShortfall(0, 1)).toBe(1);
	});

	test('accepts a capacity equal to or above the seats taken, or no limit', () => {
		expect(capacityShortfall(5, 5)).toBeNull();
		expect(capacityShortfall(6, 5)).toBeNull();
		expect(capacityShortfall(null, 10_000)).toBeNull();
	});
});

describe('copying an edition moves its dates by a year', () => {
	test('a calendar date moves to the same day next year', () => {
		expect(dateNextYear('2024-11-03')).toBe('2025-11-03');
		expect(dateNextYear('2025-01-01')).toBe('2026-01-01');
	});

	test('29 February moves to 28 February when next year has none', () => {
		expect(dateNextYear('2024-02-29')).toBe('2025-02-28');
		expect(instantNextYear(new Date('2024-02-29T16:00:00Z')).toISOString()).toBe(
			'2025-02-28T16:00:00.000Z'
		);
	});

	test('a moment keeps its time of day a year later', () => {
		expect(instantNextYear(new Date('2024-07-31T16:00:00Z')).toISOString()).toBe(
			'2025-07-31T16:00:00.000Z'
		);
	});

	test('anything but a calendar date is refused', () => {
		expect(() => dateNextYear('3 Nov 2024')).toThrow(/calendar date/);
	});
});
