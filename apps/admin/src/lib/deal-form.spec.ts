import { expect, test } from 'vitest';
import { looksShortOfUnit, todayInBeijing } from './deal-form.ts';

test('today in Beijing is already tomorrow from 16:00 UTC', () => {
	expect(todayInBeijing(new Date('2024-11-03T15:59:59Z'))).toBe('2024-11-03');
	expect(todayInBeijing(new Date('2024-11-03T16:00:00Z'))).toBe('2024-11-04');
	expect(todayInBeijing(new Date('2024-12-31T23:30:00+08:00'))).toBe('2024-12-31');
});

test('asks about an amount under 1万元, as if 亿 or 万 were left out', () => {
	expect(looksShortOfUnit(5)).toBe(true);
	expect(looksShortOfUnit(9_999)).toBe(true);
});

test('does not ask from 1万元 up, nor about an amount that is refused anyway', () => {
	expect(looksShortOfUnit(10_000)).toBe(false);
	expect(looksShortOfUnit(560_000_000)).toBe(false);
	expect(looksShortOfUnit(0)).toBe(false);
});
