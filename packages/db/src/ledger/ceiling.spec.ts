import { afterEach, beforeEach, expect, test } from 'vitest';
import { GENESIS_HASH, LEDGER_CEILING_YUAN, type LedgerEntry } from '@huizhan/ledger';
import { createDb } from '../client.ts';
import { ledgerTotal } from '../schema/index.ts';
import { seedDemo } from '../seed/demo.ts';
import { seedDemoDeals } from '../seed/deals.ts';
import { insertEntry, loadEntries, readTotal } from './store.ts';

let handle: ReturnType<typeof createDb>;
beforeEach(() => {
	handle = createDb({ path: ':memory:' });
	seedDemo(handle.db);
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

test('the stored total follows every entry appended', () => {
	seedDemoDeals(handle.db);
	const sum = loadEntries(handle.db).reduce(
		(total, e) => total + e.delta.contract + e.delta.framework + e.delta.intent,
		0
	);
	expect(sum).toBeGreaterThan(0);
	expect(readTotal(handle.db)).toBe(sum);
});

test('the database refuses an entry past the ceiling even when the append code is skipped', () => {
	handle.db
		.update(ledgerTotal)
		.set({ amount: LEDGER_CEILING_YUAN - 10 })
		.run();
	insertEntry(handle.db, raw(1, 10), 'req-1');
	expect(() => insertEntry(handle.db, raw(2, 1), 'req-2')).toThrow(/ledger_ceiling/);
	insertEntry(handle.db, raw(3, -4), 'req-3');
	expect(loadEntries(handle.db).map((e) => e.seq)).toEqual([1, 3]);
	expect(readTotal(handle.db)).toBe(LEDGER_CEILING_YUAN - 4);
});
