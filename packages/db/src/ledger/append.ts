import {
	applyEntry,
	breaksCeiling,
	checkEvent,
	deltaOf,
	sealEntry,
	type DealEvent,
	type DealState,
	type LedgerEntry
} from '@huizhan/ledger';
import type { DbOrTx } from '../types.ts';
import { insertEntry, loadDealState, readHead, readTotal, saveDealState } from './store.ts';

export interface AppendCommand {
	/** Null for a new deal: its id is made from the entry's sequence number. */
	dealId: string | null;
	event: DealEvent;
	occurredOn: string;
	recordedAt: string;
	recordedBy: string;
	requestId: string;
	/** Called with the deal as it stands before the event, to refuse it (version checks). */
	guard?: (current: DealState | undefined) => void;
}

/**
 * The ledger's head and grand total as a run of appends in ONE transaction leaves them (an
 * import's thousands of rows): read once at the start (`readChain`), then carried from append
 * to append instead of read again each time.
 */
export interface LedgerChain {
	head: { seq: number; hash: string };
	total: number;
}

/** The chain as it stands, to carry through several appends in the same transaction. */
export async function readChain(tx: DbOrTx): Promise<LedgerChain> {
	return { head: await readHead(tx), total: await readTotal(tx) };
}

export class LedgerRefusal extends Error {
	constructor(readonly reason: string) {
		super(`ledger refused the entry: ${reason}`);
		this.name = 'LedgerRefusal';
	}
}

/**
 * The lock every write to the ledger takes (`lockedTransaction`, `writes.run(…, { locks })`):
 * each entry chains onto the one head, so on PostgreSQL the appends queue on it.
 */
export const LEDGER_LOCK = 'ledger';

/** `D000042`: a deal is named after the sequence number of the entry that signed it. */
export const dealIdFor = (seq: number): string => `D${String(seq).padStart(6, '0')}`;

/**
 * Appends one event: checks it against the deal's current state, seals it onto the chain's
 * head, stores it and updates the projection. Must run inside a write transaction that took the
 * lock before reading (BEGIN IMMEDIATE), so no other writer chains onto the same head.
 */
export async function appendToLedger(
	tx: DbOrTx,
	command: AppendCommand,
	chain?: LedgerChain
): Promise<{ entry: LedgerEntry; deal: DealState }> {
	// The head is read once and the deal loaded once: every query counts, since the
	// write lock is held for the whole append.
	const head = chain ? chain.head : await readHead(tx);
	const dealId = command.dealId ?? dealIdFor(head.seq + 1);
	// A new deal's id is made from a sequence number no entry has had: nothing to load.
	const current = command.dealId === null ? undefined : await loadDealState(tx, dealId);
	const state = {
		deals: new Map(current ? [[dealId, current]] : []),
		headSeq: head.seq,
		headHash: head.hash
	};
	command.guard?.(state.deals.get(dealId));
	const problem = checkEvent(state, dealId, command.event);
	if (problem) throw new LedgerRefusal(problem.reason);
	const delta = deltaOf(state, dealId, command.event);
	// Read inside the same write transaction as the insert, so two writers cannot both fit
	// under the ceiling; the trigger on ledger_entries refuses it again should this be skipped.
	const total = chain ? chain.total : await readTotal(tx);
	if (breaksCeiling(total, delta)) throw new LedgerRefusal('ledger_ceiling');
	const entry = sealEntry(
		{
			dealId,
			event: command.event,
			recordedAt: command.recordedAt,
			recordedBy: command.recordedBy,
			occurredOn: command.occurredOn,
			delta
		},
		state
	);
	await insertEntry(tx, entry, command.requestId);
	const deal = applyEntry(state, entry).deals.get(dealId);
	if (!deal) throw new Error(`the fold lost deal ${dealId}`);
	await saveDealState(tx, deal, { fresh: current === undefined });
	if (chain) {
		chain.head = { seq: entry.seq, hash: entry.hash };
		chain.total += delta.contract + delta.framework + delta.intent;
	}
	return { entry, deal };
}
