import { randomBytes, randomInt } from 'node:crypto';
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { isUniqueViolation, schema, tables } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { isVisibleToPublic, registrationPhase } from '../editions/rules.ts';
import { enqueueMessage } from '../mail/outbox.ts';
import { phoneOf, type RegisterInput } from '../schemas/registrations.ts';
import { checkedAnswers, saveAnswers } from './questions.ts';
import { signUpAtRegistration, type SessionNotTaken } from './session-signups.ts';

/** Letters and digits a person reads off a screen without confusing them (no 0/O, 1/I/L). */
const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** `WSC-7K3Q9M`: the conference's prefix and six characters from ~900 million combinations. */
export function newReference(prefix: string): string {
	let code = '';
	for (let i = 0; i < 6; i++) code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
	return `${prefix}-${code}`;
}

export const newTicketSecret = (): string => randomBytes(16).toString('base64url');

/** How a registration came in: the open form, a personal invitation, or a delegation's leader. */
export type AdmissionRoute = 'open' | 'invitation' | 'delegation';

/**
 * The status a new registration starts in. Staff approval applies to the open form only: an
 * invitation or a delegation was already decided by the organisers. Security vetting (安保审查)
 * applies whichever way a person came in, and comes first.
 */
export function admissionStatus(
	category: { needsApproval: boolean; needsVetting: boolean },
	route: AdmissionRoute
): 'pending_vetting' | 'pending' | 'confirmed' {
	if (category.needsVetting) return 'pending_vetting';
	if (route === 'open' && category.needsApproval) return 'pending';
	return 'confirmed';
}

export type RegistrationOutcome =
	| {
			outcome: 'registered';
			status: ReturnType<typeof admissionStatus>;
			ticketSecret: string;
			reference: string;
			registrationId: number;
			/** Sessions ticked on the form that did not take the registration (full, most likely). */
			sessionsNotTaken: SessionNotTaken[];
	  }
	/** The same mobile or email is already registered: nothing is created, nothing is revealed. */
	| { outcome: 'already_registered' };

/** Seats still free per category (null = no limit), counting pending and confirmed. */
export async function seatsLeft(
	db: DbOrTx,
	conferenceId: string
): Promise<Record<string, number | null>> {
	const { conferenceCategories, registrations } = tables(db);
	const taken = await db
		.select({ category: registrations.category, n: sql<number>`count(*)`.mapWith(Number) })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
			)
		)
		.groupBy(registrations.category);
	const byCategory = new Map(taken.map((t) => [t.category, t.n]));
	const categories = await db
		.select()
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conferenceId));
	return Object.fromEntries(
		categories.map((c) => [
			c.category,
			c.capacity === null ? null : Math.max(0, c.capacity - (byCategory.get(c.category) ?? 0))
		])
	);
}

/**
 * Registers one person, and signs them up for the sessions ticked (run it under `capacityLock`
 * and each ticked session's `sessionSeatLock`). Everything happens in one IMMEDIATE transaction: the seat count is read
 * with the write lock held, so concurrent submissions queue and no category is ever oversold;
 * the unique indexes refuse a second registration with the same mobile or email.
 */
/**
 * The lock a registration takes on its edition (`writes.run(…, { locks })`): counting the seats
 * taken and taking one happen under it, so on PostgreSQL two instances cannot both sell the last
 * seat. (SQLite runs one write transaction at a time anyway.)
 */
export const capacityLock = (conferenceId: string) => `capacity:${conferenceId}`;

