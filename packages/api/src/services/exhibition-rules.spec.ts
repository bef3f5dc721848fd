import { eq } from 'drizzle-orm';
import { expect, onTestFinished, test } from 'vitest';
import { createTestDb } from '@huizhan/db/testing';
import { tables } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { exhibitionRulesInput } from '../schemas/booths.ts';
import { seededContext, signedInCaller } from '../test-support.ts';
import { exportEdition, importEdition } from './edition-transfer.ts';
import { exhibitionRulesOf } from './exhibition.ts';
import { setupDaysProblem } from './exhibition-rules.ts';

async function rulesWorld() {
	const handle = await seededContext();
	onTestFinished(() => handle.close());
	const admin = await signedInCaller(handle, 'expo-admin', ['admin']);
	return { handle, db: handle.db, api: admin.api };
}

const rules = (conferenceId: string, overrides: Record<string, unknown> = {}) =>
	exhibitionRulesInput.parse({
		conferenceId,
		applicationsOpen: true,
		staffSquareMetresPer: '4',
		staffMinimum: '3',
		setupSquareMetresPer: 9,
		setupMinimum: 2,
		setupStartsOn: '',
		setupEndsOn: '',
		...overrides
	});

test('set-up days run from up to thirty days before the edition to its last day, start before end', () => {
	const edition = { startsOn: '2027-11-03', endsOn: '2027-11-05' };
	expect(setupDaysProblem(null, null, edition)).toBeNull();
	expect(setupDaysProblem('2027-10-31', '2027-11-02', edition)).toBeNull();
	expect(setupDaysProblem('2027-10-04', '2027-11-05', edition)).toBeNull();
	expect(setupDaysProblem('2027-10-03', '2027-11-02', edition)).toBe('setup_days_outside_edition');
	expect(setupDaysProblem('2027-11-01', '2027-11-06', edition)).toBe('setup_days_outside_edition');
	expect(setupDaysProblem('2027-11-02', '2027-11-01', edition)).toBe('setup_days_order');
	expect(setupDaysProblem('2027-11-01', null, edition)).toBe('setup_days_partial');
});

test('an admin sets the rules of an open edition; the change is audited', async () => {
	const { api, db } = await rulesWorld();
	const settings = await api.exhibitionRules.get({ conferenceId: 'wsc-2027' });
	expect(settings).toMatchObject({
		editable: true,
		rules: { applicationsOpen: false, setupDays: null }
	});
	await api.exhibitionRules.update(
		rules('wsc-2027', { setupStartsOn: '2027-10-31', setupEndsOn: '2027-11-02' })
	);
	expect(await exhibitionRulesOf(db, 'wsc-2027')).toMatchObject({
		applicationsOpen: true,
		staff: { squareMetresPer: 4, minimum: 3 },
		setupDays: { startsOn: '2027-10-31', endsOn: '2027-11-02' }
	});
	// Cleared again, and set a second time (the row is updated, not added).
	await api.exhibitionRules.update(rules('wsc-2027', { staffMinimum: 2 }));
	expect(await exhibitionRulesOf(db, 'wsc-2027')).toMatchObject({
		staff: { squareMetresPer: 4, minimum: 2 },
		setupDays: null
	});
	const t = tables(db);
	const audited = await db
		.select()
		.from(t.auditLog)
		.where(eq(t.auditLog.action, 'exhibition_rules_changed'));
	expect(audited).toHaveLength(2);
});

test('bad rules are refused with their reason and change nothing; a closed edition reads only', async () => {
	const { api, db } = await rulesWorld();
	const refused = async (input: ReturnType<typeof rules>) =>
		((await api.exhibitionRules.update(input).catch((e: unknown) => e)) as AppError).reason;
	expect(
		await refused(rules('wsc-2027', { setupStartsOn: '2027-11-04', setupEndsOn: '2027-11-02' }))
	).toBe('setup_days_order');
	expect(
		await refused(rules('wsc-2027', { setupStartsOn: '2027-11-04', setupEndsOn: '2027-11-09' }))
	).toBe('setup_days_outside_edition');
	expect(await refused(rules('wsc-2024'))).toBe('edition_read_only');
	expect(await exhibitionRulesOf(db, 'wsc-2027')).toMatchObject({ applicationsOpen: false });
	expect(
		exhibitionRulesInput.safeParse({ ...rules('wsc-2027'), staffSquareMetresPer: 0 }).error
			?.issues[0]?.message
	).toBe('rule_square_metres');
	expect((await api.exhibitionRules.get({ conferenceId: 'wsc-2024' })).editable).toBe(false);
});

