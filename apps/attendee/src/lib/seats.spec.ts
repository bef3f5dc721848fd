import { expect, test } from 'vitest';
import { seatsNotice } from './seats.ts';

test('says nothing while seats are plentiful', () => {
	expect(seatsNotice(12_000, 11_000)).toBeNull();
	expect(seatsNotice(120, 51)).toBeNull();
});

test('gives the number once 50 or fewer are left', () => {
	expect(seatsNotice(120, 50)).toEqual({ kind: 'few', seats: 50 });
	expect(seatsNotice(120, 1)).toEqual({ kind: 'few', seats: 1 });
});

test('gives the number once a tenth or less of a large category is left', () => {
	expect(seatsNotice(12_000, 1_201)).toBeNull();
	expect(seatsNotice(12_000, 1_200)).toEqual({ kind: 'few', seats: 1_200 });
});

test('says full at none left', () => {
	expect(seatsNotice(120, 0)).toEqual({ kind: 'full' });
});

test('a category without a limit never runs low', () => {
	expect(seatsNotice(null, null)).toBeNull();
});
