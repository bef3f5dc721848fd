import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { achievedFor, computeTotals, foldLedger, type TotalsFilter } from '@huizhan/ledger';
import { arbitraryHistory } from '@huizhan/ledger/testing';
import { createDb } from '../client.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedDemoDeals } from '../seed/deals.ts';
import { targets } from '../schema/index.ts';
import { sqlAchieved, sqlTotals } from './queries.ts';
import { rebuildProjection, verifyLedger } from './verify.ts';
import { storedHistory } from './testing.ts';

const history = arbitraryHistory({ maxSteps: 40, chainIds: [1, 2, 3], unitIds: [1, 2] });
const FILTERS: TotalsFilter[] = [
	{},
	{ signingEvent: 'wsc-2024' },
	{ signingEvent: 'everyday' },
	{ chainId: 2 },
	{ unitId: 1, agreementType: 'contract' },
	{ stage: 'landed' },
	{ investorOrigin: 'overseas', signingEvent: 'diamond-2024' }
];

describe('totals computed in SQL', () => {
	test('equal the pure fold on random histories, for every filter', () => {
		fc.assert(
			fc.property(history, (entries) => {
				const { db, close } = storedHistory(entries);
				try {
					const state = foldLedger(entries);
					for (const filter of FILTERS) {
						expect(sqlTotals(db, filter), JSON.stringify(filter)).toEqual(
							computeTotals(state, filter)
						);
					}
				} finally {
					close();
				}
			}),
			{ numRuns: 60 }
		);
	});

	test('target achievement from SQL equals the fold for every metric and scope', () => {
		fc.assert(
			fc.property(history, (entries) => {
				const { db, close } = storedHistory(entries);
				try {
					const state = foldLedger(entries);
					const specs = [
						...db.select().from(targets).all(),
						...[1, 2, 3].map((unitId) => ({
							scope: 'unit' as const,
							conferenceId: null,
							unitId,
							periodStart: '2024-01-01',
							periodEnd: '2024-12-31'
						}))
					];
					for (const metric of [
						'signed_amount',
						'formal_signing_count',
						'landed_100yi_count',
						'landed_amount'
					] as const) {
						for (const spec of specs) {
							const target = { ...spec, metric };
							expect(
								sqlAchieved(db, target),
								`${metric} ${spec.scope} ${spec.conferenceId} ${'unitId' in spec ? spec.unitId : ''}`
							).toBe(achievedFor(state, target));
						}
					}
				} finally {
					close();
				}
			}),
			{ numRuns: 40 }
		);
	});
});

describe('ledger verify', () => {
	test('passes on the demo ledger, whose projection equals the fold', () => {
		const { db, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		expect(seedDemoDeals(db)).toBeGreaterThan(40);
		expect(verifyLedger(db)).toMatchObject({ ok: true, deals: 46 });
		close();
	});

	test('names the entry whose amount was changed behind the ledger’s back', () => {
		const { db, sqlite, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		seedDemoDeals(db);
		// What someone with the database file could do: drop the trigger, edit a row.
		sqlite.exec('DROP TRIGGER ledger_entries_no_update');
		sqlite.exec(
			`UPDATE ledger_entries SET event = json_set(event, '$.facts.totalInvestment', 99900000000) WHERE seq = 7`
		);
		expect(verifyLedger(db)).toMatchObject({ ok: false, seq: 7, problem: 'hash_mismatch' });
		close();
	});

	test('names the deal whose projection was edited, and rebuild repairs it', () => {
		const { db, sqlite, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		seedDemoDeals(db);
		sqlite.exec(`UPDATE deals SET counted_amount = counted_amount + 1 WHERE id = 'D000003'`);
		expect(verifyLedger(db)).toMatchObject({ ok: false, dealId: 'D000003' });
		rebuildProjection(db);
		expect(verifyLedger(db).ok).toBe(true);
		close();
	});

	test('the ledger refuses updates and deletes', () => {
		const { db, sqlite, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		seedDemoDeals(db);
		expect(() => sqlite.exec(`UPDATE ledger_entries SET recorded_by = 'x' WHERE seq = 1`)).toThrow(
			/append-only/
		);
		expect(() => sqlite.exec('DELETE FROM ledger_entries')).toThrow(/append-only/);
		close();
	});
});
