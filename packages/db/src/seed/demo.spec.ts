import { expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { YI } from '@huizhan/ledger';
import { createTestDb } from '../test-database.ts';
import { tables } from '../tables.ts';
import { seedDemo } from './demo.ts';

/** A demo made on 29 November 2026, 10:00 in Zhengzhou. */
const NOW = new Date('2026-11-29T02:00:00Z');

test('keeps both 2024 conferences at the Zhengzhou International Convention and Exhibition Centre as closed history, with their real dates', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const rows = await db.select().from(t.conferences);
	const history = rows.filter((c) => c.id.endsWith('-2024'));
	expect(
		history.map((c) => [c.id, c.nameZh, c.status, c.startsOn, c.endsOn, c.refPrefix]).sort()
	).toEqual([
		['diamond-2024', '2024世界金刚石大会', 'closed', '2024-09-26', '2024-09-28', 'WDC'],
		['wsc-2024', '2024世界传感器大会', 'closed', '2024-11-03', '2024-11-05', 'WSC']
	]);
	expect(history.map((c) => c.registrationClosesAt.toISOString()).sort()).toEqual([
		'2024-09-28T10:00:00.000Z',
		'2024-11-05T10:00:00.000Z'
	]);
	expect(new Set(rows.map((c) => c.venueZh))).toEqual(new Set(['郑州国际会展中心']));
	expect(
		(await db.select().from(t.checkpoints).where(eq(t.checkpoints.conferenceId, 'wsc-2024'))).length
	).toBeGreaterThanOrEqual(3);
	await close();
});

test('opens the next sensor and diamond conferences after the day the demo is made, from that day to the day before each', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const current = (await db.select().from(t.conferences))
		.filter((c) => !c.id.endsWith('-2024'))
		.map((c) => ({
			id: c.id,
			nameZh: c.nameZh,
			nameEn: c.nameEn,
			status: c.status,
			refPrefix: c.refPrefix,
			startsOn: c.startsOn,
			endsOn: c.endsOn,
			opens: c.registrationOpensAt.toISOString(),
			closes: c.registrationClosesAt.toISOString()
		}))
		.sort((a, b) => a.id.localeCompare(b.id));
	expect(current).toEqual([
		{
			id: 'diamond-2027',
			nameZh: '2027世界金刚石大会',
			nameEn: '2027 World Diamond Conference',
			status: 'open',
			refPrefix: 'WDC27',
			startsOn: '2027-09-26',
			endsOn: '2027-09-28',
			opens: '2026-11-28T16:00:00.000Z',
			closes: '2027-09-25T15:59:59.000Z'
		},
		{
			id: 'wsc-2027',
			nameZh: '2027世界传感器大会',
			nameEn: '2027 World Sensor Conference',
			status: 'open',
			refPrefix: 'WSC27',
			startsOn: '2027-11-03',
			endsOn: '2027-11-05',
			opens: '2026-11-28T16:00:00.000Z',
			closes: '2027-11-02T15:59:59.000Z'
		}
	]);
	expect(current.every((c) => c.opens <= NOW.toISOString() && c.startsOn > '2026-11-29')).toBe(
		true
	);
	await close();
});

test('copies the categories and gates into the current editions, with 嘉宾, VIP and media by approval', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const categories = await db.select().from(t.conferenceCategories);
	expect(categories).toHaveLength(20);
	const approval = (conferenceId: string) =>
		categories
			.filter((c) => c.conferenceId === conferenceId && c.needsApproval)
			.map((c) => c.category)
			.sort();
	expect(approval('wsc-2024')).toEqual(['media', 'vip']);
	expect(approval('wsc-2027')).toEqual(['delegate', 'media', 'vip']);
	expect(approval('diamond-2027')).toEqual(['delegate', 'media', 'vip']);
	const capacity = (conferenceId: string) =>
		categories
			.filter((c) => c.conferenceId === conferenceId)
			.map((c) => [c.category, c.capacity, c.color, c.sortOrder, c.open]);
	expect(capacity('wsc-2027')).toEqual(capacity('wsc-2024'));
	expect(capacity('diamond-2027')).toEqual(capacity('diamond-2024'));

	const gates = async (conferenceId: string) =>
		(await db.select().from(t.checkpoints).where(eq(t.checkpoints.conferenceId, conferenceId))).map(
			(g) => [g.nameZh, g.nameEn, g.allowedCategories, g.entryRule, g.printBadge]
		);
	expect(await gates('wsc-2027')).toEqual(await gates('wsc-2024'));
	expect(await gates('diamond-2027')).toEqual(await gates('diamond-2024'));
	expect((await gates('wsc-2027')).map(([nameZh]) => nameZh)).toContain('南门主入口');
	await close();
});

