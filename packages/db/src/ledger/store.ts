import { and, asc, desc, eq, gt, lte } from 'drizzle-orm';
import { GENESIS_HASH, normaliseInvestor, type DealState, type LedgerEntry } from '@huizhan/ledger';
import type { DbOrTx } from '../types.ts';
import type { deals, dealTranches, ledgerEntries } from '../schema/index.ts';
import { tables } from '../tables.ts';

/*
 * Storage of the signing ledger: rows in, entries out, exactly as the ledger package hashes
 * them. Writes happen inside the caller's transaction (one per command).
 */

type EntryRow = typeof ledgerEntries.$inferSelect;

export function entryFromRow(row: EntryRow): LedgerEntry {
	return {
		seq: row.seq,
		dealId: row.dealId,
		event: row.event,
		recordedAt: row.recordedAt,
		recordedBy: row.recordedBy,
		occurredOn: row.occurredOn,
		delta: { contract: row.deltaContract, framework: row.deltaFramework, intent: row.deltaIntent },
		prevHash: row.prevHash,
		hash: row.hash
	};
}

/** The last entry's sequence number and hash: what the next entry chains onto. */
export async function readHead(db: DbOrTx): Promise<{ seq: number; hash: string }> {
	const { ledgerEntries } = tables(db);
	const [last] = await db
		.select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash })
		.from(ledgerEntries)
		.orderBy(desc(ledgerEntries.seq))
		.limit(1);
	return last ?? { seq: 0, hash: GENESIS_HASH };
}

/** The ledger's grand total (every live deal, every bucket), kept by a trigger on each entry. */
export async function readTotal(db: DbOrTx): Promise<number> {
	const { ledgerTotal } = tables(db);
	const [total] = await db
		.select({ amount: ledgerTotal.amount })
		.from(ledgerTotal)
		.where(eq(ledgerTotal.id, 1));
	return total?.amount ?? 0;
}

export async function insertEntry(
	db: DbOrTx,
	entry: LedgerEntry,
	requestId: string
): Promise<void> {
	const { ledgerEntries } = tables(db);
	await db.insert(ledgerEntries).values({
		seq: entry.seq,
		dealId: entry.dealId,
		type: entry.event.type,
		event: entry.event,
		recordedAt: entry.recordedAt,
		recordedBy: entry.recordedBy,
		occurredOn: entry.occurredOn,
		deltaContract: entry.delta.contract,
		deltaFramework: entry.delta.framework,
		deltaIntent: entry.delta.intent,
		prevHash: entry.prevHash,
		hash: entry.hash,
		requestId
	});
}

export async function entryByRequestId(
	db: DbOrTx,
	requestId: string
): Promise<LedgerEntry | undefined> {
	const { ledgerEntries } = tables(db);
	const [row] = await db.select().from(ledgerEntries).where(eq(ledgerEntries.requestId, requestId));
	return row ? entryFromRow(row) : undefined;
}

/** Entries in order, optionally only those after `afterSeq` or recorded up to an instant. */
export async function loadEntries(
	db: DbOrTx,
	options: { afterSeq?: number; recordedUpTo?: string } = {}
): Promise<LedgerEntry[]> {
	const { ledgerEntries } = tables(db);
	const conditions = [gt(ledgerEntries.seq, options.afterSeq ?? 0)];
	if (options.recordedUpTo) conditions.push(lte(ledgerEntries.recordedAt, options.recordedUpTo));
	const found = await db
		.select()
		.from(ledgerEntries)
		.where(and(...conditions))
		.orderBy(asc(ledgerEntries.seq));
	return found.map(entryFromRow);
}

export async function dealEntries(db: DbOrTx, dealId: string): Promise<LedgerEntry[]> {
	const { ledgerEntries } = tables(db);
	const found = await db
		.select()
		.from(ledgerEntries)
		.where(eq(ledgerEntries.dealId, dealId))
		.orderBy(asc(ledgerEntries.seq));
	return found.map(entryFromRow);
}

type DealRow = typeof deals.$inferSelect;
type TrancheRow = typeof dealTranches.$inferSelect;

