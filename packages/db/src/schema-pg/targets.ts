import { sql } from 'drizzle-orm';
import { bigint, check, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { TARGET_METRICS, TARGET_SCOPES } from '@huizhan/ledger';
import { createdAt, inList, isoDateCheck, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';
import { responsibleUnits } from './organisation.ts';

/**
 * What leadership is scored on (docs/architecture.md, “Targets and counting”). A value is in 元
 * for amount metrics (hence a bigint) and in projects for count metrics.
 */
export const targets = pgTable(
	'targets',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		scope: text({ enum: TARGET_SCOPES }).notNull(),
		/** Set exactly when the scope is a conference. */
		conferenceId: text().references(() => conferences.id, { onDelete: 'cascade' }),
		/** Set exactly when the scope is a responsible unit (责任单位). */
		responsibleUnitId: integer().references(() => responsibleUnits.id),
		metric: text({ enum: TARGET_METRICS }).notNull(),
		value: bigint({ mode: 'number' }).notNull(),
		/** Inclusive calendar dates; the end is the deadline a pace projection aims at. */
		periodStart: text().notNull(),
		periodEnd: text().notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp(),
		/** Set when an admin retires the target; it then leaves the unique indexes. */
		retiredAt: timestamp()
	},
	(t) => [
		// One partial index per scope, as in SQLite: NULLs are distinct in a unique index.
		uniqueIndex('targets_conference_once')
			.on(t.conferenceId, t.metric, t.periodStart, t.periodEnd)
			.where(sql`${t.conferenceId} IS NOT NULL AND ${t.retiredAt} IS NULL`),
		uniqueIndex('targets_year_once')
			.on(t.scope, t.metric, t.periodStart, t.periodEnd)
			.where(sql`${t.scope} = 'year' AND ${t.retiredAt} IS NULL`),
		uniqueIndex('targets_unit_once')
			.on(t.responsibleUnitId, t.metric, t.periodStart, t.periodEnd)
			.where(sql`${t.responsibleUnitId} IS NOT NULL AND ${t.retiredAt} IS NULL`),
		check('targets_scope', inList('scope', TARGET_SCOPES)),
		check('targets_metric', inList('metric', TARGET_METRICS)),
		check(
			'targets_scope_conference',
			sql`(${t.scope} = 'conference') = (${t.conferenceId} IS NOT NULL)`
		),
		check('targets_scope_unit', sql`(${t.scope} = 'unit') = (${t.responsibleUnitId} IS NOT NULL)`),
		check('targets_value', sql`${t.value} > 0`),
		check('targets_period_start', isoDateCheck('period_start')),
		check('targets_period_end', isoDateCheck('period_end')),
		check('targets_period_order', sql`${t.periodStart} <= ${t.periodEnd}`)
	]
);
