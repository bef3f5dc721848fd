import { randomBytes } from 'node:crypto';
import { and, asc, count, desc, eq, gt, inArray, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { Db, DbOrTx } from '@huizhan/db';
import { isUniqueViolation, schema, tables } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { isVisibleToPublic } from '../editions/rules.ts';
import { enqueueMessage } from '../mail/outbox.ts';
import type { AcceptInvitationInput, InviteInput } from '../schemas/invitations.ts';
import { recordAudit } from './audit.ts';
import { maskEmail, maskMobile } from './registration-desk.ts';
import { activeQuestions, checkedAnswers, publicQuestion, saveAnswers } from './questions.ts';
import { admissionStatus, insertRegistrations, newTicketSecret } from './registrations.ts';

/*
 * Personal invitations (邀请函) to an edition's category. The admin's side — invite, import,
 * resend, revoke — and the invitee's — open, accept, decline — of one lifecycle:
 * sent → opened → accepted | declined, or revoked by an admin; “expired” is derived from
 * `expiresAt` and never stored.
 */

export interface InvitationActor {
	user: StaffUser;
	source: string;
	now: Date;
}

/** What a person and the console see: the stored status, or `expired` once past `expiresAt`. */
export type InvitationState = schema.InvitationStatus | 'expired';

export function invitationState(
	invitation: { status: schema.InvitationStatus; expiresAt: Date },
	now: Date
): InvitationState {
	const live = invitation.status === 'sent' || invitation.status === 'opened';
	return live && invitation.expiresAt.getTime() <= now.getTime() ? 'expired' : invitation.status;
}

export const newInvitationSecret = (): string => randomBytes(16).toString('base64url');

/** The end of a Beijing calendar day, as an instant: a link is good through its last day. */
export const endOfBeijingDay = (isoDate: string): Date => new Date(`${isoDate}T23:59:59.999+08:00`);

type InvitationRow = typeof schema.invitations.$inferSelect;
type Conference = typeof schema.conferences.$inferSelect;

/** The edition, to invite to it; a missing one and an unknown category are refused. */
async function invitableCategory(tx: DbOrTx, conferenceId: string, category: string) {
	const { conferenceCategories, conferences } = tables(tx);
	const [conference] = await tx.select().from(conferences).where(eq(conferences.id, conferenceId));
	if (!conference) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
	}
	const [row] = await tx
		.select()
		.from(conferenceCategories)
		.where(
			and(
				eq(conferenceCategories.conferenceId, conferenceId),
				eq(conferenceCategories.category, category as schema.AttendeeCategory)
			)
		);
	if (!row) {
		throw new AppError(
			'BAD_REQUEST',
			'category_not_offered',
			`${conferenceId} has no ${category} category`,
			{ field: 'category' }
		);
	}
	return conference;
}

/** Rows of `table` reaching the same person: the same mobile or the same email. */
const sameContact = (
	table: { mobile: SQLiteColumn; email: SQLiteColumn },
	contact: { mobile: string | null; email: string | null }
) =>
	or(
		contact.mobile ? eq(table.mobile, contact.mobile) : undefined,
		contact.email ? eq(table.email, contact.email) : undefined
	);

/**
 * Why this person cannot be invited to the edition now, if they cannot: a live invitation
 * already reaches them (resend that one), one reached them and expired unanswered (revoke it
 * first: the database holds one unanswered invitation per person), or they are registered.
 */
export async function invitationConflict(
	tx: DbOrTx,
	conferenceId: string,
	contact: { mobile: string | null; email: string | null },
	now: Date
): Promise<'already_invited' | 'earlier_invitation_expired' | 'already_registered' | null> {
	const { invitations, registrations } = tables(tx);
	const [invited] = await tx
		.select({ id: invitations.id, status: invitations.status, expiresAt: invitations.expiresAt })
		.from(invitations)
		.where(
			and(
				eq(invitations.conferenceId, conferenceId),
				inArray(invitations.status, ['sent', 'opened']),
				sameContact(invitations, contact)
			)
		)
		.limit(1);
	if (invited) {
		return invitationState(invited, now) === 'expired'
			? 'earlier_invitation_expired'
			: 'already_invited';
	}
	const [registered] = await tx
		.select({ id: registrations.id })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				ne(registrations.status, 'cancelled'),
				sameContact(registrations, contact)
			)
		)
		.limit(1);
	return registered ? 'already_registered' : null;
}