export async function register(
	db: DbOrTx,
	input: RegisterInput,
	now: Date,
	options: { queueMail: boolean } = { queueMail: false }
): Promise<RegistrationOutcome> {
	return db.transaction(async (tx) => {
		const { conferenceCategories, conferences, registrations } = tables(tx);
		const [conference] = await tx
			.select()
			.from(conferences)
			.where(eq(conferences.id, input.conferenceId));
		if (!conference || !isVisibleToPublic(conference.status)) {
			throw new AppError(
				'NOT_FOUND',
				'conference_not_found',
				`no conference ${input.conferenceId}`
			);
		}
		if (registrationPhase(conference, now) !== 'open') {
			throw new AppError(
				'BAD_REQUEST',
				'registration_closed',
				`registration for ${conference.id} is not open`
			);
		}
		const [category] = await tx
			.select()
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, conference.id),
					eq(conferenceCategories.category, input.category)
				)
			);
		if (!category) {
			throw new AppError(
				'BAD_REQUEST',
				'category_not_offered',
				`${conference.id} has no ${input.category} category`,
				{ field: 'category' }
			);
		}
		// 凭邀请: only a personal invitation or a delegation admits to it (services/invitations.ts).
		if (category.byInvitation) {
			throw new AppError(
				'BAD_REQUEST',
				'category_by_invitation',
				`${input.category} at ${conference.id} is by invitation only`,
				{ field: 'category' }
			);
		}
		if (!category.open) {
			throw new AppError(
				'BAD_REQUEST',
				'category_closed',
				`${input.category} at ${conference.id} takes no registrations`,
				{ field: 'category' }
			);
		}

		const answers = await checkedAnswers(tx, conference.id, input.category, input.answers);

		const contact = [
			input.mobile ? eq(registrations.mobile, input.mobile) : undefined,
			input.email ? eq(registrations.email, input.email) : undefined
		].filter((c) => c !== undefined);
		const [existing] = await tx
			.select({ id: registrations.id })
			.from(registrations)
			.where(
				and(
					eq(registrations.conferenceId, conference.id),
					ne(registrations.status, 'cancelled'),
					or(...contact)
				)
			)
			.limit(1);
		if (existing) return { outcome: 'already_registered' as const };

		if (category.capacity !== null) {
			const [count] = await tx
				.select({ n: sql<number>`count(*)`.mapWith(Number) })
				.from(registrations)
				.where(
					and(
						eq(registrations.conferenceId, conference.id),
						eq(registrations.category, input.category),
						inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
					)
				);
			const taken = count?.n ?? 0;
			if (taken >= category.capacity) {
				throw new AppError(
					'CONFLICT',
					'category_full',
					`${input.category} at ${conference.id} is full`,
					{ field: 'category' }
				);
			}
		}

		const status = admissionStatus(category, 'open');
		const ticketSecret = newTicketSecret();
		const [row] = await insertRegistrations(
			tx,
			[
				{
					conferenceId: conference.id,
					category: input.category,
					name: input.name,
					organisation: input.organisation,
					title: input.title,
					mobile: input.mobile,
					email: input.email,
					country: input.country,
					language: input.language,
					consentAt: now,
					shareContactsAt: input.shareContacts ? now : null,
					status,
					ticketSecret,
					createdAt: now
				}
			],
			conference.refPrefix
		);
		if (!row) throw new Error('the registration was not stored');
		await saveAnswers(tx, row.id, answers);
		const { notTaken } = await signUpAtRegistration(
			tx,
			{ id: row.id, conferenceId: conference.id, category: input.category, status },
			input.sessions,
			now
		);
		// On every channel the registrant gave: most give only a mobile number.
		if (options.queueMail) {
			await enqueueMessage(
				tx,
				{
					kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_received',
					registrationId: row.id
				},
				{ email: input.email, mobile: input.mobile },
				now
			);
		}
		return {
			outcome: 'registered' as const,
			status,
			ticketSecret,
			reference: row.reference,
			registrationId: row.id,
			sessionsNotTaken: notTaken
		};
	});
}

/** A registration to store; its reference is drawn when it is stored. */
export type NewRegistration = Omit<typeof schema.registrations.$inferInsert, 'id' | 'reference'>;

