import { and, count, desc, eq, gt, inArray, lte, or, sql } from 'drizzle-orm';
import { beijingDateOf } from '@huizhan/ledger';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../services/audit.ts';
import type { MessageFacts } from './compose.ts';

/** After this many failed attempts a message waits for an admin to retry it. */
export const MAX_ATTEMPTS = 8;
/**
 * How long a claimed message stays claimed. A sender that dies mid-send leaves its claim to
 * lapse, and the message is sent again then; the SMTP timeouts are well inside this.
 */
export const CLAIM_LEASE_MS = 2 * 60_000;
const FIRST_RETRY_MS = 60_000;
const LONGEST_WAIT_MS = 60 * 60_000;

/** 1, 2, 4 … minutes after the n-th failed attempt, never more than an hour. */
export const retryDelayMs = (attempts: number) =>
	Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1));

/** What a message is about: exactly one subject, and for a notice the notice too. */
export type MessageSubject =
	| { kind: schema.MessageKind; registrationId: number; noticeId?: number }
	| { kind: 'invitation'; invitationId: number }
	| { kind: 'delegation_link'; delegationId: number };

/** One message to queue: what it is about, who it goes to, and its once-key if it has one. */
export interface QueuedMessage {
	subject: MessageSubject;
	recipient: { email: string | null; mobile: string | null };
	onceKey?: string;
}

/** Rows per INSERT: well inside both databases' limits on bound parameters. */
const ROWS_PER_INSERT = 500;

/**
 * Queues messages on every channel each recipient can be reached by — mail for an email
 * address, SMS for a mobile number — in the caller's transaction. With a once-key, a message
 * already queued under that key (per channel) is not queued again: a notice sent twice, a
 * reminder job run twice. Many messages (a notice to a whole edition) go in a few multi-row
 * inserts, so the transaction — and on SQLite the one write lock — is held briefly. Returns how
 * many were queued.
 */
export async function enqueueMessages(
	tx: DbOrTx,
	messages: QueuedMessage[],
	now: Date
): Promise<number> {
	const { outbox } = tables(tx);
	const rows = messages.flatMap(({ subject, recipient, onceKey }) =>
		(['mail', 'sms'] as const)
			.filter((channel) => (channel === 'mail' ? recipient.email : recipient.mobile))
			.map((channel) => ({
				channel,
				kind: subject.kind,
				// Every row names every subject column, so one multi-row insert holds them all.
				registrationId: 'registrationId' in subject ? subject.registrationId : null,
				invitationId: 'invitationId' in subject ? subject.invitationId : null,
				delegationId: 'delegationId' in subject ? subject.delegationId : null,
				noticeId: 'noticeId' in subject ? (subject.noticeId ?? null) : null,
				onceKey: onceKey === undefined ? null : `${onceKey}:${channel}`,
				status: 'pending' as const,
				nextAttemptAt: now,
				createdAt: now
			}))
	);
	let queued = 0;
	for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
		const inserted = await tx
			.insert(outbox)
			.values(rows.slice(i, i + ROWS_PER_INSERT))
			.onConflictDoNothing({ target: outbox.onceKey })
			.returning({ id: outbox.id });
		queued += inserted.length;
	}
	return queued;
}

/** Queues one message on every channel its recipient can be reached by; see `enqueueMessages`. */
export const enqueueMessage = (
	tx: DbOrTx,
	subject: MessageSubject,
	recipient: { email: string | null; mobile: string | null },
	now: Date,
	options: { onceKey?: string } = {}
): Promise<number> => enqueueMessages(tx, [{ subject, recipient, ...options }], now);

/** Where a message's link leads: the ticket, the invitation or the delegation leader's page. */
export type MessageLink = { to: 'ticket' | 'invitation' | 'delegation'; secret: string };

export interface ClaimedMessage {
	id: number;
	channel: schema.MessageChannel;
	attempts: number;
	/** The address on this channel, read now: an email address or an E.164 mobile number. */
	to: string | null;
	link: MessageLink;
	/** Why the message is no longer worth sending, if it is not. */
	skip: string | null;
	facts: Omit<MessageFacts, 'link'>;
}

/**
 * Takes up to `limit` messages of one channel that are due, marking them claimed in one
 * transaction so that two senders (the attendee site and the console) never take the same one,
 * and reads what each says from its subject as it is now.
 */
