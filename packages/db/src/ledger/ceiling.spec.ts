import { afterEach, beforeEach, expect, test } from 'vitest';
import { GENESIS_HASH, LEDGER_CEILING_YUAN, type LedgerEntry } from '@huizhan/ledger';
import type { DbHandle } from '../client.ts';
import { createTestDb } from '../test-database.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedDemoDeals } from '../seed/deals.ts';
import { tables } from '../tables.ts';
import { insertEntry, loadEntries, readTotal } from './store.ts';

let handle: DbHandle;
beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db);
});
afterEach(() => handle.close());

/** An entry written straight to the table, as someone skipping the append code would. */
const raw = (seq: number, contract: number): LedgerEntry => ({
	seq,
	dealId: `D${String(seq).padStart(6, '0')}`,
	event: { type: 'voided', reason: 'x' },
	recordedAt: '2024-11-03T02:00:00.000Z',
	recordedBy: 'lina',
	occurredOn: '2024-11-03',
	delta: { contract, framework: 0, intent: 0 },
	prevHash: GENESIS_HASH,
	hash: String(seq).repeat(64).slice(0, 64)
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

test('the stored total follows every entry appended', async () => {
	await seedDemoDeals(handle.db);
	const sum = (await loadEntries(handle.db)).reduce(
		(total, e) => total + e.delta.contract + e.delta.framework + e.delta.intent,
		0
	);
	expect(sum).toBeGreaterThan(0);
	expect(await readTotal(handle.db)).toBe(sum);
});

test('the database refuses an entry past the ceiling even when the append code is skipped', async () => {
	const { ledgerTotal } = tables(handle.db);
	await handle.db.update(ledgerTotal).set({ amount: LEDGER_CEILING_YUAN - 10 });
	await insertEntry(handle.db, raw(1, 10), 'req-1');
	expect(await refusalOf(insertEntry(handle.db, raw(2, 1), 'req-2'))).toMatch(/ledger_ceiling/);
	await insertEntry(handle.db, raw(3, -4), 'req-3');
	expect((await loadEntries(handle.db)).map((e) => e.seq)).toEqual([1, 3]);
	expect(await readTotal(handle.db)).toBe(LEDGER_CEILING_YUAN - 4);
});
