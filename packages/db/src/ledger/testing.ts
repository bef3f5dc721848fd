import { applyEntry, emptyLedger, type LedgerEntry } from '@huizhan/ledger';
import { createDb } from '../client.ts';
import { seedDemo } from '../seed/demo.ts';
import { insertEntry, saveDealState } from './store.ts';

/*
 * Test support shared with other packages (`@huizhan/db/testing`): tests that hold a query to
 * the pure fold store the same generated histories this way.
 */

/** A fresh in-memory database with the demo reference data (chains 1–10, units 1–6), these entries and their projection. */
export async function storedHistory(entries: LedgerEntry[]) {
	const handle = await createDb({ path: ':memory:' });
	await seedDemo(handle.db);
	await handle.db.transaction(async (tx) => {
		let state = emptyLedger();
		for (const entry of entries) {
			await insertEntry(tx, entry, `req-${entry.seq}`);
			state = applyEntry(state, entry);
			await saveDealState(tx, state.deals.get(entry.dealId)!);
		}
	});
	return handle;
}