export async function claimDue(
	db: Db,
	channel: schema.MessageChannel,
	now: Date,
	limit: number
): Promise<ClaimedMessage[]> {
	return db.transaction(async (tx) => {
		const { conferences, delegations, invitations, notices, outbox, registrations } = tables(tx);
		const dueRows = await tx
			.select({ id: outbox.id })
			.from(outbox)
			.where(
				and(
					eq(outbox.channel, channel),
					inArray(outbox.status, ['pending', 'sending']),
					lte(outbox.nextAttemptAt, now)
				)
			)
			.orderBy(outbox.nextAttemptAt, outbox.id)
			.limit(limit);
		const due = dueRows.map((row) => row.id);
		if (due.length === 0) return [];
		await tx
			.update(outbox)
			.set({
				status: 'sending',
				attempts: sql`${outbox.attempts} + 1`,
				nextAttemptAt: new Date(now.getTime() + CLAIM_LEASE_MS)
			})
			.where(inArray(outbox.id, due));
		const claimed = await tx
			.select({
				message: outbox,
				registration: registrations,
				invitation: invitations,
				delegation: delegations,
				notice: { bodyZh: notices.bodyZh, bodyEn: notices.bodyEn },
				conference: conferences
			})
			.from(outbox)
			.leftJoin(registrations, eq(registrations.id, outbox.registrationId))
			.leftJoin(invitations, eq(invitations.id, outbox.invitationId))
			.leftJoin(delegations, eq(delegations.id, outbox.delegationId))
			.leftJoin(notices, eq(notices.id, outbox.noticeId))
			.innerJoin(
				conferences,
				sql`${conferences.id} = coalesce(${registrations.conferenceId}, ${invitations.conferenceId}, ${delegations.conferenceId})`
			)
			.where(inArray(outbox.id, due))
			.orderBy(outbox.id);
		return claimed.map(
			({ message, registration: r, invitation: i, delegation: d, notice, conference: c }) => {
				const recipient = r
					? { name: r.name, email: r.email, mobile: r.mobile, language: r.language }
					: i
						? { name: i.name, email: i.email, mobile: i.mobile, language: i.language }
						: {
								name: d?.leaderName ?? '',
								email: d?.leaderEmail ?? null,
								mobile: d?.leaderMobile ?? null,
								// A delegation records no language: its leader is written to in Chinese.
								language: 'zh-CN' as const
							};
				const to = channel === 'mail' ? recipient.email : recipient.mobile;
				return {
					id: message.id,
					channel,
					attempts: message.attempts,
					to,
					link: r
						? { to: 'ticket' as const, secret: r.ticketSecret }
						: i
							? { to: 'invitation' as const, secret: i.secret }
							: { to: 'delegation' as const, secret: d?.secret ?? '' },
					skip:
						to === null
							? channel === 'mail'
								? 'no email address'
								: 'no mobile number'
							: reasonToSkip(message.kind, { registration: r, invitation: i, delegation: d }, now),
					facts: {
						kind: message.kind,
						language: recipient.language,
						name: recipient.name,
						reference: r?.reference ?? null,
						conference: {
							nameZh: c.nameZh,
							nameEn: c.nameEn,
							startsOn: c.startsOn,
							endsOn: c.endsOn,
							venueZh: c.venueZh,
							venueEn: c.venueEn
						},
						notice: notice ?? undefined,
						delegation: d?.name,
						expiresOn: i ? beijingDateOf(i.expiresAt.toISOString()) : undefined
					}
				};
			}
		);
	});
}

/**
 * A message is sent only while it is still true: "received, awaiting approval" is pointless once
 * the registration was decided, nothing is sent about a cancelled one, an invitation that was
 * answered, revoked or has expired is not sent, nor the link of a closed delegation.
 */
function reasonToSkip(
	kind: schema.MessageKind,
	subject: {
		registration: { status: schema.RegistrationStatus } | null;
		invitation: { status: schema.InvitationStatus; expiresAt: Date } | null;
		delegation: { closedAt: Date | null } | null;
	},
	now: Date
): string | null {
	const { registration, invitation, delegation } = subject;
	if (registration) {
		const wanted: readonly schema.RegistrationStatus[] =
			kind === 'registration_received'
				? ['pending', 'pending_vetting']
				: kind === 'registration_declined'
					? ['rejected']
					: ['confirmed'];
		return wanted.includes(registration.status) ? null : `registration is ${registration.status}`;
	}
	if (invitation) {
		if (invitation.status !== 'sent' && invitation.status !== 'opened')
			return `invitation is ${invitation.status}`;
		return invitation.expiresAt <= now ? 'invitation has expired' : null;
	}
	if (delegation?.closedAt) return 'delegation is closed';
	return null;
}

