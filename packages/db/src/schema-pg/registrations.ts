import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import * as sqlite from '../schema/registrations.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { ATTENDEE_CATEGORIES, conferences } from './conferences.ts';
import { delegations } from './delegations.ts';
import { EXHIBITOR_PASSES, exhibitors } from './exhibitors.ts';
import { staffUsers } from './staff.ts';

export {
	REGISTRATION_STATUSES,
	SEAT_HOLDING_STATUSES,
	type RegistrationStatus
} from '../schema/registrations.ts';

const { REGISTRATION_STATUSES } = sqlite;
// Spelled inline in the SQLite table: taken from it so the two cannot drift.
const LANGUAGES = sqlite.registrations.language.enumValues;

/**
 * One person's registration for one conference (docs/architecture.md, “Registrations and
 * tickets”). The id is the registration number signed into the ticket; the public handles are
 * the short `reference` and the unguessable `ticketSecret` — never the id.
 */
export const registrations = pgTable(
	'registrations',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		name: text().notNull(),
		organisation: text().notNull(),
		title: text().notNull(),
		/** E.164 (`+8613800138000`), or null when only an email was given. */
		mobile: text(),
		/** Lower-cased, or null when only a mobile was given. */
		email: text(),
		/** ISO 3166-1 alpha-2. */
		country: text().notNull(),
		language: text({ enum: LANGUAGES }).notNull(),
		consentAt: timestamp().notNull(),
		status: text({ enum: REGISTRATION_STATUSES }).notNull(),
		/** e.g. `WSC-7K3Q9M`: typed at the gate when a camera fails. */
		reference: text().notNull().unique(),
		/** 128 random bits, base64url: the ticket page's address. */
		ticketSecret: text().notNull().unique(),
		createdAt: createdAt(),
		decidedAt: timestamp(),
		decidedBy: integer().references(() => staffUsers.id),
		cancelledAt: timestamp(),
		delegationId: integer().references(() => delegations.id),
		exhibitorId: integer().references(() => exhibitors.id),
		exhibitorPass: text({ enum: EXHIBITOR_PASSES }),
		shareContactsAt: timestamp()
	},
	(t) => [
		// One person registers once per conference; a cancelled registration frees them.
		uniqueIndex('registrations_mobile_once')
			.on(t.conferenceId, t.mobile)
			.where(sql`${t.mobile} IS NOT NULL AND ${t.status} != 'cancelled'`),
		uniqueIndex('registrations_email_once')
			.on(t.conferenceId, t.email)
			.where(sql`${t.email} IS NOT NULL AND ${t.status} != 'cancelled'`),
		index('registrations_conference_category').on(t.conferenceId, t.category, t.status),
		index('registrations_delegation').on(t.delegationId),
		index('registrations_exhibitor').on(t.exhibitorId),
		index('registrations_mobile').on(t.mobile),
		check('registrations_status', inList('status', REGISTRATION_STATUSES)),
		check('registrations_category', inList('category', ATTENDEE_CATEGORIES)),
		check('registrations_contact', sql`${t.mobile} IS NOT NULL OR ${t.email} IS NOT NULL`),
		check('registrations_mobile_e164', sql`${t.mobile} IS NULL OR ${t.mobile} ~ '^[+][1-9]'`)
	]
);

/** Each conference's Ed25519 ticket keys, created at first start; see the SQLite schema. */
export const ticketKeys = pgTable('ticket_keys', {
	/** 8 hex characters, carried in every token it signs. */
	keyId: text().primaryKey(),
	conferenceId: text()
		.notNull()
		.references(() => conferences.id),
	/** Raw 32-byte public key, base64. */
	publicKey: text().notNull(),
	/** PKCS#8 DER, base64. */
	privateKey: text().notNull(),
	createdAt: createdAt(),
	retiredAt: timestamp()
});