/**
 * Stores registrations in one statement, each with a newly drawn reference, and answers their
 * ids and references in the order given (ids ascend in insertion order on both databases).
 * Every way in — the open form, an invitation, a delegation — stores through here. A reference
 * collision is one in hundreds of millions per row: the statement is tried again with new ones,
 * in a savepoint, because a refused insert aborts the whole transaction on PostgreSQL. Any other
 * refusal (a contact registered already) is the caller's to explain.
 */
export async function insertRegistrations(
	tx: DbOrTx,
	values: NewRegistration[],
	refPrefix: string
): Promise<{ id: number; reference: string }[]> {
	const { registrations } = tables(tx);
	for (let attempt = 0; ; attempt++) {
		try {
			const stored = await tx.transaction((sp) =>
				sp
					.insert(registrations)
					.values(values.map((v) => ({ ...v, reference: newReference(refPrefix) })))
					.returning({ id: registrations.id, reference: registrations.reference })
			);
			return stored.sort((a, b) => a.id - b.id);
		} catch (error) {
			if (attempt < 5 && isUniqueViolation(error, 'registrations', 'reference')) continue;
			throw error;
		}
	}
}

export interface TicketView {
	reference: string;
	status: schema.RegistrationStatus;
	name: string;
	organisation: string;
	title: string;
	category: schema.AttendeeCategory;
	categoryColor: string;
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
	/** The signed QR token; only for a confirmed registration. */
	token: string | null;
}

/** The ticket behind an unguessable secret, or null (the same for unknown and malformed). */
export async function ticketBySecret(
	db: Db,
	secret: string,
	sign: (registration: {
		id: number;
		conferenceId: string;
		category: schema.AttendeeCategory;
	}) => Promise<string>
): Promise<TicketView | null> {
	if (!/^[A-Za-z0-9_-]{22}$/.test(secret)) return null;
	const { conferenceCategories, conferences, registrations } = tables(db);
	const [row] = await db
		.select({ registration: registrations, conference: conferences })
		.from(registrations)
		.innerJoin(conferences, eq(conferences.id, registrations.conferenceId))
		.where(eq(registrations.ticketSecret, secret));
	if (!row) return null;
	const { registration: r, conference: c } = row;
	const [category] = await db
		.select({ color: conferenceCategories.color })
		.from(conferenceCategories)
		.where(
			and(
				eq(conferenceCategories.conferenceId, c.id),
				eq(conferenceCategories.category, r.category)
			)
		);
	return {
		reference: r.reference,
		status: r.status,
		name: r.name,
		organisation: r.organisation,
		title: r.title,
		category: r.category,
		categoryColor: category?.color ?? '#5b6570',
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
		token:
			r.status === 'confirmed'
				? await sign({ id: r.id, conferenceId: r.conferenceId, category: r.category })
				: null
	};
}

/**
 * Find my ticket: the reference plus the mobile or email given at registration. Any mismatch
 * gives null — the caller shows one generic message, so nobody learns which part was wrong.
 */
export async function findTicketSecret(
	db: Db,
	input: { reference: string; contact: string; country: string }
): Promise<string | null> {
	const { registrations } = tables(db);
	const [row] = await db
		.select()
		.from(registrations)
		.where(eq(registrations.reference, input.reference));
	if (!row || row.status === 'cancelled') return null;
	const contact = input.contact.trim();
	if (contact.includes('@'))
		return row.email !== null && row.email === contact.toLowerCase() ? row.ticketSecret : null;
	const mobile = phoneOf(contact, input.country);
	return mobile !== null && row.mobile === mobile ? row.ticketSecret : null;
}

/** Cancels from the ticket page: the seat is freed and the token revoked at once. */
export async function cancelBySecret(db: Db, secret: string, now: Date): Promise<boolean> {
	const { registrations } = tables(db);
	const cancelled = await db
		.update(registrations)
		.set({ status: 'cancelled', cancelledAt: now })
		.where(
			and(
				eq(registrations.ticketSecret, secret),
				inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
			)
		)
		.returning({ id: registrations.id });
	return cancelled.length === 1;
}
