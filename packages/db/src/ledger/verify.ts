import { isDeepStrictEqual } from 'node:util';
import {
	findAnchor,
	foldLedger,
	GENESIS_HASH,
	verifyChain,
	type HeadAnchor
} from '@huizhan/ledger';
import type { Db } from '../types.ts';
import { lockedTransaction, readTransaction, tables } from '../tables.ts';
import { LEDGER_LOCK } from './append.ts';
import { dealRowOf, loadEntries, saveDealState, trancheRowsOf } from './store.ts';

export type LedgerCheck =
	| {
			ok: true;
			entries: number;
			deals: number;
			headSeq: number;
			headHash: string;
			/** The entry a written-down head (`anchor`) was found at. */
			anchoredAt?: { seq: number; hash: string };
	  }
	| { ok: false; seq: number | null; dealId: string | null; problem: string };

/**
 * Proves the ledger was not changed behind its back: every entry's hash matches its content and
 * chains onto the one before, and the projection equals a replay of the entries. With `anchor`
 * (a head written down earlier) it also proves the chain still passes through that head, which a
 * ledger rehashed from scratch cannot.
 */
export async function verifyLedger(
	db: Db,
	options: { anchor?: HeadAnchor } = {}
): Promise<LedgerCheck> {
	// One transaction: the entries and the projection are read as of the same moment.
	return readTransaction(db, async (tx): Promise<LedgerCheck> => {
		const { deals, dealTranches } = tables(tx);
		const entries = await loadEntries(tx);
		const chain = verifyChain(entries);
		if (!chain.ok) return { ok: false, seq: chain.seq, dealId: null, problem: chain.problem };
		const { anchor } = options;
		let anchoredAt: { seq: number; hash: string } | undefined;
		if (anchor) {
			const isGenesis = GENESIS_HASH.startsWith(anchor.hashPrefix) && (anchor.seq ?? 0) === 0;
			const found = isGenesis ? { seq: 0, hash: GENESIS_HASH } : findAnchor(entries, anchor);
			if (!found)
				return {
					ok: false,
					seq: anchor.seq,
					dealId: null,
					problem: `head ${anchor.seq ?? '?'}:${anchor.hashPrefix} is not in the chain — the ledger was rewritten since that head was written down`
				};
			anchoredAt = { seq: found.seq, hash: found.hash };
		}
		let folded;
		try {
			folded = foldLedger(entries);
		} catch (error) {
			return {
				ok: false,
				seq: null,
				dealId: null,
				problem: `replay failed: ${(error as Error).message}`
			};
		}
		const rows = await tx.select().from(deals);
		const tranches = await tx.select().from(dealTranches);
		const byDeal = new Map<string, typeof tranches>();
		for (const t of tranches) byDeal.set(t.dealId, [...(byDeal.get(t.dealId) ?? []), t]);
		const projected = new Map(rows.map((r) => [r.id, r]));
		const bySeq = (a: { seq: number }, b: { seq: number }) => a.seq - b.seq;
		// Row against row, every column — derived ones like the counted amount included.
		for (const [dealId, state] of folded.deals) {
			const stored = projected.get(dealId);
			if (!stored)
				return {
					ok: false,
					seq: state.lastSeq,
					dealId,
					problem: 'deal missing from the projection'
				};
			const storedTranches = [...(byDeal.get(dealId) ?? [])].sort(bySeq);
			if (
				!isDeepStrictEqual(stored, dealRowOf(state)) ||
				!isDeepStrictEqual(storedTranches, trancheRowsOf(state).sort(bySeq))
			) {
				return {
					ok: false,
					seq: state.lastSeq,
					dealId,
					problem: 'projection differs from the ledger'
				};
			}
		}
		for (const dealId of projected.keys()) {
			if (!folded.deals.has(dealId)) {
				return {
					ok: false,
					seq: null,
					dealId,
					problem: 'projection has a deal the ledger never signed'
				};
			}
		}
		return {
			ok: true,
			entries: chain.count,
			deals: folded.deals.size,
			headSeq: chain.count,
			headHash: chain.headHash,
			...(anchoredAt ? { anchoredAt } : {})
		};
	});
}

/** Rebuilds the projection from the ledger in one transaction; returns the number of deals. */
export async function rebuildProjection(db: Db): Promise<number> {
	return lockedTransaction(db, [LEDGER_LOCK], async (tx) => {
		const { deals, dealTranches } = tables(tx);
		const folded = foldLedger(await loadEntries(tx));
		await tx.delete(dealTranches);
		await tx.delete(deals);
		for (const state of folded.deals.values()) await saveDealState(tx, state);
		return folded.deals.size;
	});
}
