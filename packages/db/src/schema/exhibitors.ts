import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { BOOTH_HOLDS, BOOTH_TYPES, EXHIBITOR_STATUSES } from '@huizhan/ledger';
import { createdAt, inList, isoDateCheck, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';
import { industryChains } from './organisation.ts';
import { staffUsers } from './staff.ts';

export {
	BOOTH_HOLDS,
	BOOTH_TYPES,
	EXHIBITOR_PASSES,
	EXHIBITOR_STATUSES,
	LEAD_RATINGS,
	type BoothHold,
	type BoothStatus,
	type BoothType,
	type ExhibitorPass,
	type ExhibitorStatus,
	type LeadRating
} from '@huizhan/ledger';

/*
 * The exhibition of an edition (展览): its rules, halls and booths, the companies that exhibit
 * (展商) and which booths they hold. An exhibitor's people are registrations bound to it
 * (`registrations.exhibitorId`); the leads its staff collect are in `exhibitor_leads`.
 */

/**
 * The admin's rules for an edition's exhibition; an edition without a row takes no applications.
 * The quotas are `@huizhan/ledger`'s `passQuota` rules over the area of the booths an exhibitor
 * holds; set-up passes admit on `[setupStartsOn, setupEndsOn]` only (Beijing dates).
 */
export const exhibitionRules = sqliteTable(
	'exhibition_rules',
	{
		conferenceId: text()
			.primaryKey()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		/** Companies may apply on the attendee site while this is on and the edition is open. */
		applicationsOpen: integer({ mode: 'boolean' }).notNull().default(false),
		staffSquareMetresPer: integer().notNull().default(3),
		staffMinimum: integer().notNull().default(2),
		setupSquareMetresPer: integer().notNull().default(9),
		setupMinimum: integer().notNull().default(2),
		/** The set-up days (布展期); null when the edition has none (set-up passes admit nowhere). */
		setupStartsOn: text(),
		setupEndsOn: text(),
		updatedAt: timestamp()
	},
	(t) => [
		check('exhibition_rules_staff', sql`${t.staffSquareMetresPer} > 0 AND ${t.staffMinimum} >= 0`),
		check('exhibition_rules_setup', sql`${t.setupSquareMetresPer} > 0 AND ${t.setupMinimum} >= 0`),
		check(
			'exhibition_rules_setup_days',
			sql`(${t.setupStartsOn} IS NULL AND ${t.setupEndsOn} IS NULL) OR (${isoDateCheck('setup_starts_on')} AND ${isoDateCheck('setup_ends_on')} AND ${t.setupStartsOn} <= ${t.setupEndsOn})`
		)
	]
);

/** An exhibition hall (展馆) of an edition, e.g. `A` · A馆 · Hall A. */
export const exhibitionHalls = sqliteTable(
	'exhibition_halls',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		/** Short code, the prefix of its booth numbers. */
		code: text().notNull(),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		sortOrder: integer().notNull().default(0),
		createdAt: createdAt()
	},
	(t) => [uniqueIndex('exhibition_halls_code_once').on(t.conferenceId, t.code)]
);

/** A booth (展位) in a hall: its number is unique within the edition (`A-101`). */
export const booths = sqliteTable(
	'booths',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		hallId: integer()
			.notNull()
			.references(() => exhibitionHalls.id, { onDelete: 'cascade' }),
		number: text().notNull(),
		/** Whole square metres (a 3 m × 3 m standard booth is 9 ㎡). */
		areaSquareMetres: integer().notNull(),
		type: text({ enum: BOOTH_TYPES }).notNull(),
		createdAt: createdAt()
	},
	(t) => [
		uniqueIndex('booths_number_once').on(t.conferenceId, t.number),
		index('booths_hall').on(t.hallId),
		check('booths_type', inList('type', BOOTH_TYPES)),
		check('booths_area', sql`${t.areaSquareMetres} BETWEEN 1 AND 100000`)
	]
);

/**
 * A company's application to exhibit, and once approved the exhibitor itself. Its page on the
 * attendee site lives behind `secret` (no staff account); the company's contact is reached by
 * mobile, email or both. One company (credit code) applies once per edition: a second
 * application while one still stands is refused by `exhibitors_company_once`.
 */
export const exhibitors = sqliteTable(
	'exhibitors',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		companyZh: text().notNull(),
		companyEn: text().notNull(),
		/** 统一社会信用代码, normalised (18 characters, upper case) and checked. */
		creditCode: text().notNull(),
		contactName: text().notNull(),
		/** E.164. */
		contactMobile: text(),
		/** Lower-cased. */
		contactEmail: text(),
		industryChainId: integer().references(() => industryChains.id),
		/** What it exhibits, as the public directory shows and searches it. */
		productsZh: text().notNull().default(''),
		productsEn: text().notNull().default(''),
		/** The booth it asked for. */
		wantedBoothType: text({ enum: BOOTH_TYPES }).notNull(),
		wantedSquareMetres: integer().notNull(),
		/** The profile in the public directory, edited on the exhibitor's page. */
		introZh: text().notNull().default(''),
		introEn: text().notNull().default(''),
		website: text(),
		language: text({ enum: ['zh-CN', 'en'] }).notNull(),
		status: text({ enum: EXHIBITOR_STATUSES }).notNull(),
		/** The admin's reason for a rejection, or what to change. */
		reviewNote: text(),
		decidedAt: timestamp(),
		decidedBy: integer().references(() => staffUsers.id),
		/** 128 random bits, base64url: the exhibitor's page address. */
		secret: text().notNull().unique(),
		consentAt: timestamp().notNull(),
		createdAt: createdAt(),
		updatedAt: timestamp()
	},
	(t) => [
		uniqueIndex('exhibitors_company_once')
			.on(t.conferenceId, t.creditCode)
			.where(sql`${t.status} IN ('pending', 'changes_requested', 'approved')`),
		index('exhibitors_conference').on(t.conferenceId, t.status),
		check('exhibitors_status', inList('status', EXHIBITOR_STATUSES)),
		check('exhibitors_wanted_type', inList('wanted_booth_type', BOOTH_TYPES)),
		check('exhibitors_wanted_area', sql`${t.wantedSquareMetres} BETWEEN 1 AND 100000`),
		check('exhibitors_credit_code', sql`length(${t.creditCode}) = 18`),
		check(
			'exhibitors_contact',
			sql`${t.contactMobile} IS NOT NULL OR ${t.contactEmail} IS NOT NULL`
		)
	]
);

/**
 * A booth held by an exhibitor: reserved or assigned. Releasing sets `releasedAt`, so the history
 * stays; `booth_holds_one_holder` lets the database refuse a second standing hold on a booth
 * whatever two admins do at once.
 */
export const boothHolds = sqliteTable(
	'booth_holds',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		boothId: integer()
			.notNull()
			.references(() => booths.id, { onDelete: 'cascade' }),
		exhibitorId: integer()
			.notNull()
			.references(() => exhibitors.id, { onDelete: 'cascade' }),
		kind: text({ enum: BOOTH_HOLDS }).notNull(),
		createdAt: createdAt(),
		createdBy: integer()
			.notNull()
			.references(() => staffUsers.id),
		releasedAt: timestamp(),
		releasedBy: integer().references(() => staffUsers.id)
	},
	(t) => [
		uniqueIndex('booth_holds_one_holder')
			.on(t.boothId)
			.where(sql`${t.releasedAt} IS NULL`),
		index('booth_holds_exhibitor').on(t.exhibitorId),
		check('booth_holds_kind', inList('kind', BOOTH_HOLDS))
	]
);
