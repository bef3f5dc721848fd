import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { ATTENDEE_CATEGORIES } from '@huizhan/ledger/checkin';
import { createdAt, inList, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';
import { registrations } from './registrations.ts';
import { staffUsers } from './staff.ts';

/**
 * What is stored. “Expired” is not stored: an invitation still `sent` or `opened` after
 * `expiresAt` is shown and treated as expired, so no job has to run for it to happen.
 */
export const INVITATION_STATUSES = ['sent', 'opened', 'accepted', 'declined', 'revoked'] as const;
export type InvitationStatus = (typeof INVITATION_STATUSES)[number];

/**
 * A personal invitation (邀请函) to a category, usually one marked “by invitation”. The link
 * carries `secret`; it is bound to the invitee's mobile or email, which the accepted
 * registration keeps. Accepting creates a confirmed registration without approval.
 */
export const invitations = sqliteTable(
	'invitations',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		name: text().notNull(),
		organisation: text().notNull(),
		title: text().notNull(),
		/** E.164, or null when only an email was given. */
		mobile: text(),
		/** Lower-cased, or null when only a mobile was given. */
		email: text(),
		/** ISO 3166-1 alpha-2, for reading the mobile number. */
		country: text().notNull(),
		language: text({ enum: ['zh-CN', 'en'] }).notNull(),
		status: text({ enum: INVITATION_STATUSES }).notNull().default('sent'),
		/** 128 random bits, base64url: the invitation's address. */
		secret: text().notNull().unique(),
		expiresAt: timestamp().notNull(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		createdAt: createdAt(),
		/** The last time the invitation was queued to be sent (created or resent). */
		sentAt: timestamp().notNull(),
		sendCount: integer().notNull().default(1),
		openedAt: timestamp(),
		/** When it was accepted, declined or revoked. */
		answeredAt: timestamp(),
		/** The registration that accepting created. */
		registrationId: integer().references(() => registrations.id)
	},
	(t) => [
		index('invitations_conference_status').on(t.conferenceId, t.status),
		index('invitations_mobile').on(t.mobile),
		// One live invitation per person and edition: inviting them again resends instead.
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