export type NewInvitation = Omit<InviteInput, 'expiresOn'> & { expiresAt: Date };

/**
 * Stores invitations and queues each one's message, in the caller's transaction; the caller
 * has checked them (`invitationConflict`). The partial unique indexes stop a second live
 * invitation to the same person that slipped past the check.
 */
export async function storeInvitations(
	tx: DbOrTx,
	rows: NewInvitation[],
	actor: InvitationActor
): Promise<number[]> {
	const { invitations } = tables(tx);
	const ids: number[] = [];
	for (const row of rows) {
		let stored: { id: number } | undefined;
		try {
			[stored] = await tx.transaction((sp) =>
				sp
					.insert(invitations)
					.values({
						conferenceId: row.conferenceId,
						category: row.category,
						name: row.name,
						organisation: row.organisation,
						title: row.title,
						mobile: row.mobile,
						email: row.email,
						country: row.country,
						language: row.language,
						status: 'sent',
						secret: newInvitationSecret(),
						expiresAt: row.expiresAt,
						createdBy: actor.user.id,
						createdAt: actor.now,
						sentAt: actor.now,
						sendCount: 1
					})
					.returning({ id: invitations.id })
			);
		} catch (error) {
			if (
				isUniqueViolation(error, 'invitations', 'conference_id, mobile') ||
				isUniqueViolation(error, 'invitations', 'conference_id, email') ||
				isUniqueViolation(error, 'invitations', 'conference_id')
			) {
				throw new AppError('CONFLICT', 'already_invited', 'a live invitation reaches this person');
			}
			throw error;
		}
		if (!stored) throw new Error('the invitation was not stored');
		await enqueueMessage(
			tx,
			{ kind: 'invitation', invitationId: stored.id },
			{ email: row.email, mobile: row.mobile },
			actor.now
		);
		ids.push(stored.id);
	}
	return ids;
}

/** When an invitation to this edition lapses unless the admin chose a day: its last day. */
export const defaultExpiry = (conference: Pick<Conference, 'endsOn'>, expiresOn: string | null) =>
	endOfBeijingDay(expiresOn ?? conference.endsOn);

/** Invites one person, typed by an admin; the message is queued; audited. */
export async function invite(
	db: DbOrTx,
	input: InviteInput,
	actor: InvitationActor
): Promise<{ id: number }> {
	return db.transaction(async (tx) => {
		const conference = await invitableCategory(tx, input.conferenceId, input.category);
		const expiresAt = defaultExpiry(conference, input.expiresOn);
		if (expiresAt.getTime() <= actor.now.getTime()) {
			throw new AppError('BAD_REQUEST', 'expiry_in_past', 'the invitation would be expired', {
				field: 'expiresOn'
			});
		}
		const conflict = await invitationConflict(tx, conference.id, input, actor.now);
		if (conflict) {
			throw new AppError('CONFLICT', conflict, `cannot invite: ${conflict}`, { field: 'mobile' });
		}
		const { expiresOn: _, ...invitee } = input;
		const [id] = await storeInvitations(tx, [{ ...invitee, expiresAt }], actor);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'invitation_created',
				subjectType: 'invitation',
				subjectId: id!,
				detail: { conferenceId: conference.id, category: input.category }
			},
			actor.now
		);
		return { id: id! };
	});
}

export interface InvitationListRow {
	id: number;
	category: schema.AttendeeCategory;
	name: string;
	organisation: string;
	title: string;
	/** Masked (`138****8000`, `z***@example.cn`): the list identifies, it does not contact. */
	contact: string;
	state: InvitationState;
	sendCount: number;
	sentAt: string;
	expiresAt: string;
	openedAt: string | null;
	answeredAt: string | null;
}

export interface InvitationList {
	counts: Record<InvitationState, number>;
	total: number;
	rows: InvitationListRow[];
}

/** The SQL condition for a derived state, so filters and counts agree with `invitationState`. */
function stateCondition(t: typeof schema.invitations, state: InvitationState, now: Date): SQL {
	const live = inArray(t.status, ['sent', 'opened']);
	if (state === 'expired') return and(live, lte(t.expiresAt, now))!;
	if (state === 'sent' || state === 'opened')
		return and(eq(t.status, state), gt(t.expiresAt, now))!;
	return eq(t.status, state);
}