test('sets the 2024 targets of the work plan: 500亿, 200亿, 600亿 for the year, 10 in Q3, 2 landed', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const rows = await db.select().from(t.targets);
	const find = (conferenceId: string | null, metric: string) =>
		rows.find((t) => t.scope !== 'unit' && t.conferenceId === conferenceId && t.metric === metric);
	expect(find('wsc-2024', 'signed_amount')?.value).toBe(500 * YI);
	expect(find('diamond-2024', 'signed_amount')?.value).toBe(200 * YI);
	expect(
		rows.find(
			(t) => t.scope === 'year' && t.periodStart === '2024-01-01' && t.metric === 'signed_amount'
		)?.value
	).toBe(600 * YI);
	expect(find(null, 'formal_signing_count')).toMatchObject({
		value: 10,
		periodStart: '2024-07-01',
		periodEnd: '2024-09-30'
	});
	expect(find(null, 'landed_100yi_count')?.value).toBe(2);
	await close();
});

test('gives four responsible units a signed-amount target of their own for 2024 and each current year, so every ranking has entries', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const units = await db.select().from(t.responsibleUnits);
	const unitTargets = (await db.select().from(t.targets))
		.filter((t) => t.scope === 'unit' && t.periodStart === '2024-01-01')
		.map((t) => [units.find((u) => u.id === t.responsibleUnitId)?.nameZh, t.value / YI]);
	expect(unitTargets).toEqual([
		['投资促进部', 200],
		['经济发展部', 150],
		['科技创新局', 80],
		['企业服务局', 50]
	]);
	const yearsWithUnitTargets = [
		...new Set(
			(await db.select().from(t.targets))
				.filter((t) => t.scope === 'unit')
				.map((t) => `${t.periodStart}..${t.periodEnd}`)
		)
	].sort();
	expect(yearsWithUnitTargets).toEqual([
		'2024-01-01..2024-12-31',
		'2026-01-01..2026-12-31',
		'2027-01-01..2027-12-31'
	]);
	await close();
});

test('sets the current editions’ targets, 500亿 and 200亿, and 600亿 for the demo’s year and the editions’ year', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const rows = await db.select().from(t.targets);
	expect(
		rows
			.filter((t) => t.scope !== 'unit' && t.periodEnd > '2025-01-01')
			.map((t) => [t.scope, t.conferenceId, t.metric, t.value, t.periodStart, t.periodEnd])
			.sort((a, b) => String(a[5]).localeCompare(String(b[5])))
	).toEqual([
		['year', null, 'signed_amount', 600 * YI, '2026-01-01', '2026-12-31'],
		['conference', 'diamond-2027', 'signed_amount', 200 * YI, '2026-01-01', '2027-09-28'],
		['conference', 'wsc-2027', 'signed_amount', 500 * YI, '2026-01-01', '2027-11-05'],
		['year', null, 'signed_amount', 600 * YI, '2027-01-01', '2027-12-31']
	]);
	await close();
});

test('seeds the ten industry chains and six responsible units as editable rows', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const chains = (await db.select().from(t.industryChains)).map((c) => c.nameZh);
	expect(chains).toContain('智能传感器');
	expect(chains).toContain('超硬材料');
	expect(chains).toHaveLength(10);
	expect((await db.select().from(t.responsibleUnits)).map((u) => u.nameZh)).toContain('投资促进部');
	await close();
});

test('running the seed again creates nothing and keeps what an admin edited', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	await db
		.update(t.targets)
		.set({ value: 550 * YI })
		.where(eq(t.targets.conferenceId, 'wsc-2024'));
	const again = await seedDemo(db, NOW);
	expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
	// 2024: five plus four units'; now: two editions', two years' and four units' for each year.
	expect(await db.select().from(t.targets)).toHaveLength(5 + 4 + 2 + 2 + 4 * 2);
	const [edited] = await db
		.select()
		.from(t.targets)
		.where(eq(t.targets.conferenceId, 'wsc-2024'))
		.limit(1);
	expect(edited?.value).toBe(550 * YI);
	await close();
});

