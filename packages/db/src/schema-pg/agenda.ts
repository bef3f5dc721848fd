import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text,
	unique
} from 'drizzle-orm/pg-core';
import { SESSION_KINDS, SESSION_LANGUAGES } from '@huizhan/ledger';
import type { CeremonyDraft } from '../schema/agenda.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { conferences, type AttendeeCategory } from './conferences.ts';
import { registrations } from './registrations.ts';
import { staffUsers } from './staff.ts';

export {
	SESSION_KINDS,
	SESSION_LANGUAGES,
	type CeremonyDraft,
	type SessionKind,
	type SessionLanguage
} from '../schema/agenda.ts';

/** A session of an edition's agenda; see the SQLite schema. */
export const agendaSessions = pgTable(
	'agenda_sessions',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		kind: text({ enum: SESSION_KINDS }).notNull(),
		titleZh: text().notNull(),
		titleEn: text().notNull(),
		trackZh: text(),
		trackEn: text(),
		startsAt: timestamp().notNull(),
		endsAt: timestamp().notNull(),
		hallZh: text().notNull(),
		hallEn: text().notNull(),
		capacity: integer(),
		allowedCategories: json().$type<AttendeeCategory[]>(),
		signupRequired: boolean().notNull().default(false),
		language: text({ enum: SESSION_LANGUAGES }).notNull(),
		descriptionZh: text().notNull().default(''),
		descriptionEn: text().notNull().default(''),
		ceremonyOpenedAt: timestamp(),
		ceremonyClosedAt: timestamp(),
		createdAt: createdAt(),
		updatedAt: timestamp()
	},
	(t) => [
		index('agenda_sessions_conference').on(t.conferenceId, t.startsAt),
		check('agenda_sessions_kind', inList('kind', SESSION_KINDS)),
		check('agenda_sessions_language', inList('language', SESSION_LANGUAGES)),
		check('agenda_sessions_order', sql`${t.startsAt} < ${t.endsAt}`),
		check('agenda_sessions_capacity', sql`${t.capacity} IS NULL OR ${t.capacity} > 0`),
		check(
			'agenda_sessions_allowed_categories',
			sql`${t.allowedCategories} IS NULL OR json_typeof(${t.allowedCategories}) = 'array'`
		)
	]
);

/** A speaker of a session; see the SQLite schema. */
export const sessionSpeakers = pgTable(
	'session_speakers',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		sessionId: integer()
			.notNull()
			.references(() => agendaSessions.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		nameZh: text().notNull(),
		nameEn: text().notNull(),
		titleZh: text().notNull().default(''),
		titleEn: text().notNull().default(''),
		organisationZh: text().notNull().default(''),
		organisationEn: text().notNull().default('')
	},
	(t) => [index('session_speakers_session').on(t.sessionId, t.position)]
);

/** An attendee's sign-up for a session; see the SQLite schema. */
export const sessionSignups = pgTable(
	'session_signups',
	{
		sessionId: integer()
			.notNull()
			.references(() => agendaSessions.id, { onDelete: 'cascade' }),
		registrationId: integer()
			.notNull()
			.references(() => registrations.id, { onDelete: 'cascade' }),
		createdAt: createdAt()
	},
	(t) => [
		primaryKey({ columns: [t.sessionId, t.registrationId] }),
		index('session_signups_registration').on(t.registrationId)
	]
);

/** One line of a signing ceremony's running order; see the SQLite schema. */
export const ceremonyItems = pgTable(
	'ceremony_items',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		sessionId: integer()
			.notNull()
			.references(() => agendaSessions.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		dealId: text(),
		draft: json().$type<CeremonyDraft>(),
		confirmedAt: timestamp(),
		confirmedBy: integer().references(() => staffUsers.id),
		createdAt: createdAt()
	},
	(t) => [
		index('ceremony_items_session').on(t.sessionId, t.position),
		unique('ceremony_items_deal_once').on(t.sessionId, t.dealId),
		check('ceremony_items_what', sql`${t.dealId} IS NOT NULL OR ${t.draft} IS NOT NULL`),
		check(
			'ceremony_items_confirmed',
			sql`${t.confirmedAt} IS NULL OR (${t.dealId} IS NOT NULL AND ${t.confirmedBy} IS NOT NULL)`
		)
	]
);
