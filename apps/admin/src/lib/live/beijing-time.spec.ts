import { describe, expect, test } from 'vitest';
import { beijingClock, beijingDay, shortDayText, slotLabels } from './beijing-time.ts';

describe('Beijing time', () => {
	test('a scan at 15:26 Beijing time falls in the 15:15 slot, not 07:15', () => {
		// The slot as the API sends it: a UTC instant.
		expect(beijingClock('2024-11-04T07:15:00.000Z')).toBe('15:15');
	});

	test('just before midnight UTC is already the next morning in Beijing', () => {
		expect(beijingDay('2024-11-03T23:50:00.000Z')).toBe('2024-11-04');
		expect(beijingClock('2024-11-03T23:50:00.000Z')).toBe('07:50');
		expect(beijingDay('2024-11-04T00:05:00.000Z')).toBe('2024-11-04');
		expect(beijingClock('2024-11-04T00:05:00.000Z')).toBe('08:05');
	});

	test('Beijing midnight is 16:00 UTC the day before', () => {
		expect(beijingDay('2024-11-04T15:59:59.999Z')).toBe('2024-11-04');
		expect(beijingDay('2024-11-04T16:00:00.000Z')).toBe('2024-11-05');
		expect(beijingClock('2024-11-04T16:00:00.000Z')).toBe('00:00');
	});

	test('does not depend on the zone of the machine it runs on', () => {
		// Whatever TZ the test runner has, an instant has one Beijing reading.
		const instant = new Date(Date.UTC(2024, 10, 4, 23, 45));
		expect(beijingDay(instant)).toBe('2024-11-05');
		expect(beijingClock(instant)).toBe('07:45');
	});

	test('writes a day as the reader does, without the year', () => {
		expect(shortDayText('2024-11-05', 'zh-CN')).toBe('11月5日');
		expect(shortDayText('2024-11-05', 'en')).toBe('5 Nov');
	});
});

describe('slot labels', () => {
	test('slots all of today show the clock alone', () => {
		const labels = slotLabels(
			['2024-11-04T00:00:00.000Z', '2024-11-04T00:15:00.000Z'],
			'2024-11-04',
			'zh-CN'
		);
		expect(labels.map((l) => [l.day, l.clock])).toEqual([
			[null, '08:00'],
			[null, '08:15']
		]);
	});

	test('slots on either side of midnight UTC stay on one Beijing day, dated once', () => {
		const labels = slotLabels(
			['2024-11-03T23:45:00.000Z', '2024-11-04T00:00:00.000Z'],
			'2024-11-05',
			'zh-CN'
		);
		expect(labels.map((l) => [l.day, l.clock])).toEqual([
			['11月4日', '07:45'],
			[null, '08:00']
		]);
	});

	test('the first slot of each Beijing day carries its date when the run spans days', () => {
		const labels = slotLabels(
			[
				'2024-11-04T01:00:00.000Z',
				'2024-11-04T15:45:00.000Z',
				'2024-11-04T16:00:00.000Z',
				'2024-11-04T16:15:00.000Z'
			],
			'2024-11-05',
			'en'
		);
		expect(labels.map((l) => [l.day, l.clock])).toEqual([
			['4 Nov', '09:00'],
			[null, '23:45'],
			['5 Nov', '00:00'],
			[null, '00:15']
		]);
	});

	test('keeps the instant for the page’s machine-readable time', () => {
		expect(slotLabels(['2024-11-04T07:15:00.000Z'], '2024-11-04', 'en')[0]!.instant).toBe(
			'2024-11-04T07:15:00.000Z'
		);
	});
});
