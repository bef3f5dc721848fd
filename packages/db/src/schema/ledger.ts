import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import {
	AGREEMENT_TYPES,
	DEAL_STAGES,
	INVESTOR_ORIGINS,
	type DealEvent,
	type DealEventType
} from '@huizhan/ledger';
import { inList, isoDateCheck } from './columns.ts';
import { industryChains, responsibleUnits } from './organisation.ts';

const EVENT_TYPES: readonly DealEventType[] = [
	'signed',
	'amended',
	'upgraded',
	'increased',
	'advanced',
	'voided'
];

/**
 * The signing ledger (签约台账): append-only, one row per event, each holding the hash of the
 * row before (see the ledger package's `hashEntry`). Triggers in the migration refuse UPDATE and
 * DELETE, so totals can only change by appending. Field values are stored exactly as hashed.
 */
export const ledgerEntries = sqliteTable(
	'ledger_entries',
	{
		/** 1, 2, 3, … assigned inside the write transaction: no gaps, no reuse. */
		seq: integer().primaryKey(),
		dealId: text().notNull(),
		type: text({ enum: EVENT_TYPES as [DealEventType, ...DealEventType[]] }).notNull(),
		event: text({ mode: 'json' }).$type<DealEvent>().notNull(),
		/** ISO instant, as hashed. */
		recordedAt: text().notNull(),
		recordedBy: text().notNull(),
		occurredOn: text().notNull(),
		deltaContract: integer().notNull(),
		deltaFramework: integer().notNull(),
		deltaIntent: integer().notNull(),
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
 * total (every live deal's counted amount, framework and intent included) and so bounds every
 * total any page shows. A trigger on `ledger_entries` keeps it, so the ceiling check on each
 * append reads one row instead of summing the ledger inside the write lock; the same trigger
 * refuses an entry that would push it past the ceiling (the ledger package's
 * `LEDGER_CEILING_YUAN`) even if the code's own check were skipped.
 */
export const ledgerTotal = sqliteTable(
	'ledger_total',
	{
		id: integer().primaryKey(),
		amount: integer().notNull()
	},
	(t) => [check('ledger_total_one_row', sql`${t.id} = 1`)]
);

/**
 * The current state of every deal, derived from the ledger in the same transaction as each
 * entry, for fast lists and totals. It can always be rebuilt from the ledger
 * (`huizhan ledger rebuild`), and `huizhan ledger verify` checks it equals the fold.
 */
export const deals = sqliteTable(
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
		totalInvestment: integer().notNull(),
		/** Original amount plus every increase (增资): what the deal counts for. */
		countedAmount: integer().notNull(),
		foreignCurrency: text(),
		foreignAmount: integer(),
		exchangeRate: text(),
		notes: text().notNull(),
		stage: text({ enum: DEAL_STAGES }).notNull(),
		landedOn: text(),
		startedOn: text(),
		inProductionOn: text(),
		upgradedOn: text(),
		voided: integer({ mode: 'boolean' }).notNull(),
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
		// Covering indexes for the dashboard totals: `sqlTotals` groups in these orders and reads
		// nothing else. `voided` must not lead: a leading `voided = ?` made SQLite pick them for
		// target queries where a table scan is faster.
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
		// A deal's breakdown columns looked up from one of its increases without reading the row.
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
export const dealTranches = sqliteTable(
	'deal_tranches',
	{
		dealId: text()
			.notNull()
			.references(() => deals.id, { onDelete: 'cascade' }),
		/** The ledger entry that created this tranche. */
		seq: integer().notNull(),
		kind: text({ enum: ['original', 'increase'] }).notNull(),
		signingEvent: text().notNull(),
		signedOn: text().notNull(),
		amount: integer().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.dealId, t.seq] }),
		index('deal_tranches_event').on(t.signingEvent),
		// Not partial: drizzle binds 'increase' as a parameter, which a partial index cannot match.
		index('deal_tranches_totals').on(t.kind, t.signingEvent, t.dealId, t.amount),
		check('deal_tranches_amount', sql`${t.amount} > 0`)
	]
);
