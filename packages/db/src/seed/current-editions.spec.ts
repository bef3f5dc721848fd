import { describe, expect, test } from 'vitest';
import { beijingDay, currentDemoEdition, currentDemoEditions } from './current-editions.ts';

const byId = (createdOn: string) =>
	currentDemoEditions(createdOn).map((e) => [e.id, e.startsOn, e.endsOn, e.refPrefix]);

describe('the current demo editions', () => {
	test('a demo created on 29 November 2026 runs the 2027 sensor and diamond conferences', () => {
		expect(byId('2026-11-29')).toEqual([
			['wsc-2027', '2027-11-03', '2027-11-05', 'WSC27'],
			['diamond-2027', '2027-09-26', '2027-09-28', 'WDC27']
		]);
	});

	test('registration opens on the creation day and closes the day before each conference', () => {
		const [sensor, diamond] = currentDemoEditions('2026-11-29');
		expect([sensor?.registrationOpensOn, sensor?.registrationClosesOn]).toEqual([
			'2026-11-29',
			'2027-11-02'
		]);
		expect([diamond?.registrationOpensOn, diamond?.registrationClosesOn]).toEqual([
			'2026-11-29',
			'2027-09-25'
		]);
	});

	test('created between the two conferences, the diamond one moves to next year and the sensor one stays', () => {
		expect(byId('2026-10-01').map(([id]) => id)).toEqual(['wsc-2026', 'diamond-2027']);
	});

	test('created on a conference day itself, that conference is already under way and next year is taken', () => {
		expect(byId('2027-11-03').map(([id]) => id)).toEqual(['wsc-2028', 'diamond-2028']);
		expect(byId('2027-09-26').map(([id]) => id)).toEqual(['wsc-2027', 'diamond-2028']);
	});

	test('created the day before a conference, there is one day left to register for it', () => {
		const [sensor] = currentDemoEditions('2027-11-02');
		expect(sensor).toMatchObject({
			id: 'wsc-2027',
			registrationOpensOn: '2027-11-02',
			registrationClosesOn: '2027-11-02'
		});
	});

	test('created the day after a conference, the next one is a year later', () => {
		expect(byId('2027-11-04').map(([id]) => id)).toEqual(['wsc-2028', 'diamond-2028']);
		expect(byId('2027-09-27').map(([id]) => id)).toEqual(['wsc-2027', 'diamond-2028']);
	});

	test('across the year boundary, New Year’s Eve and New Year’s Day give the same editions', () => {
		expect(byId('2027-12-31')).toEqual(byId('2028-01-01'));
		expect(byId('2028-01-01')).toEqual([
			['wsc-2028', '2028-11-03', '2028-11-05', 'WSC28'],
			['diamond-2028', '2028-09-26', '2028-09-28', 'WDC28']
		]);
	});

	test('a demo created on a leap day gets that year’s conferences, and 29 February of a common year is refused', () => {
		expect(byId('2028-02-29').map(([id]) => id)).toEqual(['wsc-2028', 'diamond-2028']);
		expect(currentDemoEditions('2028-02-29')[0]?.registrationOpensOn).toBe('2028-02-29');
		expect(() => currentDemoEditions('2027-02-29')).toThrow('not a calendar date: 2027-02-29');
	});
});

describe('the Beijing day', () => {
	test('is already the next day from 16:00 UTC', () => {
		expect(beijingDay(new Date('2026-11-29T15:59:59Z'))).toBe('2026-11-29');
		expect(beijingDay(new Date('2026-11-29T16:00:00Z'))).toBe('2026-11-30');
	});
});

test('one series’ current edition is found from the moment the demo was made', () => {
	expect(currentDemoEdition(new Date('2026-11-29T02:00:00Z'), 'diamond').id).toBe('diamond-2027');
	expect(currentDemoEdition(new Date('2027-11-02T16:00:00Z'), 'wsc').id).toBe('wsc-2028');
});
