import { describe, expect, test } from 'vitest';
import { daysBetween, shiftLocalDateTime, windowFollowingStart } from './window-shift.ts';

describe('moving the registration window with the conference', () => {
	test('counts the days the first day moved, across a year and a leap day', () => {
		expect(daysBetween('2025-11-03', '2026-12-08')).toBe(400);
		expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
		expect(daysBetween('2026-12-08', '2025-11-03')).toBe(-400);
	});

	test('gives no distance while a date is half typed', () => {
		expect(daysBetween('2025-11-03', '')).toBeNull();
		expect(daysBetween('2025-11-03', '2026-1-08')).toBeNull();
	});

	test('moves an opening and a closing time by that many days, keeping the time of day', () => {
		expect(shiftLocalDateTime('2025-08-01T00:00', 400)).toBe('2026-09-05T00:00');
		expect(shiftLocalDateTime('2025-11-05T18:00', 400)).toBe('2026-12-10T18:00');
		expect(shiftLocalDateTime('2028-02-28T09:30', 1)).toBe('2028-02-29T09:30');
	});

	test('leaves a value that is not a full date and time as it is', () => {
		expect(shiftLocalDateTime('', 3)).toBe('');
		expect(shiftLocalDateTime('2025-11-05', 3)).toBe('2025-11-05');
	});
});

describe('a form sent with the first day moved', () => {
	const shown = {
		startsOn: '2025-11-03',
		registrationOpensAt: '2025-08-01T00:00',
		registrationClosesAt: '2025-11-05T18:00'
	};

	test('moves a window left as shown by the same days', () => {
		expect(windowFollowingStart({ ...shown, startsOn: '2026-12-08' }, shown)).toEqual({
			startsOn: '2026-12-08',
			registrationOpensAt: '2026-09-05T00:00',
			registrationClosesAt: '2026-12-10T18:00'
		});
	});

	test('keeps a window the organiser changed, and one whose first day did not move', () => {
		const edited = {
			startsOn: '2026-12-08',
			registrationOpensAt: '2026-10-01T00:00',
			registrationClosesAt: '2025-11-05T18:00'
		};
		expect(windowFollowingStart(edited, shown)).toEqual(edited);
		expect(windowFollowingStart(shown, shown)).toEqual(shown);
	});
});
