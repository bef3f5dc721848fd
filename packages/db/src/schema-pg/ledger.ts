import { sql } from 'drizzle-orm';
import {
	bigint,
	boolean,
	check,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import { AGREEMENT_TYPES, DEAL_STAGES, INVESTOR_ORIGINS, type DealEvent } from '@huizhan/ledger';
import * as sqlite from '../schema/ledger.ts';
import { inList, isoDateCheck } from './columns.ts';
import { industryChains, responsibleUnits } from './organisation.ts';

/** Money in 元: sums pass 2^31, and stay exact as JS numbers below the ledger's ceiling. */
const yuan = () => bigint({ mode: 'number' });

// The closed lists the SQLite tables spell inline, taken from them so the two cannot drift.
const EVENT_TYPES = sqlite.ledgerEntries.type.enumValues;
const TRANCHE_KINDS = sqlite.dealTranches.kind.enumValues;

/**
 * The signing ledger (签约台账): append-only, one row per event, each holding the hash of the
 * row before (see the ledger package's `hashEntry`). Triggers in the `triggers` migration refuse
 * UPDATE, DELETE and TRUNCATE, so totals can only change by appending. Field values are stored
 * exactly as hashed: `recordedAt` stays the hashed ISO text, and `event` is `json` (kept as
 * written), not `jsonb` (which reorders keys and drops duplicates).
 */
export const ledgerEntries = pgTable(
	'ledger_entries',
	{
		/** 1, 2, 3, … assigned inside the write transaction: no gaps, no reuse. */
		seq: integer().primaryKey(),
		dealId: text().notNull(),
		type: text({ enum: EVENT_TYPES }).notNull(),
		event: json().$type<DealEvent>().notNull(),
		/** ISO instant, as hashed. */
		recordedAt: text().notNull(),
		recordedBy: text().notNull(),
		occurredOn: text().notNull(),
		deltaContract: yuan().notNull(),
		deltaFramework: yuan().notNull(),
		deltaIntent: yuan().notNull(),
		prevHash: text().notNull(),
		hash: text().notNull().unique(),
		/** The client's id for the write: a retried request finds its entry instead of adding one. */
		requestId: text().notNull().unique()
	},
	(t) => [
		index('ledger_entries_deal').on(t.dealId, t.seq),
		index('ledger_entries_recorded_at').on(t.recordedAt),
		check('ledger_entries_type', inList('type', EVENT_TYPES)),
		check('ledger_entries_occurred_on', isoDateCheck('occurred_on')),
		check('ledger_entries_hashes', sql`length(${t.hash}) = 64 AND length(${t.prevHash}) = 64`)
	]
);

/**
 * One row: the sum of every entry's amount change over all buckets, which is the ledger's grand
 * total and so bounds every total any page shows. A trigger on `ledger_entries` keeps it, and
 * another refuses an entry that would push it past the ceiling (the ledger package's
 * `LEDGER_CEILING_YUAN`) even if the code's own check were skipped. The row is inserted by the
 * `triggers` migration.
 */
export const ledgerTotal = pgTable(
	'ledger_total',
	{
		id: integer().primaryKey(),
		amount: yuan().notNull()
	},
	(t) => [check('ledger_total_one_row', sql`${t.id} = 1`)]
);

/**
 * The current state of every deal, derived from the ledger in the same transaction as each
 * entry, for fast lists and totals. It can always be rebuilt from the ledger
 * (`huizhan ledger rebuild`), and `huizhan ledger verify` checks it equals the fold.
 */
export const deals = pgTable(
	'deals',
	{
		id: text().primaryKey(),
		projectName: text().notNull(),
		investor: text().notNull(),
		/** `normaliseInvestor(investor)`, for finding probable duplicates. */
		investorKey: text().notNull(),
		investorOrigin: text({ enum: INVESTOR_ORIGINS }).notNull(),
		chainId: integer()
			.notNull()
			.references(() => industryChains.id),
		unitId: integer()
			.notNull()
			.references(() => responsibleUnits.id),
		/** A conference id or `everyday`. */
		signingEvent: text().notNull(),
		signedOn: text().notNull(),
		agreementType: text({ enum: AGREEMENT_TYPES }).notNull(),
		totalInvestment: yuan().notNull(),
		/** Original amount plus every increase (增资): what the deal counts for. */
		countedAmount: yuan().notNull(),
		foreignCurrency: text(),
		foreignAmount: yuan(),
		exchangeRate: text(),
		notes: text().notNull(),
		stage: text({ enum: DEAL_STAGES }).notNull(),
		landedOn: text(),
		startedOn: text(),
		inProductionOn: text(),
		upgradedOn: text(),
		voided: boolean().notNull(),
		voidReason: text(),
		/** Entries applied to this deal: the version an amendment must name to be accepted. */
		version: integer().notNull(),
		firstSeq: integer().notNull(),
		lastSeq: integer().notNull(),
		lastRecordedAt: text().notNull(),
		lastRecordedBy: text().notNull()
	},
	(t) => [
		index('deals_signing_event').on(t.signingEvent),
		index('deals_investor_key').on(t.investorKey),
		index('deals_signed_on').on(t.signedOn),
		// The SQLite schema's covering indexes for the dashboard totals, kept under the same names
		// and column orders; PostgreSQL can answer the same grouped reads from them index-only.
		index('deals_totals_by_chain').on(
			t.signingEvent,
			t.chainId,
			t.unitId,
			t.agreementType,
			t.voided,
			t.stage,
			t.investorOrigin,
			t.totalInvestment,
			t.countedAmount
		),
		index('deals_totals_by_stage').on(
			t.signingEvent,
			t.stage,
			t.investorOrigin,
			t.agreementType,
			t.voided,
			t.chainId,
			t.unitId,
			t.totalInvestment,
			t.countedAmount
		),
		index('deals_breakdown').on(
			t.id,
			t.voided,
			t.chainId,
			t.unitId,
			t.agreementType,
			t.stage,
			t.investorOrigin
		),
		check('deals_agreement_type', inList('agreement_type', AGREEMENT_TYPES)),
		check('deals_stage', inList('stage', DEAL_STAGES)),
		check('deals_investor_origin', inList('investor_origin', INVESTOR_ORIGINS)),
		check(
			'deals_amounts',
			sql`${t.totalInvestment} > 0 AND ${t.countedAmount} >= ${t.totalInvestment}`
		)
	]
);

/** The amounts a deal counts for, each credited to the event where it was signed. */
export const dealTranches = pgTable(
	'deal_tranches',
	{
		dealId: text()
			.notNull()
			.references(() => deals.id, { onDelete: 'cascade' }),
		/** The ledger entry that created this tranche. */
		seq: integer().notNull(),
		kind: text({ enum: TRANCHE_KINDS }).notNull(),
		signingEvent: text().notNull(),
		signedOn: text().notNull(),
		amount: yuan().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.dealId, t.seq] }),
		index('deal_tranches_event').on(t.signingEvent),
		index('deal_tranches_totals').on(t.kind, t.signingEvent, t.dealId, t.amount),
		check('deal_tranches_amount', sql`${t.amount} > 0`)
	]
);
