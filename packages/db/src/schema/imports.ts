import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import type { DealFacts } from '@huizhan/ledger';
import { createdAt, inList, timestamp } from './columns.ts';
import { staffUsers } from './staff.ts';

export const DEAL_IMPORT_STATUSES = ['previewed', 'committed'] as const;
export type DealImportStatus = (typeof DEAL_IMPORT_STATUSES)[number];

/** One row of an imported spreadsheet, checked and ready to be signed into the ledger. */
export interface DealImportRow {
	/** The row number as the spreadsheet program shows it (the header is row 1). */
	row: number;
	facts: DealFacts;
}

/** Something a human should look at before committing (a probable duplicate, …). */
export interface DealImportWarning {
	row: number;
	column: string;
	code: string;
	detail?: string;
}

/**
 * A previewed spreadsheet import (批量导入), kept so the commit needs neither the file again nor
 * JavaScript in the browser, and survives a restart between preview and commit. Only error-free
 * previews are stored; committing appends every row to the ledger once, all or nothing.
 */
export const dealImports = sqliteTable(
	'deal_imports',
	{
		/** Random and unguessable: it is all a commit names. */
		id: text().primaryKey(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt(),
		filename: text().notNull(),
		rowCount: integer().notNull(),
		/** Sum of the rows' total investment, in 元: what the commit adds to the totals. */
		totalInvestment: integer().notNull(),
		rows: text({ mode: 'json' }).$type<DealImportRow[]>().notNull(),
		warnings: text({ mode: 'json' }).$type<DealImportWarning[]>().notNull(),
		status: text({ enum: DEAL_IMPORT_STATUSES }).notNull().default('previewed'),
		committedAt: timestamp(),
		/** The ledger entries the commit wrote: one per row, consecutive. */
		firstSeq: integer(),
		lastSeq: integer()
	},
	(t) => [
		index('deal_imports_created_at').on(t.createdAt),
		check('deal_imports_status', inList('status', DEAL_IMPORT_STATUSES)),
		check('deal_imports_row_count', sql`${t.rowCount} > 0`),
		check(
			'deal_imports_committed',
			sql`(${t.status} = 'previewed' AND ${t.committedAt} IS NULL AND ${t.firstSeq} IS NULL AND ${t.lastSeq} IS NULL) OR (${t.status} = 'committed' AND ${t.committedAt} IS NOT NULL AND ${t.lastSeq} - ${t.firstSeq} + 1 = ${t.rowCount})`
		)
	]
);
