import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, sql, type SQL } from 'drizzle-orm';
import { lockedTransaction, tables, type Db, type DbOrTx, type schema } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { enqueueMessages } from '../mail/outbox.ts';
import type {
	NoticeAudienceInput,
	NoticePreviewInput,
	SendNoticeInput
} from '../schemas/notices.ts';
import { recordAudit } from './audit.ts';
import { registrationCondition } from './registration-desk.ts';
import { smsLength, type SmsLength } from './notices-sms.ts';

/** The refusals of the notice form; the console has words for each in both languages. */
export const NOTICE_REFUSALS = [
	'notice_edition_not_found',
	'notice_delegation_not_found',
	'notice_no_recipients',
	'notice_audience_changed',
	'notice_rate_limited',
	'notice_request_reused'
] as const;

/**
 * A notice reaches thousands of phones in the organiser's name and each SMS is paid for: a slip
 * (the wrong edition, a test text) must not repeat fast. Counted from the stored notices, so the
 * limits hold across the console's instances and restarts.
 */
export const NOTICE_LIMITS = { windowMs: 60 * 60_000, perEdition: 5, perAdmin: 10 };

/** Taken by every notice sent to an edition: its rate limit and its request keys are checked alone. */
export const noticeLock = (conferenceId: string) => `notices:${conferenceId}`;

/**
 * The recipients of an audience: confirmed registrations of the edition, narrowed by category,
 * delegation and whether they were admitted at a gate — the registration desk's own condition,
 * so "checked in" means here what it means there.
 */
function audienceCondition(db: DbOrTx, audience: schema.NoticeAudience & { conferenceId: string }) {
	const { registrations } = tables(db);
	const where: (SQL | undefined)[] = [
		registrationCondition(
			db,
			{
				conferenceId: audience.conferenceId,
				status: 'confirmed',
				checkedIn: audience.checkedIn === 'any' ? undefined : audience.checkedIn === 'yes'
			},
			'full'
		)
	];
	if (audience.categories.length > 0)
		where.push(inArray(registrations.category, audience.categories));
	if (audience.delegationIds.length > 0)
		where.push(inArray(registrations.delegationId, audience.delegationIds));
	return and(...where);
}

/** Refuses an edition that does not exist, or a delegation of another edition. */
async function checkAudience(db: DbOrTx, audience: NoticeAudienceInput): Promise<void> {
	const { conferences, delegations } = tables(db);
	const [edition] = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(eq(conferences.id, audience.conferenceId));
	if (!edition) throw new AppError('NOT_FOUND', 'notice_edition_not_found', 'no such edition');
	if (audience.delegationIds.length === 0) return;
	const found = await db
		.select({ id: delegations.id })
		.from(delegations)
		.where(
			and(
				eq(delegations.conferenceId, audience.conferenceId),
				inArray(delegations.id, audience.delegationIds)
			)
		);
	if (found.length !== audience.delegationIds.length)
		throw new AppError(
			'BAD_REQUEST',
			'notice_delegation_not_found',
			'a delegation is not of this edition'
		);
}

const audienceOf = (input: NoticeAudienceInput): schema.NoticeAudience => ({
	categories: input.categories,
	delegationIds: input.delegationIds,
	checkedIn: input.checkedIn
});

export interface NoticeOptions {
	categories: schema.AttendeeCategory[];
	delegations: { id: number; name: string; category: schema.AttendeeCategory }[];
}

/** What the audience of an edition can be narrowed by: its categories and its delegations. */
export async function noticeOptions(db: Db, conferenceId: string): Promise<NoticeOptions> {
	const { conferenceCategories, delegations } = tables(db);
	await checkAudience(db, { conferenceId, categories: [], delegationIds: [], checkedIn: 'any' });
	const [categories, groups] = await Promise.all([
		db
			.select({ category: conferenceCategories.category })
			.from(conferenceCategories)
			.where(eq(conferenceCategories.conferenceId, conferenceId))
			.orderBy(asc(conferenceCategories.id)),
		db
			.select({ id: delegations.id, name: delegations.name, category: delegations.category })
			.from(delegations)
			.where(eq(delegations.conferenceId, conferenceId))
			.orderBy(asc(delegations.name), asc(delegations.id))
	]);
	return { categories: categories.map((c) => c.category), delegations: groups };
}

export interface NoticeReach {
	/** Everyone the notice is for. */
	recipients: number;
	/** Of them, with a mobile (an SMS each) and with an email (a mail each); some have both. */
	bySms: number;
	byMail: number;
	/** Neither mobile nor email: counted, told nothing. */
	unreachable: number;
	/** Each gets the text of the language they registered in. */
	inChinese: number;
	inEnglish: number;
}

