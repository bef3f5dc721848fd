import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { createDb, schema } from '@huizhan/db';
import { storedHistory } from '@huizhan/db/testing';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import { achievedFor, computeTotals, foldLedger, targetProgress, YI } from '@huizhan/ledger';
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
	test('built from the projection equals the snapshot built from the fold of the ledger', () => {
		fc.assert(
			fc.property(
				history,
				fc.constantFrom('2024-03-01', '2024-09-20', '2025-01-10'),
				(entries, today) => {
					const { db, close } = storedHistory(entries);
					try {
						const options = { today, generatedAt: GENERATED_AT, version: 'v' };
						const fromSql = buildSnapshot(db, { ...options, source: projectionSource(db) });
						const fromFold = buildSnapshot(db, {
							...options,
							source: foldSource(foldLedger(entries))
						});
						expect(fromSql).toEqual(fromFold);
					} finally {
						close();
					}
				}
			),
			{ numRuns: 60 }
		);
	});

	test('its figures are the ledger’s counting rules: totals, achievement and pace from the fold', () => {
		fc.assert(
			fc.property(history, (entries) => {
				const { db, close } = storedHistory(entries);
				try {
					const state = foldLedger(entries);
					const snapshot = buildSnapshot(db, {
						source: projectionSource(db),
						today: '2024-09-20',
						generatedAt: GENERATED_AT
					});
					const targets = db.select().from(schema.targets).all();
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
					const overall = computeTotals(state);
					expect(snapshot.overall.includingFramework).toBe(overall.includingFramework);
					expect(snapshot.byChain.reduce((sum, l) => sum + l.includingFramework, 0)).toBe(
						overall.includingFramework
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
					const live = [...state.deals.values()].filter((d) => !d.voided);
					expect(snapshot.ticker.map((d) => d.id)).toEqual(
						live
							.sort((a, b) => b.firstSeq - a.firstSeq)
							.slice(0, 8)
							.map((d) => d.id)
					);
				} finally {
					close();
				}
			}),
			{ numRuns: 40 }
		);
	});

	test('as of a past moment replays the ledger up to then, and the pace is measured to that day', () => {
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
		const { db, close } = storedHistory(entries);
		try {
			const sensor = (at: string) =>
				liveSnapshotAsOf(db, new Date(at), GENERATED_AT).conferences.find(
					(c) => c.id === 'wsc-2024'
				)!;
			expect(sensor('2024-09-01T01:00:00Z').totals.includingFramework).toBe(0);
			expect(sensor('2024-09-01T02:00:00Z').totals.includingFramework).toBe(30 * YI);
			expect(sensor('2024-09-02T12:00:00Z').totals.includingFramework).toBe(42 * YI);
			expect(sensor('2024-09-02T12:00:00Z').totals.deals).toBe(2);
			expect(sensor('2024-09-03T02:00:00Z').totals.includingFramework).toBe(30 * YI);
			const past = liveSnapshotAsOf(db, new Date('2024-09-02T12:00:00Z'), GENERATED_AT);
			expect(past.asOf).toBe('2024-09-02T12:00:00.000Z');
			expect(past.today).toBe('2024-09-02');
			expect(past.turnout).toBeNull();
			expect(past.ticker.map((d) => d.projectName)).toEqual([
				'第二个项目',
				sampleFacts().projectName
			]);
		} finally {
			close();
		}
	});

	test('on the demo data it agrees with the deal procedures and counts registrations by category', async () => {
		const { db, sqlite, close } = createDb({ path: ':memory:' });
		try {
			seedDemo(db);
			seedDemoDeals(db);
			seedDemoRegistrations(db);
			const now = new Date('2024-11-04T02:00:00Z');
			const snapshot = liveSnapshot(db, now);
			const caller = createAdminCaller(
				createContextInner({ db, sqlite, user: staff(['leader']), now: () => now })
			);
			const totals = await caller.deals.totals({ signingEvent: 'wsc-2024' });
			{
				const sensor = snapshot.conferences.find((c) => c.id === 'wsc-2024')!;
				expect(sensor.totals.includingFramework).toBe(totals.includingFramework);
				expect(sensor.totals.contract).toBe(totals.contract);
				expect(sensor.target?.value).toBe(500 * YI);
				expect(await caller.live.snapshot()).toEqual(snapshot);

				const registered = db.select().from(schema.registrations).all();
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
				const doorUser = db
					.insert(schema.staffUsers)
					.values({ login: 'gate', displayName: 'gate', passwordHash: '$argon2id$not-used-here' })
					.returning()
					.get();
				const door = createAdminCaller(
					createContextInner({
						db,
						sqlite,
						user: { ...staff(['door']), id: doorUser.id },
						now: () => now
					})
				);
				const visitor = wsc.find((r) => r.category === 'visitor' && r.status === 'confirmed')!;
				const gate = db
					.select()
					.from(schema.checkpoints)
					.all()
					.find((c) => c.conferenceId === 'wsc-2024' && c.allowedCategories.includes('visitor'))!;
				const answer = await door.checkin.scan({
					checkpointId: gate.id,
					code: visitor.reference,
					deviceId: 'live-test-device',
					nonce: 'live-test-nonce-1',
					scannedAt: now.toISOString()
				});
				expect(answer.reason).toBe('ok');
				const after = liveSnapshot(db, now).turnout!.find((t) => t.conferenceId === 'wsc-2024')!;
				expect(after.checkedIn).toBe(1);
				expect(after.categories.find((c) => c.category === 'visitor')?.checkedIn).toBe(1);
				expect(after.arrivals).toEqual([{ from: '2024-11-04T02:00:00.000Z', entries: 1 }]);
			}
		} finally {
			close();
		}
	});
});
