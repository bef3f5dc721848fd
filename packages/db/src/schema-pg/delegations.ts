import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { createdAt, inList, timestamp } from './columns.ts';
import { ATTENDEE_CATEGORIES, conferences } from './conferences.ts';
import { staffUsers } from './staff.ts';

/** A delegation (代表团, 交易团) and its leader's page; see the SQLite schema. */
export const delegations = pgTable(
	'delegations',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		name: text().notNull(),
		organisation: text().notNull(),
		leaderName: text().notNull(),
		leaderMobile: text(),
		leaderEmail: text(),
		quota: integer().notNull(),
		secret: text().notNull().unique(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt(),
		closedAt: timestamp()
	},
	(t) => [
		index('delegations_conference').on(t.conferenceId),
		index('delegations_leader_mobile').on(t.leaderMobile),
		check('delegations_category', inList('category', ATTENDEE_CATEGORIES)),
		check('delegations_quota', sql`${t.quota} BETWEEN 1 AND 10000`),
		check(
			'delegations_leader_contact',
			sql`${t.leaderMobile} IS NOT NULL OR ${t.leaderEmail} IS NOT NULL`
		)
	]
);
