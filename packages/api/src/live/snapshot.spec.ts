import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { tables } from '@huizhan/db';
import { storedHistory, createTestDb } from '@huizhan/db/testing';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import {
	achievedFor,
	computeTotals,
	EVERYDAY_SIGNING,
	foldLedger,
	targetProgress,
	YI
} from '@huizhan/ledger';
import { arbitraryHistory, historyOf, sampleFacts } from '@huizhan/ledger/testing';
import { createAdminCaller } from '../root.ts';
import { createContextInner } from '../context.ts';
import { staff } from '../test-support.ts';
import { liveSnapshot, liveSnapshotAsOf } from './index.ts';
import { buildSnapshot } from './snapshot.ts';
import { foldSource, projectionSource } from './sources.ts';

const GENERATED_AT = new Date('2024-11-03T02:00:00Z');

const history = arbitraryHistory({ maxSteps: 40, chainIds: [1, 2, 3], unitIds: [1, 2] });

describe('the live snapshot', () => {
	test('built from the projection equals the snapshot built from the fold of the ledger', async () => {
		await fc.assert(
			fc.asyncProperty(
				history,
				fc.constantFrom('2024-03-01', '2024-09-20', '2025-01-10'),
				async (entries, today) => {
					const { db, close } = await storedHistory(entries);
					try {
						const options = { today, generatedAt: GENERATED_AT, version: 'v' };
						const fromSql = await buildSnapshot(db, {
							...options,
							source: await projectionSource(db)
						});
						const fromFold = await buildSnapshot(db, {
							...options,
							source: foldSource(foldLedger(entries))
						});
						expect(fromSql).toEqual(fromFold);
					} finally {
						await close();
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	test('its figures are the ledger’s counting rules: totals, achievement and pace from the fold', async () => {
		await fc.assert(
			fc.asyncProperty(history, async (entries) => {
				const { db, close } = await storedHistory(entries);
				try {
					const state = foldLedger(entries);
					const snapshot = await buildSnapshot(db, {
						source: await projectionSource(db),
						today: '2024-09-20',
						generatedAt: GENERATED_AT
					});
					const targets = await db.select().from(tables(db).targets);
					for (const conference of snapshot.conferences) {
						const totals = computeTotals(state, { signingEvent: conference.id });
						expect(conference.totals.contract).toBe(totals.contract);
						expect(conference.totals.includingFramework).toBe(totals.includingFramework);
						expect(conference.totals.deals).toBe(totals.deals);
						expect(conference.totals.landedAmount).toBe(totals.landedAmount);
						const spec = targets.find(
							(t) => t.conferenceId === conference.id && t.metric === 'signed_amount'
						)!;
						expect(conference.target?.includingFramework).toEqual(
							targetProgress(spec, achievedFor(state, spec), '2024-09-20')
						);
						expect(conference.target?.contract.achieved).toBe(totals.contract);
					}
					for (const target of snapshot.year) {
						const spec = targets.find((t) => t.id === target.id)!;
						expect(target.progress).toEqual(
							targetProgress(spec, achievedFor(state, spec), '2024-09-20')
						);
					}
					// The year's overall figure: every tranche signed in it, whatever the channel.
					const shownYear = snapshot.calendar.year;
					let signedInYear = 0;
					for (const deal of state.deals.values())
						if (!deal.voided)
							for (const tranche of deal.tranches)
								if (tranche.signedOn.startsWith(`${shownYear}-`)) signedInYear += tranche.amount;
					expect(snapshot.overall.includingFramework).toBe(signedInYear);
					expect(snapshot.byChain.reduce((sum, l) => sum + l.includingFramework, 0)).toBe(
						signedInYear
					);
					expect(snapshot.byUnit.reduce((sum, l) => sum + l.includingFramework, 0)).toBe(
						signedInYear
					);
					// Each curve ends at what its target has achieved.
					const year = snapshot.curves.find((c) => c.scope === 'year')!;
					const yearSigning = snapshot.year.find((t) => t.metric === 'signed_amount')!;
					expect(year.points.at(-1)!.includingFramework).toBe(yearSigning.progress.achieved);
					for (const conference of snapshot.conferences) {
						const curve = snapshot.curves.find((c) => c.scope === conference.id)!;
						expect(curve.points.at(-1)!.includingFramework).toBe(
							conference.totals.includingFramework
						);
						expect(curve.points.at(-1)!.contract).toBe(conference.totals.contract);
					}
					// The ticker: the year's newest deals, by the date each was first signed.
					const live = [...state.deals.values()].filter(
						(d) => !d.voided && d.facts.signedOn.startsWith(`${shownYear}-`)
					);
					expect(snapshot.ticker.map((d) => d.id)).toEqual(
						live
							.sort((a, b) => b.firstSeq - a.firstSeq)
							.slice(0, 8)
							.map((d) => d.id)
					);
				} finally {
					await close();
				}
			}),
			{ numRuns: 40 }
		);
	});

	test('as of a past moment replays the ledger up to then, and the pace is measured to that day', async () => {
		const entries = historyOf(
			[
				{
					dealId: 'a',
					event: { type: 'signed', facts: sampleFacts({ totalInvestment: 30 * YI }) }
				},
				{
					dealId: 'b',
					event: {
						type: 'signed',
						facts: sampleFacts({ projectName: '第二个项目', totalInvestment: 12 * YI })
					}
				},
				{ dealId: 'b', event: { type: 'voided', reason: '重复录入' } }
			],
			// Entries written on three days in a row.
			{ recordedAt: (i) => new Date(Date.UTC(2024, 8, 1 + i, 2)).toISOString() }
		);
		const { db, close } = await storedHistory(entries);
		try {
			const sensor = async (at: string) =>
				(await liveSnapshotAsOf(db, new Date(at), GENERATED_AT, 2024)).conferences.find(
					(c) => c.id === 'wsc-2024'
				)!;
			expect((await sensor('2024-09-01T01:00:00Z')).totals.includingFramework).toBe(0);
			expect((await sensor('2024-09-01T02:00:00Z')).totals.includingFramework).toBe(30 * YI);
			expect((await sensor('2024-09-02T12:00:00Z')).totals.includingFramework).toBe(42 * YI);
			expect((await sensor('2024-09-02T12:00:00Z')).totals.deals).toBe(2);
			expect((await sensor('2024-09-03T02:00:00Z')).totals.includingFramework).toBe(30 * YI);
			const past = await liveSnapshotAsOf(db, new Date('2024-09-02T12:00:00Z'), GENERATED_AT, 2024);
			expect(past.asOf).toBe('2024-09-02T12:00:00.000Z');
			expect(past.today).toBe('2024-09-02');
			expect(past.turnout).toBeNull();
			expect(past.ticker.map((d) => d.projectName)).toEqual([
				'第二个项目',
				sampleFacts().projectName
			]);
		} finally {
			await close();
		}
	});

	test('on the demo data it agrees with the deal procedures and counts registrations by category', async () => {
		const handle = await createTestDb();
		const { db, close } = handle;
		const t = tables(db);
		try {
			await seedDemo(db);
			await seedDemoDeals(db);
			await seedDemoRegistrations(db);
			const now = new Date('2024-11-04T02:00:00Z');
			// 2024 as history: the demo's current editions are later.
			const snapshot = await liveSnapshot(db, now, { year: 2024 });
			const caller = createAdminCaller(
				createContextInner({ ...handle, user: staff(['leader']), now: () => now })
			);
			const totals = await caller.deals.totals({ signingEvent: 'wsc-2024' });
			{
				const sensor = snapshot.conferences.find((c) => c.id === 'wsc-2024')!;
				expect(sensor.totals.includingFramework).toBe(totals.includingFramework);
				expect(sensor.totals.contract).toBe(totals.contract);
				expect(sensor.target?.value).toBe(500 * YI);
				expect(await caller.live.snapshot({ year: 2024 })).toEqual(snapshot);

				const registered = await db.select().from(t.registrations);
				const turnout = snapshot.turnout!.find((t) => t.conferenceId === 'wsc-2024')!;
				const wsc = registered.filter((r) => r.conferenceId === 'wsc-2024');
				expect(turnout.registered).toBe(
					wsc.filter((r) => r.status === 'pending' || r.status === 'confirmed').length
				);
				expect(turnout.categories.find((c) => c.category === 'vip')?.pending).toBe(
					wsc.filter((r) => r.category === 'vip' && r.status === 'pending').length
				);
				expect(turnout.checkedIn).toBe(0);
				expect(turnout.arrivals).toEqual([]);

				// An admission at a gate shows in its category and as an arrival.
				const [doorUser] = await db
					.insert(t.staffUsers)
					.values({ login: 'gate', displayName: 'gate', passwordHash: '$argon2id$not-used-here' })
					.returning();
				const door = createAdminCaller(
					createContextInner({
						...handle,
						user: { ...staff(['door']), id: doorUser!.id },
						now: () => now
					})
				);
				const visitor = wsc.find((r) => r.category === 'visitor' && r.status === 'confirmed')!;
				const gate = (await db.select().from(t.checkpoints)).find(
					(c) => c.conferenceId === 'wsc-2024' && c.allowedCategories.includes('visitor')
				)!;
				const answer = await door.checkin.scan({
					checkpointId: gate.id,
					code: visitor.reference,
					deviceId: 'live-test-device',
					nonce: 'live-test-nonce-1',
					scannedAt: now.toISOString()
				});
				expect(answer.reason).toBe('ok');
				const after = (await liveSnapshot(db, now, { year: 2024 })).turnout!.find(
					(turnout) => turnout.conferenceId === 'wsc-2024'
				)!;
				expect(after.checkedIn).toBe(1);
				expect(after.categories.find((c) => c.category === 'visitor')?.checkedIn).toBe(1);
				expect(after.arrivals).toEqual([{ from: '2024-11-04T02:00:00.000Z', entries: 1 }]);
			}
		} finally {
			await close();
		}
	});
});

/** Editions of two years, built here so the test does not follow the demo data. */
async function editionsOfTwoYears() {
	const handle = await createTestDb();
	const { db } = handle;
	const t = tables(db);
	await db.insert(t.industryChains).values([
		{ nameZh: '传感器', nameEn: 'Sensors', sortOrder: 1 },
		{ nameZh: '超硬材料', nameEn: 'Superhard materials', sortOrder: 2 }
	]);
	await db.insert(t.responsibleUnits).values([
		{ nameZh: '招商一局', nameEn: 'Bureau 1', sortOrder: 1 },
		{ nameZh: '招商二局', nameEn: 'Bureau 2', sortOrder: 2 }
	]);
	const edition = (
		id: string,
		status: 'draft' | 'open' | 'closed' | 'archived',
		startsOn: string,
		refPrefix: string
	) => ({
		id,
		nameZh: id,
		nameEn: id,
		refPrefix,
		startsOn,
		endsOn: startsOn,
		venueZh: '郑州',
		venueEn: 'Zhengzhou',
		registrationOpensAt: new Date(`${startsOn.slice(0, 4)}-01-01T00:00:00+08:00`),
		registrationClosesAt: new Date(`${startsOn}T18:00:00+08:00`),
		status,
		themeColor: '#0b5cad'
	});
	await db
		.insert(t.conferences)
		.values([
			edition('alpha-2025', 'closed', '2025-09-10', 'AL25'),
			edition('beta-2025', 'archived', '2025-10-10', 'BE25'),
			edition('alpha-2026', 'open', '2026-09-10', 'AL26'),
			edition('beta-2026', 'open', '2026-10-10', 'BE26'),
			edition('gamma-2026', 'closed', '2026-11-10', 'GA26'),
			edition('delta-2026', 'archived', '2026-05-10', 'DE26'),
			edition('omega-2026', 'draft', '2026-12-10', 'OM26')
		]);
	const yearTarget = (year: number, value: number) => ({
		scope: 'year' as const,
		conferenceId: null,
		metric: 'signed_amount' as const,
		value,
		periodStart: `${year}-01-01`,
		periodEnd: `${year}-12-31`
	});
	await db.insert(t.targets).values([
		yearTarget(2025, 300 * YI),
		yearTarget(2026, 500 * YI),
		{
			scope: 'conference',
			conferenceId: 'alpha-2026',
			metric: 'signed_amount',
			value: 200 * YI,
			periodStart: '2026-01-01',
			periodEnd: '2026-09-12'
		}
	]);
	const signed = (
		dealId: string,
		signingEvent: string,
		signedOn: string,
		yi: number,
		chainId = 1,
		unitId = 1
	) => ({
		dealId,
		event: {
			type: 'signed' as const,
			facts: sampleFacts({
				projectName: `项目${dealId}`,
				investor: `投资方${dealId}`,
				signingEvent,
				signedOn,
				totalInvestment: yi * YI,
				chainId,
				unitId
			})
		}
	});
	const entries = historyOf([
		signed('a25', 'alpha-2025', '2025-09-10', 40),
		signed('b25', 'beta-2025', '2025-10-10', 10),
		signed('e25', EVERYDAY_SIGNING, '2025-12-31', 3),
		signed('a26', 'alpha-2026', '2026-09-10', 12.5, 2, 2),
		signed('b26', 'beta-2026', '2026-10-10', 20),
		signed('d26', 'delta-2026', '2026-05-10', 7),
		signed('e26', EVERYDAY_SIGNING, '2026-01-01', 5, 2, 1)
	]);
	const source = foldSource(foldLedger(entries));
	return { ...handle, source };
}

describe('the live snapshot of a year', () => {
	const build = async (year?: number) => {
		const { db, source, close } = await editionsOfTwoYears();
		try {
			return await buildSnapshot(db, {
				source,
				today: '2026-08-01',
				generatedAt: GENERATED_AT,
				year,
				turnout: [
					{
						conferenceId: 'alpha-2026',
						registered: 0,
						confirmed: 0,
						checkedIn: null,
						categories: [],
						arrivals: null
					},
					{
						conferenceId: 'delta-2026',
						registered: 0,
						confirmed: 0,
						checkedIn: null,
						categories: [],
						arrivals: null
					}
				]
			});
		} finally {
			await close();
		}
	};

	test('shows the current year’s three editions by date, never an archived one or a draft', async () => {
		const snapshot = await build();
		expect(snapshot.calendar).toEqual({ year: 2026, current: 2026, offered: [2026, 2025] });
		expect(snapshot.conferences.map((c) => c.id)).toEqual([
			'alpha-2026',
			'beta-2026',
			'gamma-2026'
		]);
		expect(snapshot.turnout!.map((t) => t.conferenceId)).toEqual(['alpha-2026']);
		expect(snapshot.curves.map((c) => c.scope)).toEqual([
			'alpha-2026',
			'beta-2026',
			'gamma-2026',
			'year'
		]);
		const alpha = snapshot.conferences[0]!;
		expect(alpha.totals.includingFramework).toBe(12.5 * YI);
		expect(alpha.target?.value).toBe(200 * YI);
	});

	test('measures the year against that year’s targets, with its everyday signings by date', async () => {
		const snapshot = await build();
		expect(snapshot.year.map((t) => t.value)).toEqual([500 * YI]);
		// Every channel signed in 2026, the archived edition's deal too: the year's money is the year's.
		const signedIn2026 = (12.5 + 20 + 7 + 5) * YI;
		expect(snapshot.year[0]!.progress.achieved).toBe(signedIn2026);
		expect(snapshot.overall).toEqual({
			contract: signedIn2026,
			includingFramework: signedIn2026,
			deals: 4
		});
		expect(snapshot.everyday).toEqual({ contract: 5 * YI, includingFramework: 5 * YI, deals: 1 });
		expect(snapshot.byChain.map((l) => [l.id, l.includingFramework])).toEqual([
			[1, 27 * YI],
			[2, 17.5 * YI]
		]);
		expect(snapshot.byUnit.map((l) => [l.id, l.includingFramework])).toEqual([
			[1, 32 * YI],
			[2, 12.5 * YI]
		]);
		expect(snapshot.ticker.map((d) => d.id).sort()).toEqual(['a26', 'b26', 'd26', 'e26']);
		expect(snapshot.largest.map((d) => d.id)).toEqual(['b26', 'a26', 'd26', 'e26']);
	});

	test('browsing an earlier year shows its editions as history, archived ones included', async () => {
		const snapshot = await build(2025);
		expect(snapshot.calendar).toMatchObject({ year: 2025, current: 2026 });
		expect(snapshot.conferences.map((c) => c.id)).toEqual(['alpha-2025', 'beta-2025']);
		expect(snapshot.year.map((t) => t.value)).toEqual([300 * YI]);
		expect(snapshot.year[0]!.progress.achieved).toBe(53 * YI);
		expect(snapshot.everyday.includingFramework).toBe(3 * YI);
		expect(snapshot.ticker.map((d) => d.id).sort()).toEqual(['a25', 'b25', 'e25']);
		expect(snapshot.turnout).toEqual([]);
	});
});