const STATES: InvitationState[] = [...schema.INVITATION_STATUSES, 'expired'];

/** An edition's invitations, newest first, with how many are in each state (of the category). */
export async function listInvitations(
	db: Db,
	filters: {
		conferenceId: string;
		status?: InvitationState | undefined;
		category?: schema.AttendeeCategory | undefined;
	},
	now: Date
): Promise<InvitationList> {
	const { invitations } = tables(db);
	const t = invitations;
	const base = and(
		eq(invitations.conferenceId, filters.conferenceId),
		filters.category ? eq(invitations.category, filters.category) : undefined
	);
	const counts = Object.fromEntries(STATES.map((s) => [s, 0])) as Record<InvitationState, number>;
	for (const state of STATES) {
		const [row] = await db
			.select({ n: count() })
			.from(invitations)
			.where(and(base, stateCondition(t, state, now)));
		counts[state] = row?.n ?? 0;
	}
	const rows = await db
		.select()
		.from(invitations)
		.where(and(base, filters.status ? stateCondition(t, filters.status, now) : undefined))
		.orderBy(desc(invitations.createdAt), desc(invitations.id))
		.limit(1000);
	return {
		counts,
		total: STATES.reduce((sum, s) => sum + counts[s], 0),
		rows: rows.map((r) => ({
			id: r.id,
			category: r.category,
			name: r.name,
			organisation: r.organisation,
			title: r.title,
			contact: maskMobile(r.mobile) ?? maskEmail(r.email) ?? '',
			state: invitationState(r, now),
			sendCount: r.sendCount,
			sentAt: r.sentAt.toISOString(),
			expiresAt: r.expiresAt.toISOString(),
			openedAt: r.openedAt?.toISOString() ?? null,
			answeredAt: r.answeredAt?.toISOString() ?? null
		}))
	};
}

async function invitationById(tx: DbOrTx, id: number): Promise<InvitationRow> {
	const { invitations } = tables(tx);
	const [row] = await tx.select().from(invitations).where(eq(invitations.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'invitation_not_found', `no invitation ${id}`);
	return row;
}

/** The refusal for acting on an invitation no longer waiting for its answer. */
function notWaiting(state: InvitationState, id: number | string): AppError {
	return new AppError('CONFLICT', `invitation_${state}`, `invitation ${id} is ${state}`);
}

/** Queues the invitation's message again and counts the send; only while it waits for an answer. */
export async function resendInvitation(
	db: DbOrTx,
	id: number,
	actor: InvitationActor
): Promise<{ sendCount: number }> {
	return db.transaction(async (tx) => {
		const { invitations } = tables(tx);
		const row = await invitationById(tx, id);
		const state = invitationState(row, actor.now);
		if (state !== 'sent' && state !== 'opened') throw notWaiting(state, id);
		const [updated] = await tx
			.update(invitations)
			.set({ sentAt: actor.now, sendCount: sql`${invitations.sendCount} + 1` })
			.where(eq(invitations.id, id))
			.returning({ sendCount: invitations.sendCount });
		await enqueueMessage(
			tx,
			{ kind: 'invitation', invitationId: id },
			{ email: row.email, mobile: row.mobile },
			actor.now
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'invitation_resent',
				subjectType: 'invitation',
				subjectId: id,
				detail: { sendCount: updated?.sendCount ?? row.sendCount + 1 }
			},
			actor.now
		);
		return { sendCount: updated?.sendCount ?? row.sendCount + 1 };
	});
}

/** Kills the link: it then shows the same neutral page as a link that never existed; audited. */
export async function revokeInvitation(
	db: DbOrTx,
	id: number,
	actor: InvitationActor
): Promise<void> {
	await db.transaction(async (tx) => {
		const { invitations } = tables(tx);
		const row = await invitationById(tx, id);
		// An expired invitation may still be revoked: the console then says what the admin meant.
		if (row.status !== 'sent' && row.status !== 'opened') throw notWaiting(row.status, id);
		await tx
			.update(invitations)
			.set({ status: 'revoked', answeredAt: actor.now })
			.where(and(eq(invitations.id, id), inArray(invitations.status, ['sent', 'opened'])));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'invitation_revoked',
				subjectType: 'invitation',
				subjectId: id,
				detail: { conferenceId: row.conferenceId, category: row.category }
			},
			actor.now
		);
	});
}

