import { sql } from 'drizzle-orm';
import { bigint, check, index, integer, json, pgTable, text } from 'drizzle-orm/pg-core';
import {
	DEAL_IMPORT_STATUSES,
	type DealImportRow,
	type DealImportWarning
} from '../schema/imports.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { staffUsers } from './staff.ts';

export {
	DEAL_IMPORT_STATUSES,
	type DealImportRow,
	type DealImportStatus,
	type DealImportWarning
} from '../schema/imports.ts';

/** A previewed spreadsheet import (批量导入); see the SQLite schema for its life. */
export const dealImports = pgTable(
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
		totalInvestment: bigint({ mode: 'number' }).notNull(),
		rows: json().$type<DealImportRow[]>().notNull(),
		warnings: json().$type<DealImportWarning[]>().notNull(),
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
