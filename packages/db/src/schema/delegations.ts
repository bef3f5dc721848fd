import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ATTENDEE_CATEGORIES } from '@huizhan/ledger/checkin';
import { createdAt, inList, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';
import { staffUsers } from './staff.ts';

/**
 * A delegation (代表团, 交易团): a group that comes through one contact, its leader. The leader's
 * page lives behind `secret`; there they add members up to `quota`, each of whom gets their own
 * registration (`registrations.delegationId`) and ticket. The members take seats in `category`
 * like anyone else, so a delegation can never oversell it.
 */
export const delegations = sqliteTable(
	'delegations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		/** e.g. 深圳市代表团, as printed on the members' badges. */
		name: text().notNull(),
		organisation: text().notNull(),
		leaderName: text().notNull(),
		/** E.164; the leader is reached by mobile, email or both. */
		leaderMobile: text(),
		/** Lower-cased. */
		leaderEmail: text(),
		/** The most members the leader may add (cancelled members free their place). */
		quota: integer().notNull(),
		/** 128 random bits, base64url: the leader's page address. */
		secret: text().notNull().unique(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt(),
		/** A closed delegation's page takes no more members; its members keep their tickets. */
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