/** A deal's projection rows back as the fold's `DealState`. */
export function dealStateFromRows(row: DealRow, tranches: TrancheRow[]): DealState {
	const stageDates: DealState['stageDates'] = {};
	if (row.landedOn) stageDates.landed = row.landedOn;
	if (row.startedOn) stageDates.started = row.startedOn;
	if (row.inProductionOn) stageDates.in_production = row.inProductionOn;
	return {
		id: row.id,
		facts: {
			projectName: row.projectName,
			investor: row.investor,
			investorOrigin: row.investorOrigin,
			chainId: row.chainId,
			unitId: row.unitId,
			signingEvent: row.signingEvent,
			signedOn: row.signedOn,
			agreementType: row.agreementType,
			totalInvestment: row.totalInvestment,
			foreignCurrency: row.foreignCurrency,
			foreignAmount: row.foreignAmount,
			exchangeRate: row.exchangeRate,
			notes: row.notes
		},
		stage: row.stage,
		stageDates,
		upgradedOn: row.upgradedOn,
		tranches: [...tranches]
			.sort((a, b) => a.seq - b.seq)
			.map((t) => ({
				seq: t.seq,
				kind: t.kind,
				signingEvent: t.signingEvent,
				signedOn: t.signedOn,
				amount: t.amount
			})),
		voided: row.voided,
		voidReason: row.voidReason,
		version: row.version,
		firstSeq: row.firstSeq,
		lastSeq: row.lastSeq,
		lastRecordedAt: row.lastRecordedAt,
		lastRecordedBy: row.lastRecordedBy
	};
}

/** The deal as the fold knows it, from the projection; undefined if it was never signed. */
export async function loadDealState(db: DbOrTx, dealId: string): Promise<DealState | undefined> {
	const { deals, dealTranches } = tables(db);
	const [row] = await db.select().from(deals).where(eq(deals.id, dealId));
	if (!row) return undefined;
	const tranches = await db.select().from(dealTranches).where(eq(dealTranches.dealId, dealId));
	return dealStateFromRows(row, tranches);
}

/** The projection row a deal state is stored as. */
export function dealRowOf(state: DealState): DealRow {
	const { facts } = state;
	return {
		id: state.id,
		projectName: facts.projectName,
		investor: facts.investor,
		investorKey: normaliseInvestor(facts.investor),
		investorOrigin: facts.investorOrigin,
		chainId: facts.chainId,
		unitId: facts.unitId,
		signingEvent: facts.signingEvent,
		signedOn: facts.signedOn,
		agreementType: facts.agreementType,
		totalInvestment: facts.totalInvestment,
		countedAmount: state.tranches.reduce((sum, t) => sum + t.amount, 0),
		foreignCurrency: facts.foreignCurrency,
		foreignAmount: facts.foreignAmount,
		exchangeRate: facts.exchangeRate,
		notes: facts.notes,
		stage: state.stage,
		landedOn: state.stageDates.landed ?? null,
		startedOn: state.stageDates.started ?? null,
		inProductionOn: state.stageDates.in_production ?? null,
		upgradedOn: state.upgradedOn,
		voided: state.voided,
		voidReason: state.voidReason,
		version: state.version,
		firstSeq: state.firstSeq,
		lastSeq: state.lastSeq,
		lastRecordedAt: state.lastRecordedAt,
		lastRecordedBy: state.lastRecordedBy
	};
}

/** The tranche rows a deal state is stored as. */
export const trancheRowsOf = (state: DealState): TrancheRow[] =>
	state.tranches.map((t) => ({ dealId: state.id, ...t }));

/**
 * Writes a deal's new state into the projection (insert or replace, tranches included). A
 * `fresh` deal — one the projection has never held — is inserted straight away.
 */
export async function saveDealState(
	db: DbOrTx,
	state: DealState,
	{ fresh = false }: { fresh?: boolean } = {}
): Promise<void> {
	const { deals, dealTranches } = tables(db);
	const row = dealRowOf(state);
	const { id: _id, ...changes } = row;
	if (fresh) {
		await db.insert(deals).values(row);
	} else {
		await db.insert(deals).values(row).onConflictDoUpdate({ target: deals.id, set: changes });
		await db.delete(dealTranches).where(eq(dealTranches.dealId, state.id));
	}
	if (state.tranches.length > 0) await db.insert(dealTranches).values(trancheRowsOf(state));
}