export interface NoticePreview extends NoticeReach {
	sms: { zh: SmsLength; en: SmsLength };
	/** A fresh one-time key for the confirmation form. */
	requestId: string;
}

/** How many the audience reaches, by which channel and in which language. */
async function reach(db: DbOrTx, audience: NoticeAudienceInput): Promise<NoticeReach> {
	const { registrations: r } = tables(db);
	const [counted] = await db
		.select({
			recipients: count(),
			bySms: sql<number>`count(CASE WHEN ${r.mobile} IS NOT NULL THEN 1 END)`.mapWith(Number),
			byMail: sql<number>`count(CASE WHEN ${r.email} IS NOT NULL THEN 1 END)`.mapWith(Number),
			unreachable:
				sql<number>`count(CASE WHEN ${r.mobile} IS NULL AND ${r.email} IS NULL THEN 1 END)`.mapWith(
					Number
				),
			inEnglish: sql<number>`count(CASE WHEN ${r.language} = 'en' THEN 1 END)`.mapWith(Number)
		})
		.from(r)
		.where(audienceCondition(db, { conferenceId: audience.conferenceId, ...audienceOf(audience) }));
	const recipients = counted?.recipients ?? 0;
	const inEnglish = counted?.inEnglish ?? 0;
	return {
		recipients,
		bySms: counted?.bySms ?? 0,
		byMail: counted?.byMail ?? 0,
		unreachable: counted?.unreachable ?? 0,
		inChinese: recipients - inEnglish,
		inEnglish
	};
}

/** The exact audience of a notice before it is sent, and the length of each text as SMS. */
export async function previewNotice(db: Db, input: NoticePreviewInput): Promise<NoticePreview> {
	await checkAudience(db, input);
	return {
		...(await reach(db, input)),
		sms: { zh: smsLength(input.bodyZh), en: smsLength(input.bodyEn) },
		requestId: randomBytes(16).toString('base64url')
	};
}

export interface NoticeView {
	id: number;
	conferenceId: string;
	audience: schema.NoticeAudience;
	bodyZh: string;
	bodyEn: string;
	recipientCount: number;
	createdAt: string;
	createdBy: number;
}

const noticeView = (row: typeof schema.notices.$inferSelect): NoticeView => ({
	id: row.id,
	conferenceId: row.conferenceId,
	audience: row.audience,
	bodyZh: row.bodyZh,
	bodyEn: row.bodyEn,
	recipientCount: row.recipientCount,
	createdAt: row.createdAt.toISOString(),
	createdBy: row.createdBy
});

export interface SentNotice {
	notice: NoticeView;
	/** True when this request's notice had already been sent: nothing was sent again. */
	duplicate: boolean;
	/** Outbox messages queued by this request (one per recipient and channel). */
	queued: number;
}

/** Refuses a notice past the edition's or the admin's hourly limit. */
async function checkRateLimits(tx: DbOrTx, conferenceId: string, userId: number, now: Date) {
	const { notices } = tables(tx);
	const since = new Date(now.getTime() - NOTICE_LIMITS.windowMs);
	const recent = async (condition: SQL) => {
		const [n] = await tx
			.select({ n: count() })
			.from(notices)
			.where(and(condition, gt(notices.createdAt, since)));
		return n?.n ?? 0;
	};
	if (
		(await recent(eq(notices.conferenceId, conferenceId))) >= NOTICE_LIMITS.perEdition ||
		(await recent(eq(notices.createdBy, userId))) >= NOTICE_LIMITS.perAdmin
	) {
		throw new AppError('TOO_MANY_REQUESTS', 'notice_rate_limited', 'too many notices this hour', {
			perEdition: NOTICE_LIMITS.perEdition,
			perAdmin: NOTICE_LIMITS.perAdmin
		});
	}
}

/**
 * Sends a notice: one `notices` row and, in the same transaction, one outbox message per
 * recipient and channel. The request key makes it happen once: a second press of the same
 * confirmation (a double click, another tab) answers with the first notice and sends nothing.
 * Under the edition's notice lock, so two presses are checked one after the other.
 */