test('seeds a few hundred registrations in every category, some pending approval, some cancelled, once', async () => {
	const { seedDemoRegistrations } = await import('./registrations.ts');
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	expect(await seedDemoRegistrations(db)).toBeGreaterThan(300);
	const rows = await db.select().from(t.registrations);
	// History: every one of them for a 2024 edition, made inside its 2024 registration window.
	expect(new Set(rows.map((r) => r.conferenceId))).toEqual(new Set(['wsc-2024', 'diamond-2024']));
	expect(
		rows.every(
			(r) =>
				r.createdAt >= new Date('2024-08-01T00:00:00+08:00') &&
				r.createdAt <= new Date('2024-09-28T18:00:00+08:00')
		)
	).toBe(true);
	expect(new Set(rows.map((r) => r.category))).toEqual(
		new Set(['visitor', 'delegate', 'exhibitor', 'media', 'vip'])
	);
	expect(rows.some((r) => r.status === 'pending')).toBe(true);
	expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
	expect(
		rows
			.filter((r) => r.status === 'pending')
			.every((r) => r.category === 'vip' || r.category === 'media')
	).toBe(true);
	expect(await seedDemoRegistrations(db)).toBe(0);
	await close();
});

test('records the 2024 deals and a few in progress at the current editions before the demo’s day, and the ledger verifies', async () => {
	const { seedDemoDeals } = await import('./deals.ts');
	const { verifyLedger } = await import('../ledger/verify.ts');
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	expect(await seedDemoDeals(db, NOW)).toBeGreaterThan(46);
	expect(await verifyLedger(db)).toMatchObject({ ok: true, deals: 46 });
	const current = (await db.select().from(t.deals)).filter((d) => d.signedOn >= '2026-01-01');
	expect(new Set(current.map((d) => d.signingEvent))).toEqual(
		new Set(['wsc-2027', 'diamond-2027', 'everyday'])
	);
	expect(current).toHaveLength(6);
	expect(current.every((d) => d.signedOn >= '2026-08-01' && d.signedOn < '2026-11-29')).toBe(true);
	expect(new Set(current.map((d) => d.agreementType))).toEqual(
		new Set(['contract', 'framework', 'intent'])
	);
	await close();
});

test('seeding a whole demo twice on the same day adds nothing the second time', async () => {
	const { seedDemoDeals } = await import('./deals.ts');
	const { seedDemoRegistrations } = await import('./registrations.ts');
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	await seedDemoDeals(db, NOW);
	await seedDemoRegistrations(db);
	const sizes = async () => {
		const counted: number[] = [];
		for (const table of [
			t.conferences,
			t.conferenceCategories,
			t.targets,
			t.checkpoints,
			t.ledgerEntries,
			t.registrations
		])
			counted.push((await db.select().from(table)).length);
		return counted;
	};
	const before = await sizes();
	const later = new Date(NOW.getTime() + 3 * 3_600_000);
	expect(Object.values((await seedDemo(db, later)).created).every((n) => n === 0)).toBe(true);
	expect(await seedDemoDeals(db, later)).toBe(0);
	expect(await seedDemoRegistrations(db)).toBe(0);
	expect(await sizes()).toEqual(before);
	await close();
});

test('gives each current edition an agenda over its days, with one small sub-forum by sign-up only', async () => {
	const { db, close } = await createTestDb();
	const t = tables(db);
	await seedDemo(db, NOW);
	const sessions = await db.select().from(t.agendaSessions);
	const wsc = sessions.filter((s) => s.conferenceId === 'wsc-2027');
	expect(new Set(sessions.map((s) => s.conferenceId))).toEqual(
		new Set(['wsc-2027', 'diamond-2027'])
	);
	expect(wsc.map((s) => s.kind)).toEqual(
		expect.arrayContaining(['opening', 'main_forum', 'signing_ceremony', 'exhibition'])
	);
	const forums = wsc.filter((s) => s.kind === 'sub_forum');
	expect(forums).toHaveLength(6);
	expect(new Set(forums.map((s) => s.hallZh)).size).toBeGreaterThan(2);
	const days = new Set(
		wsc.map((s) => new Date(s.startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10))
	);
	expect([...days].sort()).toEqual(['2027-11-03', '2027-11-04', '2027-11-05']);
	const signupOnly = forums.filter((s) => s.signupRequired);
	expect(signupOnly).toHaveLength(1);
	expect(signupOnly[0]!.capacity).toBeLessThanOrEqual(50);
	expect((await db.select().from(t.sessionSpeakers)).length).toBeGreaterThan(3);
	// No two sessions share a hall at the same time: the console's rule holds for the demo too.
	for (const a of sessions)
		for (const b of sessions)
			if (a.id < b.id && a.conferenceId === b.conferenceId && a.hallZh === b.hallZh)
				expect(a.startsAt < b.endsAt && b.startsAt < a.endsAt, `${a.titleZh} / ${b.titleZh}`).toBe(
					false
				);
	expect((await seedDemo(db, NOW)).created.agendaSessions).toBe(0);
	await close();
});
