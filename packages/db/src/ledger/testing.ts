import { applyEntry, emptyLedger, type LedgerEntry } from '@huizhan/ledger';
import { createDb } from '../client.ts';
import { seedDemo } from '../seed/demo.ts';
import { insertEntry, saveDealState } from './store.ts';

/*
 * Test support shared with other packages (`@huizhan/db/testing`): tests that hold a query to
 * the pure fold store the same generated histories this way.
 */

/** A fresh in-memory database with the demo reference data (chains 1–10, units 1–6), these entries and their projection. */
export function storedHistory(entries: LedgerEntry[]) {
	const handle = createDb({ path: ':memory:' });
	seedDemo(handle.db);
	handle.db.transaction((tx) => {
		let state = emptyLedger();
		for (const entry of entries) {
			insertEntry(tx, entry, `req-${entry.seq}`);
			state = applyEntry(state, entry);
			saveDealState(tx, state.deals.get(entry.dealId)!);
		}
	});
	return handle;
}