/** What the invitee sees behind their link. The contact is masked: a link can be forwarded. */
export interface InvitationView {
	state: Exclude<InvitationState, 'revoked'>;
	category: schema.AttendeeCategory;
	categoryNameZh: string | null;
	categoryNameEn: string | null;
	name: string;
	organisation: string;
	title: string;
	contact: string;
	language: 'zh-CN' | 'en';
	expiresAt: string;
	conference: {
		id: string;
		nameZh: string;
		nameEn: string;
		startsOn: string;
		endsOn: string;
		venueZh: string;
		venueEn: string;
		themeColor: string;
	};
	/** The ticket's secret once accepted, to show the ticket. */
	ticketSecret: string | null;
	questions: ReturnType<typeof publicQuestion>[];
}

async function invitationBySecret(tx: DbOrTx, secret: string) {
	if (!/^[A-Za-z0-9_-]{22}$/.test(secret)) return null;
	const { conferences, invitations } = tables(tx);
	const [found] = await tx
		.select({ invitation: invitations, conference: conferences })
		.from(invitations)
		.innerJoin(conferences, eq(conferences.id, invitations.conferenceId))
		.where(eq(invitations.secret, secret));
	// Revoked and draft look exactly like unknown: the link is dead, and says nothing more.
	if (!found || found.invitation.status === 'revoked') return null;
	if (!isVisibleToPublic(found.conference.status)) return null;
	return found;
}

/**
 * Opens the invitation behind a link, marking it `opened` the first time; null when there is
 * none to show (unknown, malformed, revoked).
 */
export async function openInvitation(
	db: DbOrTx,
	secret: string,
	now: Date
): Promise<InvitationView | null> {
	return db.transaction(async (tx) => {
		const found = await invitationBySecret(tx, secret);
		if (!found) return null;
		const { conferenceCategories, invitations, registrations } = tables(tx);
		const { invitation: i, conference: c } = found;
		const state = invitationState(i, now);
		if (state === 'sent') {
			await tx
				.update(invitations)
				.set({ status: 'opened', openedAt: now })
				.where(and(eq(invitations.id, i.id), eq(invitations.status, 'sent')));
		}
		const [category] = await tx
			.select({ nameZh: conferenceCategories.nameZh, nameEn: conferenceCategories.nameEn })
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, c.id),
					eq(conferenceCategories.category, i.category)
				)
			);
		const [registration] = i.registrationId
			? await tx
					.select({ ticketSecret: registrations.ticketSecret })
					.from(registrations)
					.where(eq(registrations.id, i.registrationId))
			: [];
		return {
			state: state === 'sent' ? 'opened' : (state as InvitationView['state']),
			category: i.category,
			categoryNameZh: category?.nameZh ?? null,
			categoryNameEn: category?.nameEn ?? null,
			name: i.name,
			organisation: i.organisation,
			title: i.title,
			contact: maskMobile(i.mobile) ?? maskEmail(i.email) ?? '',
			language: i.language,
			expiresAt: i.expiresAt.toISOString(),
			conference: {
				id: c.id,
				nameZh: c.nameZh,
				nameEn: c.nameEn,
				startsOn: c.startsOn,
				endsOn: c.endsOn,
				venueZh: c.venueZh,
				venueEn: c.venueEn,
				themeColor: c.themeColor
			},
			ticketSecret: registration?.ticketSecret ?? null,
			// The invited category's questions, asked before accepting as on the open form.
			questions: (await activeQuestions(tx, c.id, i.category)).map(publicQuestion)
		};
	});
}

/** The edition an invitation belongs to, to take its capacity lock before accepting. */
export async function invitationConference(db: Db, secret: string): Promise<string | null> {
	if (!/^[A-Za-z0-9_-]{22}$/.test(secret)) return null;
	const { invitations } = tables(db);
	const [row] = await db
		.select({ conferenceId: invitations.conferenceId })
		.from(invitations)
		.where(eq(invitations.secret, secret));
	return row?.conferenceId ?? null;
}

export interface AcceptedInvitation {
	status: ReturnType<typeof admissionStatus>;
	reference: string;
	ticketSecret: string;
}

const notFound = () =>
	new AppError('NOT_FOUND', 'invitation_not_found', 'no invitation behind this link');

