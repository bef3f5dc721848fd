import { sql } from 'drizzle-orm';
import {
	check,
	index,
	integer,
	primaryKey,
	sqliteTable,
	text,
	unique
} from 'drizzle-orm/sqlite-core';
import { SESSION_KINDS, SESSION_LANGUAGES, type DealFacts } from '@huizhan/ledger';
import { createdAt, inList, timestamp } from './columns.ts';
import { conferences, type AttendeeCategory } from './conferences.ts';
import { registrations } from './registrations.ts';
import { staffUsers } from './staff.ts';

export {
	SESSION_KINDS,
	SESSION_LANGUAGES,
	type SessionKind,
	type SessionLanguage
} from '@huizhan/ledger';

/**
 * A session of an edition's agenda (议程): the opening, a forum, the signing ceremony, the
 * exhibition. It runs over `[startsAt, endsAt)` in one hall; two sessions never share a hall at
 * the same time (the agenda service refuses it under the edition's agenda lock).
 */
export const agendaSessions = sqliteTable(
	'agenda_sessions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		kind: text({ enum: SESSION_KINDS }).notNull(),
		titleZh: text().notNull(),
		titleEn: text().notNull(),
		/** The track (专题) the public agenda groups sub-forums by; null outside any track. */
		trackZh: text(),
		trackEn: text(),
		startsAt: timestamp().notNull(),
		endsAt: timestamp().notNull(),
		/** The hall or room, e.g. `307会议室`; sessions in the same hall must not overlap. */
		hallZh: text().notNull(),
		hallEn: text().notNull(),
		/** Seats; null means the room takes whoever may come. */
		capacity: integer(),
		/** JSON array of the categories that may attend; null means every ticket holder. */
		allowedCategories: text({ mode: 'json' }).$type<AttendeeCategory[]>(),
		/** Only those who signed up get in at the session's gate. */
		signupRequired: integer({ mode: 'boolean' }).notNull().default(false),
		language: text({ enum: SESSION_LANGUAGES }).notNull(),
		descriptionZh: text().notNull().default(''),
		descriptionEn: text().notNull().default(''),
		/** Signing ceremony only: when the recorder opened and closed it on the big screen. */
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
			sql`${t.allowedCategories} IS NULL OR (json_valid(${t.allowedCategories}) AND json_type(${t.allowedCategories}) = 'array')`
		)
	]
);

/** A speaker (演讲嘉宾) of a session, in the order the agenda lists them. */
export const sessionSpeakers = sqliteTable(
	'session_speakers',
	{
		id: integer().primaryKey({ autoIncrement: true }),
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

/**
 * An attendee's sign-up (报名) for a session. At most one per person and session; the seats a
 * session has are taken under its own lock, so the last seat goes once.
 */
export const sessionSignups = sqliteTable(
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

/** What a recorder prepares of a deal to be signed on the podium: its facts but where and when. */
export type CeremonyDraft = Omit<DealFacts, 'signingEvent' | 'signedOn'>;

/**
 * One line of a signing ceremony's running order (签约仪式流程): a deal already in the ledger, or a
 * draft that the press on the podium records into the ledger. Confirming sets `confirmedAt` once;
 * a draft's signed entry carries the request id `ceremony-item:<id>`, so a second press (or a
 * retried one) finds the entry instead of adding one.
 */
export const ceremonyItems = sqliteTable(
	'ceremony_items',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		sessionId: integer()
			.notNull()
			.references(() => agendaSessions.id, { onDelete: 'cascade' }),
		position: integer().notNull(),
		/** The ledger's deal: set from the start for a deal already entered, on confirming a draft. */
		dealId: text(),
		draft: text({ mode: 'json' }).$type<CeremonyDraft>(),
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
