import { sql } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { achievedFor, computeTotals, foldLedger, type TotalsFilter } from '@huizhan/ledger';
import { arbitraryHistory } from '@huizhan/ledger/testing';
import { createDb } from '../client.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedDemoDeals } from '../seed/deals.ts';
import { execute, tables } from '../tables.ts';
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
	test('equal the pure fold on random histories, for every filter', async () => {
		await fc.assert(
			fc.asyncProperty(history, async (entries) => {
				const { db, close } = await storedHistory(entries);
				try {
					const state = foldLedger(entries);
					for (const filter of FILTERS) {
						expect(await sqlTotals(db, filter), JSON.stringify(filter)).toEqual(
							computeTotals(state, filter)
						);
					}
				} finally {
					await close();
				}
			}),
			{ numRuns: 60 }
		);
	});

	test('target achievement from SQL equals the fold for every metric and scope', async () => {
		await fc.assert(
			fc.asyncProperty(history, async (entries) => {
				const { db, close } = await storedHistory(entries);
				try {
					const state = foldLedger(entries);
					const specs = [
						...(await db.select().from(tables(db).targets)),
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
								await sqlAchieved(db, target),
								`${metric} ${spec.scope} ${spec.conferenceId} ${'unitId' in spec ? spec.unitId : ''}`
							).toBe(achievedFor(state, target));
						}
					}
				} finally {
					await close();
				}
			}),
			{ numRuns: 40 }
		);
	});
});

/** What the database answered a refused statement (drizzle wraps it as the cause of its error). */
async function refusalOf(statement: Promise<unknown>): Promise<string> {
	try {
		await statement;
	} catch (error) {
		return String((error as Error).cause ?? error);
	}
	throw new Error('the statement was not refused');
}

describe('ledger verify', () => {
	test('passes on the demo ledger, whose projection equals the fold', async () => {
		const { db, close } = await createDb({ path: ':memory:' });
		await seedDemo(db);
		expect(await seedDemoDeals(db)).toBeGreaterThan(40);
		expect(await verifyLedger(db)).toMatchObject({ ok: true, deals: 46 });
		await close();
	});

	test('names the entry whose amount was changed behind the ledger’s back', async () => {
		const { db, close } = await createDb({ path: ':memory:' });
		await seedDemo(db);
		await seedDemoDeals(db);
		// What someone with the database file could do: drop the trigger, edit a row.
		await execute(db, sql`DROP TRIGGER ledger_entries_no_update`);
		await execute(
			db,
			sql`UPDATE ledger_entries SET event = json_set(event, '$.facts.totalInvestment', 99900000000) WHERE seq = 7`
		);
		expect(await verifyLedger(db)).toMatchObject({ ok: false, seq: 7, problem: 'hash_mismatch' });
		await close();
	});

	test('names the deal whose projection was edited, and rebuild repairs it', async () => {
		const { db, close } = await createDb({ path: ':memory:' });
		await seedDemo(db);
		await seedDemoDeals(db);
		await execute(
			db,
			sql`UPDATE deals SET counted_amount = counted_amount + 1 WHERE id = 'D000003'`
		);
		expect(await verifyLedger(db)).toMatchObject({ ok: false, dealId: 'D000003' });
		await rebuildProjection(db);
		expect((await verifyLedger(db)).ok).toBe(true);
		await close();
	});

	test('the ledger refuses updates and deletes', async () => {
		const { db, close } = await createDb({ path: ':memory:' });
		await seedDemo(db);
		await seedDemoDeals(db);
		expect(
			await refusalOf(execute(db, sql`UPDATE ledger_entries SET recorded_by = 'x' WHERE seq = 1`))
		).toMatch(/append-only/);
		expect(await refusalOf(execute(db, sql`DELETE FROM ledger_entries`))).toMatch(/append-only/);
		await close();
	});
});
