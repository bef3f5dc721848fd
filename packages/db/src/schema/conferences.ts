import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text, unique } from 'drizzle-orm/sqlite-core';
import { createdAt, hexColorCheck, inList, isoDateCheck, timestamp } from './columns.ts';

export const CONFERENCE_STATUSES = ['draft', 'open', 'closed'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

/** 观众 visitor, 嘉宾 delegate, 展商 exhibitor, 媒体 media, VIP (docs/architecture.md, “Registrations and tickets”). */
export const ATTENDEE_CATEGORIES = ['visitor', 'delegate', 'exhibitor', 'media', 'vip'] as const;
export type AttendeeCategory = (typeof ATTENDEE_CATEGORIES)[number];

export const conferences = sqliteTable(
	'conferences',
	{
		/** Stable slug used in URLs and references, e.g. `wsc-2024`. */
		id: text().primaryKey(),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		/** Prefix of the human ticket reference, e.g. `WSC` in `WSC-7K3Q9M`. */
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
		check('conferences_id_slug', sql`${t.id} GLOB '[a-z0-9]*' AND ${t.id} NOT GLOB '*[^a-z0-9-]*'`),
		check('conferences_status', inList('status', CONFERENCE_STATUSES)),
		check('conferences_starts_on', isoDateCheck('starts_on')),
		check('conferences_ends_on', isoDateCheck('ends_on')),
		check('conferences_dates_order', sql`${t.startsOn} <= ${t.endsOn}`),
		check(
			'conferences_registration_order',
			sql`${t.registrationOpensAt} < ${t.registrationClosesAt}`
		),
		check('conferences_theme_color', hexColorCheck('theme_color')),
		check(
			'conferences_ref_prefix',
			sql`${t.refPrefix} GLOB '[A-Z]*' AND length(${t.refPrefix}) BETWEEN 2 AND 5 AND ${t.refPrefix} NOT GLOB '*[^A-Z]*'`
		)
	]
);

/** Which attendee categories a conference admits, and how many seats each has. */
export const conferenceCategories = sqliteTable(
	'conference_categories',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		/** Seats for this category; null means no limit. */
		capacity: integer(),
		/** VIP and media registrations wait for staff approval before they are confirmed. */
		needsApproval: integer({ mode: 'boolean' }).notNull().default(false),
		/** `#rrggbb`, printed on tickets and badges so door staff tell categories apart. */
		color: text().notNull(),
		sortOrder: integer().notNull().default(0)
	},
	(t) => [
		unique('conference_categories_once').on(t.conferenceId, t.category),
		check('conference_categories_category', inList('category', ATTENDEE_CATEGORIES)),
		check('conference_categories_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} >= 0`),
		check('conference_categories_color', hexColorCheck('color'))
	]
);