/**
 * Accepts an invitation: one registration, bound to the invited contact, in the status
 * `admissionStatus(category, 'invitation')` gives. Run it under the edition's `capacityLock`:
 * the seat is counted and taken there. Accepting again (a double click, a retried request)
 * answers with the same registration.
 */
export async function acceptInvitation(
	db: DbOrTx,
	input: AcceptInvitationInput,
	now: Date
): Promise<AcceptedInvitation> {
	return db.transaction(async (tx) => {
		const found = await invitationBySecret(tx, input.secret);
		if (!found) throw notFound();
		const { invitation: i, conference } = found;
		const { conferenceCategories, invitations, registrations } = tables(tx);
		if (i.status === 'accepted' && i.registrationId !== null) {
			const [earlier] = await tx
				.select()
				.from(registrations)
				.where(eq(registrations.id, i.registrationId));
			if (!earlier) throw notFound();
			return {
				status: earlier.status as AcceptedInvitation['status'],
				reference: earlier.reference,
				ticketSecret: earlier.ticketSecret
			};
		}
		const state = invitationState(i, now);
		if (state !== 'sent' && state !== 'opened') throw notWaiting(state, 'behind this link');

		const [category] = await tx
			.select()
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, conference.id),
					eq(conferenceCategories.category, i.category)
				)
			);
		if (!category) {
			throw new AppError('BAD_REQUEST', 'category_not_offered', `no ${i.category} category`);
		}
		const answers = await checkedAnswers(tx, conference.id, i.category, input.answers);
		const [existing] = await tx
			.select({ id: registrations.id })
			.from(registrations)
			.where(
				and(
					eq(registrations.conferenceId, conference.id),
					ne(registrations.status, 'cancelled'),
					sameContact(registrations, i)
				)
			)
			.limit(1);
		if (existing) {
			throw new AppError('CONFLICT', 'already_registered', 'this contact is registered already');
		}
		if (category.capacity !== null) {
			const [taken] = await tx
				.select({ n: count() })
				.from(registrations)
				.where(
					and(
						eq(registrations.conferenceId, conference.id),
						eq(registrations.category, i.category),
						inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
					)
				);
			if ((taken?.n ?? 0) >= category.capacity) {
				throw new AppError('CONFLICT', 'category_full', `${i.category} is full`);
			}
		}

		const status = admissionStatus(category, 'invitation');
		const ticketSecret = newTicketSecret();
		const [stored] = await insertRegistrations(
			tx,
			[
				{
					conferenceId: conference.id,
					category: i.category,
					name: input.name,
					organisation: input.organisation,
					title: input.title,
					mobile: i.mobile,
					email: i.email,
					country: i.country,
					language: i.language,
					consentAt: now,
					status,
					ticketSecret,
					createdAt: now
				}
			],
			conference.refPrefix
		);
		if (!stored) throw new Error('the registration was not stored');
		const { id: registrationId, reference } = stored;
		await saveAnswers(tx, registrationId, answers);
		await tx
			.update(invitations)
			.set({ status: 'accepted', answeredAt: now, registrationId })
			.where(and(eq(invitations.id, i.id), inArray(invitations.status, ['sent', 'opened'])));
		await enqueueMessage(
			tx,
			{
				kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_received',
				registrationId
			},
			{ email: i.email, mobile: i.mobile },
			now
		);
		return { status, reference, ticketSecret };
	});
}

/** Declines an invitation; declining again changes nothing. */
export async function declineInvitation(db: DbOrTx, secret: string, now: Date): Promise<void> {
	await db.transaction(async (tx) => {
		const found = await invitationBySecret(tx, secret);
		if (!found) throw notFound();
		const state = invitationState(found.invitation, now);
		if (state === 'declined') return;
		if (state !== 'sent' && state !== 'opened') throw notWaiting(state, 'behind this link');
		const { invitations } = tables(tx);
		await tx
			.update(invitations)
			.set({ status: 'declined', answeredAt: now })
			.where(eq(invitations.id, found.invitation.id));
	});
}

/** An edition's categories, in order, for the console's filters and forms. */
export async function invitationCategories(db: Db, conferenceId: string) {
	const { conferenceCategories } = tables(db);
	return db
		.select({
			category: conferenceCategories.category,
			nameZh: conferenceCategories.nameZh,
			nameEn: conferenceCategories.nameEn,
			byInvitation: conferenceCategories.byInvitation
		})
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conferenceId))
		.orderBy(asc(conferenceCategories.sortOrder));
}
