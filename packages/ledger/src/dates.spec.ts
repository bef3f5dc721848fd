import { expect, test } from 'vitest';
import fc from 'fast-check';
import {
	addDays,
	beijingDateOf,
	dateOfDayNumber,
	dayNumber,
	daysBetween,
	isIsoDate
} from './dates.ts';

test('accepts only dates that exist on the calendar', () => {
	expect(isIsoDate('2024-02-29')).toBe(true);
	expect(isIsoDate('2000-02-29')).toBe(true);
	for (const text of [
		'2023-02-29',
		'1900-02-29',
		'2024-13-01',
		'2024-04-31',
		'2024-00-10',
		'2024-1-5',
		'20240105',
		''
	])
		expect(isIsoDate(text), text).toBe(false);
	expect(isIsoDate(20240105)).toBe(false);
});

test('counts days across month, year and leap-day boundaries', () => {
	expect(dayNumber('1970-01-01')).toBe(0);
	expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
	expect(daysBetween('2023-01-01', '2023-12-31')).toBe(364);
	expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
	expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
	expect(addDays('2023-12-31', 1)).toBe('2024-01-01');
});

test('day numbers and dates convert both ways without loss', () => {
	fc.assert(
		fc.property(fc.integer({ min: -700_000, max: 2_900_000 }), (days) => {
			expect(dayNumber(dateOfDayNumber(days))).toBe(days);
		})
	);
});

test('agrees with the JavaScript calendar on every day it can write', () => {
	fc.assert(
		fc.property(fc.integer({ min: -600_000, max: 2_900_000 }), (days) => {
			expect(dateOfDayNumber(days)).toBe(new Date(days * 86_400_000).toISOString().slice(0, 10));
		})
	);
});

test('a Beijing date turns at 16:00 UTC', () => {
	expect(beijingDateOf('2024-09-05T15:59:59.999Z')).toBe('2024-09-05');
	expect(beijingDateOf('2024-09-05T16:00:00Z')).toBe('2024-09-06');
	expect(beijingDateOf('2024-09-06T07:30:00+08:00')).toBe('2024-09-06');
	expect(() => beijingDateOf('yesterday')).toThrow(RangeError);
});
