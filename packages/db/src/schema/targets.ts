import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { TARGET_METRICS, TARGET_SCOPES } from '@huizhan/ledger';
import { createdAt, inList, isoDateCheck, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';

/**
 * What leadership is scored on (docs/architecture.md, “Targets and counting”): targets are data, not code. A value is in 元 for
 * amount metrics and in projects for count metrics (`isAmountMetric` in the ledger package).
 */
export const targets = sqliteTable(
	'targets',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		scope: text({ enum: TARGET_SCOPES }).notNull(),
		/** Set exactly when the scope is a conference. */
		conferenceId: text().references(() => conferences.id, { onDelete: 'cascade' }),
		metric: text({ enum: TARGET_METRICS }).notNull(),
		value: integer().notNull(),
		/** Inclusive calendar dates; the end is the deadline a pace projection aims at. */
		periodStart: text().notNull(),
		periodEnd: text().notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp()
	},
	(t) => [
		// Two partial indexes, because NULLs are distinct in a SQLite unique index: one index over
		// a nullable conference would never stop a second copy of a year target.
		uniqueIndex('targets_conference_once')
			.on(t.conferenceId, t.metric, t.periodStart, t.periodEnd)
			.where(sql`${t.conferenceId} IS NOT NULL`),
		uniqueIndex('targets_year_once')
			.on(t.scope, t.metric, t.periodStart, t.periodEnd)
			.where(sql`${t.conferenceId} IS NULL`),
		check('targets_scope', inList('scope', TARGET_SCOPES)),
		check('targets_metric', inList('metric', TARGET_METRICS)),
		check(
			'targets_scope_conference',
			sql`(${t.scope} = 'conference') = (${t.conferenceId} IS NOT NULL)`
		),
		check('targets_value', sql`${t.value} > 0`),
		check('targets_period_start', isoDateCheck('period_start')),
		check('targets_period_end', isoDateCheck('period_end')),
		check('targets_period_order', sql`${t.periodStart} <= ${t.periodEnd}`)
	]
);