export async function sendNotice(
	db: Db,
	input: SendNoticeInput,
	actor: { user: StaffUser; source: string; now: Date }
): Promise<SentNotice> {
	return lockedTransaction(db, [noticeLock(input.conferenceId)], async (tx) => {
		const { notices, registrations } = tables(tx);
		const [earlier] = await tx.select().from(notices).where(eq(notices.requestId, input.requestId));
		if (earlier) {
			// A key of another edition's form: not this notice, and not one to send again.
			if (earlier.conferenceId !== input.conferenceId)
				throw new AppError('CONFLICT', 'notice_request_reused', 'the form key was used already');
			return { notice: noticeView(earlier), duplicate: true, queued: 0 };
		}
		await checkAudience(tx, input);
		await checkRateLimits(tx, input.conferenceId, actor.user.id, actor.now);
		const audience = audienceOf(input);
		const recipients = await tx
			.select({ id: registrations.id, email: registrations.email, mobile: registrations.mobile })
			.from(registrations)
			.where(audienceCondition(tx, { conferenceId: input.conferenceId, ...audience }))
			.orderBy(asc(registrations.id));
		if (recipients.length === 0)
			throw new AppError('BAD_REQUEST', 'notice_no_recipients', 'nobody is in this audience');
		// "Send to 1,234 people?" must stay true: a registration confirmed or checked in since the
		// preview changes the audience, and the admin confirms the new count.
		if (recipients.length !== input.expectedRecipients)
			throw new AppError('CONFLICT', 'notice_audience_changed', 'the audience changed', {
				recipients: recipients.length
			});
		const [notice] = await tx
			.insert(notices)
			.values({
				conferenceId: input.conferenceId,
				audience,
				bodyZh: input.bodyZh,
				bodyEn: input.bodyEn,
				recipientCount: recipients.length,
				requestId: input.requestId,
				createdBy: actor.user.id,
				createdAt: actor.now
			})
			.returning();
		if (!notice) throw new Error('the notice was not stored');
		const queued = await enqueueMessages(
			tx,
			recipients.map((recipient) => ({
				subject: { kind: 'notice', registrationId: recipient.id, noticeId: notice.id },
				recipient,
				onceKey: `notice:${notice.id}:${recipient.id}`
			})),
			actor.now
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'notice_sent',
				subjectType: 'notice',
				subjectId: notice.id,
				detail: {
					conferenceId: input.conferenceId,
					audience,
					recipients: recipients.length,
					queued
				}
			},
			actor.now
		);
		return { notice: noticeView(notice), duplicate: false, queued };
	});
}

/** Delivery of one channel's messages: queued counts those pending or being sent. */
export interface Delivery {
	queued: number;
	sent: number;
	failed: number;
	skipped: number;
}

export interface NoticeHistoryRow extends NoticeView {
	createdByName: string;
	delivery: Record<schema.MessageChannel, Delivery>;
}

const noDelivery = (): Delivery => ({ queued: 0, sent: 0, failed: 0, skipped: 0 });
const DELIVERY_OF: Record<schema.MessageStatus, keyof Delivery> = {
	pending: 'queued',
	sending: 'queued',
	sent: 'sent',
	failed: 'failed',
	skipped: 'skipped'
};

/** The notices sent, newest first (the last 100), with how far each got per channel. */
export async function listNotices(
	db: Db,
	filters: { conferenceId?: string | undefined }
): Promise<NoticeHistoryRow[]> {
	const { notices, outbox, staffUsers } = tables(db);
	const sent = await db
		.select({ notice: notices, createdByName: staffUsers.displayName })
		.from(notices)
		.innerJoin(staffUsers, eq(staffUsers.id, notices.createdBy))
		.where(filters.conferenceId ? eq(notices.conferenceId, filters.conferenceId) : undefined)
		.orderBy(desc(notices.createdAt), desc(notices.id))
		.limit(100);
	if (sent.length === 0) return [];
	const counts = await db
		.select({
			noticeId: outbox.noticeId,
			channel: outbox.channel,
			status: outbox.status,
			n: count()
		})
		.from(outbox)
		.where(
			inArray(
				outbox.noticeId,
				sent.map((s) => s.notice.id)
			)
		)
		.groupBy(outbox.noticeId, outbox.channel, outbox.status);
	const delivery = new Map<number, Record<schema.MessageChannel, Delivery>>();
	for (const row of counts) {
		if (row.noticeId === null) continue;
		const perChannel = delivery.get(row.noticeId) ?? { mail: noDelivery(), sms: noDelivery() };
		perChannel[row.channel][DELIVERY_OF[row.status]] += row.n;
		delivery.set(row.noticeId, perChannel);
	}
	return sent.map(({ notice, createdByName }) => ({
		...noticeView(notice),
		createdByName,
		delivery: delivery.get(notice.id) ?? { mail: noDelivery(), sms: noDelivery() }
	}));
}
