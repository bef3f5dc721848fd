import { sql } from 'drizzle-orm';
import { boolean, check, integer, pgTable, text, unique } from 'drizzle-orm/pg-core';
import { ATTENDEE_CATEGORIES, CONFERENCE_STATUSES } from '../schema/conferences.ts';
import { createdAt, hexColorCheck, inList, isoDateCheck, timestamp } from './columns.ts';

export {
	ATTENDEE_CATEGORIES,
	CONFERENCE_STATUSES,
	type AttendeeCategory,
	type ConferenceStatus
} from '../schema/conferences.ts';

export const conferences = pgTable(
	'conferences',
	{
		/** Stable slug used in URLs and references, e.g. `wsc-2024`. */
		id: text().primaryKey(),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		/** Prefix of the human ticket reference, e.g. `WSC26` in `WSC26-7K3Q9M`. */
		refPrefix: text().notNull().unique(),
		startsOn: text().notNull(),
		endsOn: text().notNull(),
		venueZh: text().notNull(),
		venueEn: text().notNull(),
		registrationOpensAt: timestamp().notNull(),
		registrationClosesAt: timestamp().notNull(),
		status: text({ enum: CONFERENCE_STATUSES }).notNull().default('draft'),
		/** `#rrggbb`, used for the conference's pages and badges. */
		themeColor: text().notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp()
	},
	(t) => [
		check('conferences_id_slug', sql`${t.id} ~ '^[a-z0-9][a-z0-9-]*$'`),
		check('conferences_status', inList('status', CONFERENCE_STATUSES)),
		check('conferences_starts_on', isoDateCheck('starts_on')),
		check('conferences_ends_on', isoDateCheck('ends_on')),
		check('conferences_dates_order', sql`${t.startsOn} <= ${t.endsOn}`),
		check(
			'conferences_registration_order',
			sql`${t.registrationOpensAt} < ${t.registrationClosesAt}`
		),
		check('conferences_theme_color', hexColorCheck('theme_color')),
		check('conferences_ref_prefix', sql`${t.refPrefix} ~ '^[A-Z][A-Z0-9]{1,7}$'`)
	]
);

/** Which attendee categories a conference admits, and how many seats each has. */
export const conferenceCategories = pgTable(
	'conference_categories',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		/** Seats for this category; null means no limit. */
		capacity: integer(),
		/** VIP and media registrations wait for staff approval before they are confirmed. */
		needsApproval: boolean().notNull().default(false),
		/**
		 * 凭邀请: only an invitation or a delegation admits to this category; the open form
		 * neither offers nor accepts it.
		 */
		byInvitation: boolean().notNull().default(false),
		/** 安保审查: registrations wait in `pending_vetting` until the security office clears them. */
		needsVetting: boolean().notNull().default(false),
		/** `#rrggbb`, printed on tickets and badges so door staff tell categories apart. */
		color: text().notNull(),
		sortOrder: integer().notNull().default(0),
		/** The edition's own wording; null shows the category's standard name. */
		nameZh: text(),
		nameEn: text(),
		descriptionZh: text(),
		descriptionEn: text(),
		/** A closed category stays on existing tickets but takes no new registrations. */
		open: boolean().notNull().default(true)
	},
	(t) => [
		unique('conference_categories_once').on(t.conferenceId, t.category),
		check('conference_categories_category', inList('category', ATTENDEE_CATEGORIES)),
		check('conference_categories_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} >= 0`),
		check('conference_categories_color', hexColorCheck('color'))
	]
);
