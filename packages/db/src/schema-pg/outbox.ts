import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { MESSAGE_CHANNELS, MESSAGE_KINDS, MESSAGE_STATUSES } from '../schema/outbox.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { delegations } from './delegations.ts';
import { invitations } from './invitations.ts';
import { notices } from './notices.ts';
import { registrations } from './registrations.ts';

export {
	MESSAGE_CHANNELS,
	MESSAGE_KINDS,
	MESSAGE_STATUSES,
	type MessageChannel,
	type MessageKind,
	type MessageStatus
} from '../schema/outbox.ts';

/**
 * Messages by mail or SMS, written in the same transaction as the change they announce and sent
 * afterwards (transactional outbox). The row names its subject, not the address.
 */
export const outbox = pgTable(
	'outbox',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		channel: text({ enum: MESSAGE_CHANNELS }).notNull(),
		kind: text({ enum: MESSAGE_KINDS }).notNull(),
		registrationId: integer().references(() => registrations.id),
		invitationId: integer().references(() => invitations.id),
		delegationId: integer().references(() => delegations.id),
		noticeId: integer().references(() => notices.id),
		onceKey: text().unique(),
		status: text({ enum: MESSAGE_STATUSES }).notNull().default('pending'),
		attempts: integer().notNull().default(0),
		nextAttemptAt: timestamp().notNull(),
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
			sql`(${t.registrationId} IS NOT NULL)::int + (${t.invitationId} IS NOT NULL)::int + (${t.delegationId} IS NOT NULL)::int = 1`
		),
		check(
			'outbox_notice',
			sql`(${t.kind} = 'notice') = (${t.noticeId} IS NOT NULL AND ${t.registrationId} IS NOT NULL)`
		)
	]
);
