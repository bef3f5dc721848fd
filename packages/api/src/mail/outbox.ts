import { and, count, desc, eq, inArray, isNotNull, lte, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from '../services/audit.ts';
import type { MailFacts } from './compose.ts';

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

/**
 * Queues a message in the caller's transaction: it exists exactly when the change it announces
 * does, and is sent after that change is committed.
 */
export async function enqueueMail(
	tx: DbOrTx,
	message: { kind: schema.MessageKind; registrationId: number },
	now: Date
): Promise<void> {
	await tx
		.insert(tables(tx).outbox)
		.values({ ...message, channel: 'mail', status: 'pending', nextAttemptAt: now, createdAt: now });
}

/** What a message is about: exactly one subject, and for a notice the notice too. */
export type MessageSubject =
	| { kind: schema.MessageKind; registrationId: number; noticeId?: number }
	| { kind: 'invitation'; invitationId: number }
	| { kind: 'delegation_link'; delegationId: number };

/**
 * Queues a message on every channel the recipient can be reached by — mail for an email
 * address, SMS for a mobile number — in the caller's transaction. With `onceKey`, a message
 * already queued under that key (per channel) is not queued again: a notice sent twice, a
 * reminder job run twice. Returns how many were queued.
 */
export async function enqueueMessage(
	tx: DbOrTx,
	subject: MessageSubject,
	recipient: { email: string | null; mobile: string | null },
	now: Date,
	options: { onceKey?: string } = {}
): Promise<number> {
	const { outbox } = tables(tx);
	const channels = [
		...(recipient.email ? (['mail'] as const) : []),
		...(recipient.mobile ? (['sms'] as const) : [])
	];
	let queued = 0;
	for (const channel of channels) {
		const inserted = await tx
			.insert(outbox)
			.values({
				...subject,
				channel,
				onceKey: options.onceKey === undefined ? null : `${options.onceKey}:${channel}`,
				status: 'pending',
				nextAttemptAt: now,
				createdAt: now
			})
			.onConflictDoNothing({ target: outbox.onceKey })
			.returning({ id: outbox.id });
		queued += inserted.length;
	}
	return queued;
}

export interface ClaimedMail {
	id: number;
	attempts: number;
	/** The recipient, read now; null when the registration gave only a mobile number. */
	email: string | null;
	ticketSecret: string;
	/** Why the message is no longer worth sending, if it is not. */
	skip: string | null;
	facts: Omit<MailFacts, 'ticketUrl'>;
}

/**
 * Takes up to `limit` messages that are due, marking them claimed in one IMMEDIATE transaction
 * so that two senders (the attendee site and the console) never take the same one.
 */
export async function claimDueMail(db: Db, now: Date, limit: number): Promise<ClaimedMail[]> {
	return db.transaction(async (tx) => {
		const { conferences, outbox, registrations } = tables(tx);
		const dueRows = await tx
			.select({ id: outbox.id })
			.from(outbox)
			.where(
				and(
					eq(outbox.channel, 'mail'),
					isNotNull(outbox.registrationId),
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
			.select({ message: outbox, registration: registrations, conference: conferences })
			.from(outbox)
			.innerJoin(registrations, eq(registrations.id, outbox.registrationId))
			.innerJoin(conferences, eq(conferences.id, registrations.conferenceId))
			.where(inArray(outbox.id, due))
			.orderBy(outbox.id);
		return claimed.map(({ message, registration: r, conference: c }) => ({
			id: message.id,
			attempts: message.attempts,
			email: r.email,
			ticketSecret: r.ticketSecret,
			skip: reasonToSkip(message.kind, r.status, r.email),
			facts: {
				kind: message.kind,
				language: r.language,
				name: r.name,
				reference: r.reference,
				conference: {
					nameZh: c.nameZh,
					nameEn: c.nameEn,
					startsOn: c.startsOn,
					endsOn: c.endsOn,
					venueZh: c.venueZh,
					venueEn: c.venueEn
				}
			}
		}));
	});
}

/**
 * A message is sent only while it is still true: "received, awaiting approval" is pointless once
 * the registration was decided, and nothing is sent about a cancelled one.
 */
function reasonToSkip(
	kind: schema.MessageKind,
	status: schema.RegistrationStatus,
	email: string | null
): string | null {
	if (email === null) return 'no email address';
	if (kind === 'registration_received' && status !== 'pending') return `registration is ${status}`;
	if (kind === 'registration_confirmed' && status !== 'confirmed')
		return `registration is ${status}`;
	return null;
}

export async function markMailSent(db: Db, id: number, now: Date): Promise<void> {
	const { outbox } = tables(db);
	await db
		.update(outbox)
		.set({ status: 'sent', sentAt: now, lastError: null })
		.where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

export async function markMailSkipped(db: Db, id: number, reason: string): Promise<void> {
	const { outbox } = tables(db);
	await db
		.update(outbox)
		.set({ status: 'skipped', lastError: reason })
		.where(and(eq(outbox.id, id), eq(outbox.status, 'sending')));
}

/**
 * Records a failed attempt. A refusal the server means (5xx: no such mailbox, rejected as spam)
 * or the last allowed attempt ends in `failed`, for an admin to see; anything else is tried
 * again later.
 */
export async function markMailFailed(
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

/** Mail servers quote the recipient in their refusals; admins see the error, not the address. */
export const withoutAddresses = (text: string) =>
	text.replace(/[^\s<>"'()[\],;:]+@[^\s<>"'()[\],;:]+/g, '<address>');

export interface OutboxRow {
	id: number;
	kind: schema.MessageKind;
	status: schema.MessageStatus;
	attempts: number;
	reference: string;
	conferenceId: string;
	lastError: string | null;
	createdAt: string;
	nextAttemptAt: string;
	sentAt: string | null;
}

export interface OutboxView {
	counts: Record<schema.MessageStatus, number>;
	rows: OutboxRow[];
	total: number;
}

/** The console's view: how many in each state, and the messages of one state, newest first. */
export async function listOutbox(
	db: Db,
	filters: { status: schema.MessageStatus; page: number; pageSize: number }
): Promise<OutboxView> {
	const { outbox, registrations } = tables(db);
	const counts = Object.fromEntries(schema.MESSAGE_STATUSES.map((s) => [s, 0])) as Record<
		schema.MessageStatus,
		number
	>;
	const perStatus = await db
		.select({ status: outbox.status, n: count() })
		.from(outbox)
		.groupBy(outbox.status);
	for (const row of perStatus) counts[row.status] = row.n;
	const rows = await db
		.select({
			message: outbox,
			reference: registrations.reference,
			conferenceId: registrations.conferenceId
		})
		.from(outbox)
		.innerJoin(registrations, eq(registrations.id, outbox.registrationId))
		.where(eq(outbox.status, filters.status))
		.orderBy(desc(outbox.createdAt), desc(outbox.id))
		.limit(filters.pageSize)
		.offset((filters.page - 1) * filters.pageSize);
	return {
		counts,
		total: counts[filters.status],
		rows: rows.map(({ message: m, reference, conferenceId }) => ({
			id: m.id,
			kind: m.kind,
			status: m.status,
			attempts: m.attempts,
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
