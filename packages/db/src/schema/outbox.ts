import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdAt, inList, timestamp } from './columns.ts';
import { delegations } from './delegations.ts';
import { invitations } from './invitations.ts';
import { notices } from './notices.ts';
import { registrations } from './registrations.ts';

/** How a message reaches its recipient. */
export const MESSAGE_CHANNELS = ['mail', 'sms'] as const;
export type MessageChannel = (typeof MESSAGE_CHANNELS)[number];

/**
 * What a message says. The registration ones name a registration; `invitation` an invitation;
 * `delegation_link` a delegation (to its leader); `notice` a registration and a notice.
 * `registration_declined` is the one neutral outcome of a refused approval or vetting.
 */
export const MESSAGE_KINDS = [
	'registration_received',
	'registration_confirmed',
	'registration_declined',
	'registration_reminder',
	'invitation',
	'delegation_link',
	'notice'
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

export const MESSAGE_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * Messages to attendees, invitees and delegation leaders, by mail or SMS, written in the same
 * transaction as the change they announce and sent afterwards (transactional outbox): nothing
 * is slowed by, nor lost to, the mail server or the SMS provider. The row names its subject (a
 * registration, an invitation or a delegation), not the address — the address is read when the
 * message is sent, so no copy of personal data lives here.
 */
export const outbox = sqliteTable(
	'outbox',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		channel: text({ enum: MESSAGE_CHANNELS }).notNull(),
		kind: text({ enum: MESSAGE_KINDS }).notNull(),
		registrationId: integer().references(() => registrations.id),
		invitationId: integer().references(() => invitations.id),
		delegationId: integer().references(() => delegations.id),
		noticeId: integer().references(() => notices.id),
		/**
		 * Set for messages that must go out once however often they are queued — a notice to one
		 * registrant, the reminder before the conference: a second insert is refused.
		 */
		onceKey: text().unique(),
		status: text({ enum: MESSAGE_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		/** When a sender may next try; a claim pushes it forward, so a crashed sender's claim lapses. */
		nextAttemptAt: timestamp().notNull(),
		/** The server's or provider's answer to the last failed attempt, without the recipient. */
		lastError: text(),
		createdAt: createdAt(),
		sentAt: timestamp()
	},
	(t) => [
		index('outbox_due').on(t.channel, t.status, t.nextAttemptAt),
		index('outbox_registration').on(t.registrationId),
		index('outbox_invitation').on(t.invitationId),
		index('outbox_delegation').on(t.delegationId),
		index('outbox_notice').on(t.noticeId),
		check('outbox_channel', inList('channel', MESSAGE_CHANNELS)),
		check('outbox_kind', inList('kind', MESSAGE_KINDS)),
		check('outbox_status', inList('status', MESSAGE_STATUSES)),
		check('outbox_attempts', sql`${t.attempts} >= 0`),
		check(
			'outbox_subject',
			sql`(${t.registrationId} IS NOT NULL) + (${t.invitationId} IS NOT NULL) + (${t.delegationId} IS NOT NULL) = 1`
		),
		check(
			'outbox_notice',
			sql`(${t.kind} = 'notice') = (${t.noticeId} IS NOT NULL AND ${t.registrationId} IS NOT NULL)`
		)
	]
);
