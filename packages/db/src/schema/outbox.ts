import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, inList, timestamp } from './columns.ts';
import { registrations } from './registrations.ts';

export const MAIL_KINDS = ['registration_received', 'registration_confirmed'] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const MAIL_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MailStatus = (typeof MAIL_STATUSES)[number];

/**
 * Messages to attendees, written in the same transaction as the change they announce and sent
 * afterwards (transactional outbox): a registration is never slowed by, nor lost to, the mail
 * server. The row names the registration, not the address — the address is read when the
 * message is sent, so no copy of personal data lives here.
 */
export const mailOutbox = sqliteTable(
	'mail_outbox',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		kind: text({ enum: MAIL_KINDS }).notNull(),
		registrationId: integer()
			.notNull()
			.references(() => registrations.id),
		status: text({ enum: MAIL_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		/** When a sender may next try; a claim pushes it forward, so a crashed sender's claim lapses. */
		nextAttemptAt: timestamp().notNull(),
		/** The mail server's answer to the last failed attempt, without the recipient's address. */
		lastError: text(),
		createdAt: createdAt(),
		sentAt: timestamp()
	},
	(t) => [
		index('mail_outbox_due').on(t.status, t.nextAttemptAt),
		index('mail_outbox_registration').on(t.registrationId),
		check('mail_outbox_kind', inList('kind', MAIL_KINDS)),
		check('mail_outbox_status', inList('status', MAIL_STATUSES)),
		check('mail_outbox_attempts', sql`${t.attempts} >= 0`)
	]
);
