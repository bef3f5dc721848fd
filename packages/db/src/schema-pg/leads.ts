import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { LEAD_RATINGS } from '@huizhan/ledger';
import { createdAt, inList, timestamp } from './columns.ts';
import { exhibitors } from './exhibitors.ts';
import { registrations } from './registrations.ts';

/**
 * (PostgreSQL twin of the SQLite table.) A lead (销售线索): a visitor whose ticket an exhibitor's staff member scanned at the booth. One
 * per exhibitor and visitor (a second scan finds the first). It stores who and when, never the
 * visitor's contacts: those are read from the registration when the exhibitor exports, and only
 * while the visitor shares them (`registrations.shareContactsAt`). The scanning device's
 * `(scannedBy, nonce)` makes a retried upload from the offline queue a no-op.
 */
export const exhibitorLeads = pgTable(
	'exhibitor_leads',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		exhibitorId: integer()
			.notNull()
			.references(() => exhibitors.id, { onDelete: 'cascade' }),
		/** The visitor scanned. */
		registrationId: integer()
			.notNull()
			.references(() => registrations.id),
		/** The exhibitor's staff member who scanned (a registration bound to the exhibitor). */
		scannedBy: integer()
			.notNull()
			.references(() => registrations.id),
		nonce: text().notNull(),
		/** The device's clock when it scanned (offline scans arrive later). */
		scannedAt: timestamp().notNull(),
		createdAt: createdAt(),
		note: text().notNull().default(''),
		rating: text({ enum: LEAD_RATINGS }),
		updatedAt: timestamp()
	},
	(t) => [
		uniqueIndex('exhibitor_leads_once').on(t.exhibitorId, t.registrationId),
		uniqueIndex('exhibitor_leads_nonce_once').on(t.scannedBy, t.nonce),
		index('exhibitor_leads_visitor').on(t.registrationId),
		index('exhibitor_leads_scanned').on(t.exhibitorId, t.scannedAt),
		check('exhibitor_leads_rating', sql`${t.rating} IS NULL OR ${inList('rating', LEAD_RATINGS)}`)
	]
);