export async function markSent(db: Db, id: number, now: Date): Promise<void> {
	const { outbox } = tables(db);
	await db
		.update(outbox)
		.set({ status: 'sent', sentAt: now, lastError: null })
		.where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markSkipped(db: Db, id: number, reason: string): Promise<void> {
	const { outbox } = tables(db);
	await db
		.update(outbox)
		.set({ status: 'skipped', lastError: reason })
		.where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/**
 * Puts a claimed message back to wait until `until` without counting the attempt: it was not
 * tried (the number had its share of texts for now).
 */
export async function deferMessage(
	db: Db,
	message: { id: number; attempts: number },
	until: Date,
	reason: string
): Promise<void> {
	const { outbox } = tables(db);
	await db
		.update(outbox)
		.set({
			status: 'pending',
			attempts: Math.max(0, message.attempts - 1),
			nextAttemptAt: until,
			lastError: reason
		})
		.where(and(eq(outbox.id, message.id), eq(outbox.status, 'sending')));
}

/**
 * Records a failed attempt. A refusal the server or provider means (an SMTP 5xx, a number the
 * provider calls invalid) or the last allowed attempt ends in `failed`, for an admin to see;
 * anything else is tried again later.
 */
export async function markFailed(
	db: Db,
	message: { id: number; attempts: number },
	failure: { reason: string; permanent: boolean },
	now: Date
): Promise<schema.MessageStatus> {
	const { outbox } = tables(db);
	const status = failure.permanent || message.attempts >= MAX_ATTEMPTS ? 'failed' : 'pending';
	await db
		.update(outbox)
		.set({
			status,
			lastError: withoutAddresses(failure.reason).slice(0, 500),
			nextAttemptAt: new Date(now.getTime() + retryDelayMs(message.attempts))
		})
		.where(and(eq(outbox.id, message.id), eq(outbox.status, 'sending')));
	return status;
}

/**
 * Mail servers and SMS providers quote the recipient in their refusals; admins see the error,
 * not the address or the number.
 */
export const withoutAddresses = (text: string) =>
	text
		.replace(/[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+/g, '<address>')
		.replace(/\+?\d(?:[\s-]?\d){6,}/g, '<mobile>');

/**
 * How many texts went to this number in the last hour and the last day, whatever they were
 * about: the registration, invitation or delegation each was sent for held the number. The
 * subjects holding the number are found through their mobile indexes, and their texts through
 * the outbox's subject indexes, so the cost follows this number's texts, not the day's volume.
 */
export async function textsSentTo(
	db: Db,
	mobile: string,
	now: Date
): Promise<{ lastHour: number; lastDay: number }> {
	const { delegations, invitations, outbox, registrations } = tables(db);
	const hourAgo = new Date(now.getTime() - 3_600_000);
	const [row] = await db
		.select({
			lastDay: count(),
			lastHour: sql<number>`coalesce(sum(case when ${gt(outbox.sentAt, hourAgo)} then 1 else 0 end), 0)`
		})
		.from(outbox)
		.where(
			and(
				or(
					inArray(
						outbox.registrationId,
						db
							.select({ id: registrations.id })
							.from(registrations)
							.where(eq(registrations.mobile, mobile))
					),
					inArray(
						outbox.invitationId,
						db
							.select({ id: invitations.id })
							.from(invitations)
							.where(eq(invitations.mobile, mobile))
					),
					inArray(
						outbox.delegationId,
						db
							.select({ id: delegations.id })
							.from(delegations)
							.where(eq(delegations.leaderMobile, mobile))
					)
				),
				eq(outbox.channel, 'sms'),
				eq(outbox.status, 'sent'),
				gt(outbox.sentAt, new Date(now.getTime() - 24 * 3_600_000))
			)
		);
	return { lastHour: Number(row?.lastHour ?? 0), lastDay: row?.lastDay ?? 0 };
}

export interface OutboxRow {
	id: number;
	channel: schema.MessageChannel;
	kind: schema.MessageKind;
	status: schema.MessageStatus;
	attempts: number;
	/** What the message is about: a registration (with its reference), an invitation or a delegation. */
	subject: { type: 'registration' | 'invitation' | 'delegation'; id: number };
	reference: string | null;
	conferenceId: string;
	lastError: string | null;
	createdAt: string;
	nextAttemptAt: string;
	sentAt: string | null;
}

export type OutboxCounts = Record<schema.MessageChannel, Record<schema.MessageStatus, number>>;

export interface OutboxView {
	/** Per channel and state. */
	counts: OutboxCounts;
	rows: OutboxRow[];
	/** How many messages the filters match (for paging). */
	total: number;
}

/**
 * The console's view: how many in each channel and state, and one page of the messages in a
 * state (of one channel, or both), newest first.
 */
export async function listOutbox(
	db: Db,
	filters: {
		status: schema.MessageStatus;
		channel?: schema.MessageChannel | undefined;
		page: number;
		pageSize: number;
	}
): Promise<OutboxView> {
	const { delegations, invitations, outbox, registrations } = tables(db);
	const counts = Object.fromEntries(
		schema.MESSAGE_CHANNELS.map((c) => [
			c,
			Object.fromEntries(schema.MESSAGE_STATUSES.map((s) => [s, 0]))
		])
	) as OutboxCounts;
	const perStatus = await db
		.select({ channel: outbox.channel, status: outbox.status, n: count() })
		.from(outbox)
		.groupBy(outbox.channel, outbox.status);
	for (const row of perStatus) counts[row.channel][row.status] = row.n;
	const where = and(
		eq(outbox.status, filters.status),
		filters.channel === undefined ? undefined : eq(outbox.channel, filters.channel)
	);
	const rows = await db
		.select({
			message: outbox,
			reference: registrations.reference,
			conferenceId: sql<string>`coalesce(${registrations.conferenceId}, ${invitations.conferenceId}, ${delegations.conferenceId})`
		})
		.from(outbox)
		.leftJoin(registrations, eq(registrations.id, outbox.registrationId))
		.leftJoin(invitations, eq(invitations.id, outbox.invitationId))
		.leftJoin(delegations, eq(delegations.id, outbox.delegationId))
		.where(where)
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.limit(filters.pageSize)
		.offset((filters.page - 1) * filters.pageSize);
	return {
		counts,
		total:
			filters.channel === undefined
				? schema.MESSAGE_CHANNELS.reduce((n, c) => n + counts[c][filters.status], 0)
				: counts[filters.channel][filters.status],
		rows: rows.map(({ message: m, reference, conferenceId }) => ({
			id: m.id,
			channel: m.channel,
			kind: m.kind,
			status: m.status,
			attempts: m.attempts,
			subject:
				m.registrationId !== null
					? { type: 'registration' as const, id: m.registrationId }
					: m.invitationId !== null
						? { type: 'invitation' as const, id: m.invitationId }
						: { type: 'delegation' as const, id: m.delegationId ?? 0 },
			reference,
			conferenceId,
			lastError: m.lastError,
			createdAt: m.createdAt.toISOString(),
			nextAttemptAt: m.nextAttemptAt.toISOString(),
			sentAt: m.sentAt?.toISOString() ?? null
		}))
	};
}

/** Puts failed messages (one, or all) back in the queue for the next sender pass; audited. */
export async function retryMail(
	db: Db,
	input: { id?: number | undefined },
	actor: { user: StaffUser; source: string; now: Date }
): Promise<{ queued: number }> {
	return db.transaction(async (tx) => {
		const { outbox } = tables(tx);
		const where =
			input.id === undefined
				? eq(outbox.status, 'failed')
				: and(eq(outbox.id, input.id), eq(outbox.status, 'failed'));
		const requeued = await tx
			.update(outbox)
			.set({ status: 'pending', nextAttemptAt: actor.now })
			.where(where)
			.returning({ id: outbox.id });
		const queued = requeued.length;
		if (input.id !== undefined && queued === 0) {
			throw new AppError('CONFLICT', 'mail_not_failed', `message ${input.id} has not failed`);
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'mail_retried',
				subjectType: 'mail',
				...(input.id === undefined ? {} : { subjectId: input.id }),
				detail: { queued }
			},
			actor.now
		);
		return { queued };
	});
}
