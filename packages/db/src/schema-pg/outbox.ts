import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { MAIL_KINDS, MAIL_STATUSES } from '../schema/outbox.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { registrations } from './registrations.ts';

export { MAIL_KINDS, MAIL_STATUSES, type MailKind, type MailStatus } from '../schema/outbox.ts';

/**
 * Messages to attendees, written in the same transaction as the change they announce and sent
 * afterwards (transactional outbox). The row names the registration, not the address.
 */
export const mailOutbox = pgTable(
	'mail_outbox',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
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