/** wsc-2024 (3–5 Nov 2024) with rules, hall A and two booths, one of them held by an exhibitor. */
async function exhibitionOf2024(handle: Awaited<ReturnType<typeof rulesWorld>>) {
	const { db, api } = handle;
	const t = tables(db);
	await db.insert(t.exhibitionRules).values({
		conferenceId: 'wsc-2024',
		applicationsOpen: true,
		staffSquareMetresPer: 4,
		setupStartsOn: '2024-10-31',
		setupEndsOn: '2024-11-02'
	});
	const hall = await api.booths.createHall({
		conferenceId: 'wsc-2024',
		code: 'A',
		nameZh: 'A馆',
		nameEn: 'Hall A',
		sortOrder: 1
	});
	for (const number of ['A-101', 'A-102'])
		await api.booths.createBooth({
			conferenceId: 'wsc-2024',
			hallId: hall.id,
			number,
			areaSquareMetres: 18,
			type: 'standard'
		});
	const [exhibitor] = await db
		.insert(t.exhibitors)
		.values({
			conferenceId: 'wsc-2024',
			companyZh: '汉威科技',
			companyEn: 'Hanwei',
			creditCode: '91350100M000100Y43',
			contactName: '王五',
			contactEmail: 'expo@example.cn',
			wantedBoothType: 'standard',
			wantedSquareMetres: 18,
			language: 'zh-CN',
			status: 'approved',
			secret: 'x'.repeat(22),
			consentAt: new Date()
		})
		.returning();
	const plan = await api.booths.plan({ conferenceId: 'wsc-2024' });
	await api.booths.hold({
		boothId: plan.booths[0]!.id,
		exhibitorId: exhibitor!.id,
		kind: 'assigned'
	});
}

test('a copied edition takes the rules (set-up days moved with the start), halls and free booths, never exhibitors', async () => {
	const world = await rulesWorld();
	await exhibitionOf2024(world);
	const { api, db } = world;
	await api.editions.create({
		id: 'wsc-2025',
		nameZh: '2025世界传感器大会',
		nameEn: 'World Sensors Summit 2025',
		startsOn: '2025-11-05',
		endsOn: '2025-11-07',
		venueZh: '郑州国际会展中心',
		venueEn: 'Zhengzhou International Convention and Exhibition Centre',
		themeColor: '#0b5cad',
		refPrefix: 'WSC25',
		registrationOpensAt: '2025-08-01T00:00:00+08:00',
		registrationClosesAt: '2025-11-05T00:00:00+08:00',
		copyFrom: 'wsc-2024'
	});
	expect(await exhibitionRulesOf(db, 'wsc-2025')).toMatchObject({
		// Opening applications is the new edition's decision.
		applicationsOpen: false,
		staff: { squareMetresPer: 4, minimum: 2 },
		setupDays: { startsOn: '2025-11-02', endsOn: '2025-11-04' }
	});
	const plan = await api.booths.plan({ conferenceId: 'wsc-2025' });
	expect(plan.halls.map((h) => [h.code, h.nameZh, h.sortOrder])).toEqual([['A', 'A馆', 1]]);
	expect(plan.booths.map((b) => [b.number, b.areaSquareMetres, b.status])).toEqual([
		['A-101', 18, 'free'],
		['A-102', 18, 'free']
	]);
	const t = tables(db);
	expect(
		await db.select().from(t.exhibitors).where(eq(t.exhibitors.conferenceId, 'wsc-2025'))
	).toEqual([]);
});

test('the edition file carries the rules, halls and booths, never exhibitors or holds', async () => {
	const world = await rulesWorld();
	await exhibitionOf2024(world);
	const file = JSON.parse(JSON.stringify(await exportEdition(world.db, 'wsc-2024')));
	expect(file.exhibition).toEqual({
		rules: {
			applicationsOpen: true,
			staffSquareMetresPer: 4,
			staffMinimum: 2,
			setupSquareMetresPer: 9,
			setupMinimum: 2,
			setupStartsOn: '2024-10-31',
			setupEndsOn: '2024-11-02'
		},
		halls: [
			{
				code: 'A',
				nameZh: 'A馆',
				nameEn: 'Hall A',
				sortOrder: 1,
				booths: [
					{ number: 'A-101', areaSquareMetres: 18, type: 'standard' },
					{ number: 'A-102', areaSquareMetres: 18, type: 'standard' }
				]
			}
		]
	});
	expect(JSON.stringify(file)).not.toMatch(/汉威|Hanwei|creditCode|exhibitorId/);

	const target = await createTestDb();
	onTestFinished(() => target.close());
	const cli = { user: null, source: 'cli', now: new Date('2026-03-01T10:00:00+08:00') };
	expect(await importEdition(target.db, file, {}, cli)).toMatchObject({ halls: 1, booths: 2 });
	expect(await exhibitionRulesOf(target.db, 'wsc-2024')).toMatchObject({
		applicationsOpen: true,
		setupDays: { startsOn: '2024-10-31', endsOn: '2024-11-02' }
	});
	// A file written before the exhibition existed still imports, with no exhibition.
	const { exhibition: _e, ...older } = file;
	expect(
		await importEdition(target.db, older, { id: 'wsc-old', refPrefix: 'WSCOLD' }, cli)
	).toMatchObject({
		halls: 0,
		booths: 0
	});
});
