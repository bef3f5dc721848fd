import { describe, expect, test } from 'vitest';
import type { EditionStatus } from '../editions/rules.ts';
import {
	countsTowardYear,
	defaultYear,
	editionsForYear,
	offeredYears,
	yearBounds,
	yearTargetsFor
} from './year.ts';

const edition = (id: string, status: EditionStatus, startsOn: string) => ({ id, status, startsOn });

describe('the year a dashboard shows by default', () => {
	test('is the calendar year of today, even once next year’s editions are open', () => {
		expect(defaultYear('2026-11-29')).toBe(2026);
		expect(defaultYear('2026-12-31')).toBe(2026);
		expect(defaultYear('2027-01-01')).toBe(2027);
	});
});

describe('the editions a dashboard shows for a year', () => {
	const editions = [
		edition('a-2024', 'archived', '2024-09-01'),
		edition('b-2024', 'closed', '2024-11-01'),
		edition('a-2026', 'open', '2026-09-01'),
		edition('b-2026', 'closed', '2026-10-01'),
		edition('c-2026', 'archived', '2026-11-01'),
		edition('d-2026', 'draft', '2026-12-01')
	];
	const ids = (year: number, current: number) =>
		editionsForYear(editions, year, current).map((e) => e.id);

	test('are the editions starting in that year, in the order given', () => {
		expect(ids(2026, 2026)).toEqual(['a-2026', 'b-2026']);
	});

	test('leave out an archived edition of the current year', () => {
		expect(ids(2026, 2026)).not.toContain('c-2026');
	});

	test('keep archived editions when an earlier year is browsed as history', () => {
		expect(ids(2024, 2026)).toEqual(['a-2024', 'b-2024']);
	});

	test('never include a draft, not even as history', () => {
		expect(ids(2026, 2026)).not.toContain('d-2026');
		expect(ids(2026, 2027)).toEqual(['a-2026', 'b-2026', 'c-2026']);
	});

	test('are none for a year without editions', () => {
		expect(ids(2025, 2026)).toEqual([]);
	});

	test('in the current year, include the later editions already open or closed, never their drafts or archived ones', () => {
		const ahead = [
			...editions,
			edition('a-2027', 'open', '2027-09-01'),
			edition('b-2027', 'closed', '2027-10-01'),
			edition('c-2027', 'draft', '2027-11-01'),
			edition('d-2027', 'archived', '2027-12-01')
		];
		const shown = (year: number, current: number) =>
			editionsForYear(ahead, year, current).map((e) => e.id);
		expect(shown(2026, 2026)).toEqual(['a-2026', 'b-2026', 'a-2027', 'b-2027']);
		// Browsing an earlier year shows that year alone.
		expect(shown(2024, 2026)).toEqual(['a-2024', 'b-2024']);
		// A later year shows its own.
		expect(shown(2027, 2026)).toEqual(['a-2027', 'b-2027']);
	});
});

describe('the year targets of a year', () => {
	test('are the whole-year targets whose period starts in that year', () => {
		const targets = [
			{ id: 1, scope: 'year', periodStart: '2024-01-01' },
			{ id: 2, scope: 'year', periodStart: '2026-01-01' },
			{ id: 3, scope: 'conference', periodStart: '2026-01-01' },
			{ id: 4, scope: 'year', periodStart: '2026-07-01' }
		];
		expect(yearTargetsFor(targets, 2026).map((t) => t.id)).toEqual([2, 4]);
		expect(yearTargetsFor(targets, 2024).map((t) => t.id)).toEqual([1]);
		expect(yearTargetsFor(targets, 2025)).toEqual([]);
	});
});

describe('everyday signings', () => {
	test('count toward the year of their signing date', () => {
		expect(countsTowardYear('2026-01-01', 2026)).toBe(true);
		expect(countsTowardYear('2026-12-31', 2026)).toBe(true);
		expect(countsTowardYear('2025-12-31', 2026)).toBe(false);
		expect(countsTowardYear('2027-01-01', 2026)).toBe(false);
	});

	test('a year runs from its first to its last day', () => {
		expect(yearBounds(2026)).toEqual({ from: '2026-01-01', to: '2026-12-31' });
	});
});

describe('the years offered in a year selector', () => {
	test('are those with editions, targets or signings and the current year, newest first', () => {
		const years = offeredYears(
			[edition('a-2024', 'archived', '2024-09-01'), edition('a-2028', 'draft', '2028-09-01')],
			[{ scope: 'year', periodStart: '2025-01-01' }],
			['2023-05-04', '2024-09-01'],
			2026
		);
		expect(years).toEqual([2026, 2025, 2024, 2023]);
	});
});
