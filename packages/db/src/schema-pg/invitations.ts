import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import * as sqlite from '../schema/invitations.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { ATTENDEE_CATEGORIES, conferences } from './conferences.ts';
import { registrations } from './registrations.ts';
import { staffUsers } from './staff.ts';

export { INVITATION_STATUSES, type InvitationStatus } from '../schema/invitations.ts';

const { INVITATION_STATUSES } = sqlite;
const LANGUAGES = sqlite.invitations.language.enumValues;

/** A personal invitation (邀请函); see the SQLite schema. */
export const invitations = pgTable(
	'invitations',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		name: text().notNull(),
		organisation: text().notNull(),
		title: text().notNull(),
		mobile: text(),
		email: text(),
		country: text().notNull(),
		language: text({ enum: LANGUAGES }).notNull(),
		status: text({ enum: INVITATION_STATUSES }).notNull().default('sent'),
		secret: text().notNull().unique(),
		expiresAt: timestamp().notNull(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt(),
		sentAt: timestamp().notNull(),
		sendCount: integer().notNull().default(1),
		openedAt: timestamp(),
		answeredAt: timestamp(),
		registrationId: integer().references(() => registrations.id)
	},
	(t) => [
		index('invitations_conference_status').on(t.conferenceId, t.status),
		index('invitations_mobile').on(t.mobile),
		uniqueIndex('invitations_mobile_once')
			.on(t.conferenceId, t.mobile)
			.where(sql`${t.mobile} IS NOT NULL AND ${t.status} IN ('sent', 'opened')`),
		uniqueIndex('invitations_email_once')
			.on(t.conferenceId, t.email)
			.where(sql`${t.email} IS NOT NULL AND ${t.status} IN ('sent', 'opened')`),
		check('invitations_status', inList('status', INVITATION_STATUSES)),
		check('invitations_category', inList('category', ATTENDEE_CATEGORIES)),
		check('invitations_contact', sql`${t.mobile} IS NOT NULL OR ${t.email} IS NOT NULL`),
		check(
			'invitations_accepted',
			sql`(${t.status} = 'accepted') = (${t.registrationId} IS NOT NULL)`
		)
	]
);
