import { expect, test } from 'vitest';
import { tables, type Db } from '@huizhan/db';
import { addTestExhibition } from '../services/exhibitor-directory.testing.ts';
import { seededContext } from '../test-support.ts';
import { exhibitionFigures } from './exhibition.ts';
import { LIVE_PROBES, liveSnapshot, liveSnapshotAsOf } from './index.ts';

const SHOW_DAY = '2024-11-03';
const at = (clock: string) => new Date(`${SHOW_DAY}T${clock}+08:00`);

let people = 0;
async function person(db: Db, conferenceId: string, exhibitorId: number | null = null) {
	people += 1;
	const { registrations } = tables(db);
	const [row] = await db
		.insert(registrations)
		.values({
			conferenceId,
			category: exhibitorId ? 'exhibitor' : 'visitor',
			name: `观众${people}`,
			organisation: '郑州大学',
			title: '',
			mobile: `+86139${String(people).padStart(8, '0')}`,
			country: 'CN',
			language: 'zh-CN',
			consentAt: at('08:00:00'),
			status: 'confirmed',
			reference: `WSC-L${String(people).padStart(5, '0')}`,
			ticketSecret: `live-exhibition-${people}`,
			exhibitorId,
			exhibitorPass: exhibitorId ? 'staff' : null
		})
		.returning({ id: registrations.id });
	return row!.id;
}

async function exhibitionWorld() {
	const { db } = await seededContext();
	const { ids } = await addTestExhibition(
		db,
		'wsc-2024',
		[
			{
				companyZh: '汉威科技',
				companyEn: 'Hanwei',
				holds: [{ booth: 'A-101' }, { booth: 'B-201' }]
			},
			{ companyZh: '四方光电', companyEn: 'Cubic', holds: [{ booth: 'A-102', kind: 'reserved' }] },
			{
				companyZh: '森霸传感',
				companyEn: 'Senba',
				holds: [{ booth: 'A-103', releasedAt: at('09:00:00') }]
			},
			{ companyZh: '待审', companyEn: 'Pending', status: 'pending' },
			{ companyZh: '撤回', companyEn: 'Withdrawn', status: 'withdrawn' }
		],
		[
			{ number: 'A-101', hall: 'A', area: 18 },
			{ number: 'A-102', hall: 'A', area: 9 },
			{ number: 'A-103', hall: 'A', area: 9 },
			{ number: 'B-201', hall: 'B', area: 72 }
		]
	);
	const { exhibitorLeads } = tables(db);
	const hanweiStaff = await person(db, 'wsc-2024', ids['Hanwei']!);
	const lead = async (exhibitorId: number, scannedAt: Date) =>
		db.insert(exhibitorLeads).values({
			exhibitorId,
			registrationId: await person(db, 'wsc-2024'),
			scannedBy: hanweiStaff,
			nonce: `lead-${people}`,
			scannedAt
		});
	return { db, ids, lead };
}

test('counts approved exhibitors, assigned booths and their area, and the leads of the Beijing day', async () => {
	const { db, ids, lead } = await exhibitionWorld();
	// Just after midnight in Beijing is still the day before in UTC: it counts for the day.
	await lead(ids['Hanwei']!, at('00:05:00'));
	await lead(ids['Hanwei']!, at('17:59:59'));
	await lead(ids['Cubic']!, at('23:59:59'));
	// The day before, and a device whose clock runs a day ahead.
	await lead(ids['Hanwei']!, new Date('2024-11-02T23:59:59+08:00'));
	await lead(ids['Cubic']!, new Date('2024-11-04T00:00:00+08:00'));
	expect(await exhibitionFigures(db, ['wsc-2024', 'diamond-2024'], SHOW_DAY)).toEqual([
		{
			conferenceId: 'wsc-2024',
			exhibitors: 3,
			booths: 4,
			// A-102 is only reserved and A-103 was released.
			boothsAssigned: 2,
			area: 108,
			areaAssigned: 90,
			leadsToday: 3
		},
		{
			conferenceId: 'diamond-2024',
			exhibitors: 0,
			booths: 0,
			boothsAssigned: 0,
			area: 0,
			areaAssigned: 0,
			leadsToday: 0
		}
	]);
	expect(await exhibitionFigures(db, [], SHOW_DAY)).toEqual([]);
});

test('the live snapshot carries the shown editions’ exhibitions, and none when replaying', async () => {
	const { db, ids, lead } = await exhibitionWorld();
	await lead(ids['Hanwei']!, at('10:00:00'));
	const snapshot = await liveSnapshot(db, at('10:30:00'));
	expect(snapshot.exhibition?.find((x) => x.conferenceId === 'wsc-2024')).toMatchObject({
		exhibitors: 3,
		boothsAssigned: 2,
		leadsToday: 1
	});
	expect(snapshot.exhibition?.map((x) => x.conferenceId).sort()).toEqual(
		snapshot.conferences.map((c) => c.id).sort()
	);
	expect((await liveSnapshot(db, at('10:30:00'), { exhibition: false })).exhibition).toBeNull();
	expect((await liveSnapshotAsOf(db, at('10:00:00'), at('10:30:00'))).exhibition).toBeNull();
});

test('the figures are read afresh every minute without a probe of their own', () => {
	// Leads must not move the version (a rebuild per scan); the minute does, so they show within one.
	expect(LIVE_PROBES.map((p) => p.name)).toContain('minute');
	const probed = LIVE_PROBES.map((p) => JSON.stringify(p.sql)).join(' ');
	expect(probed).not.toMatch(/exhibitor_leads/);
});
