import { and, asc, eq } from 'drizzle-orm';
import { clashesWith, mayAttend } from '@huizhan/ledger';
import { schema, tables, type DbOrTx } from '@huizhan/db';
import { isVisibleToPublic } from '../editions/rules.ts';
import { AppError } from '../errors.ts';
import { agendaOf, sessionById, signupCounts, signupsOf, type AgendaSession } from './agenda.ts';

/*
 * Sign-ups (报名) for the sessions of an edition: an attendee picks forums on the registration
 * form or later from the ticket page. Every sign-up runs under its session's seat lock
 * (`sessionSeatLock`), so the count read here is the count at the insert and the last seat goes
 * once.
 *
 * Who may sign up: a registration that holds a seat of that edition — confirmed, and also pending
 * (staff approval) and pending_vetting. Those two already hold a category seat; letting them pick
 * forums now keeps the registration form one step, and their seat in a forum counts exactly as
 * their seat in the category does. Rejected and cancelled registrations hold no seat, and their
 * sign-ups stop counting at once (`signupCounts` counts seat-holding registrations only), so no
 * cancel path — the ticket page, the desk, vetting, a revoked invitation — has to know about
 * forums, and the rows stay for the organiser's record.
 */

/** The registration a ticket secret stands for, as far as sign-ups need it. */
export interface SignupHolder {
	id: number;
	conferenceId: string;
	category: schema.AttendeeCategory;
	status: schema.RegistrationStatus;
}

/** A session a sign-up is said to clash with: enough to name it to the attendee. */
export interface ClashingSession {
	id: number;
	titleZh: string;
	titleEn: string;
	startsAt: Date;
	endsAt: Date;
}

/** How a session is named to the attendee who signed up or cancelled. */
export interface SessionName {
	id: number;
	titleZh: string;
	titleEn: string;
}

const nameOf = (s: SessionName): SessionName => ({
	id: s.id,
	titleZh: s.titleZh,
	titleEn: s.titleEn
});

export interface SignupOutcome {
	session: SessionName;
	/** False when the registration had signed up already: signing up twice is one sign-up. */
	added: boolean;
	/** The attendee's other chosen sessions that share time with this one: shown, not refused. */
	clashes: ClashingSession[];
}

/** The registration behind a ticket secret, or null (the same for unknown and malformed). */
export async function holderBySecret(db: DbOrTx, secret: string): Promise<SignupHolder | null> {
	if (!/^[A-Za-z0-9_-]{22}$/.test(secret)) return null;
	const { registrations: r } = tables(db);
	const [found] = await db
		.select({ id: r.id, conferenceId: r.conferenceId, category: r.category, status: r.status })
		.from(r)
		.where(eq(r.ticketSecret, secret));
	return found ?? null;
}

/** As `holderBySecret`, or the ticket page's not-found. */
export async function requireHolder(db: DbOrTx, secret: string): Promise<SignupHolder> {
	const holder = await holderBySecret(db, secret);
	if (!holder) throw new AppError('NOT_FOUND', 'ticket_not_found', 'no such ticket');
	return holder;
}

const holdsSeat = (status: schema.RegistrationStatus) =>
	(schema.SEAT_HOLDING_STATUSES as readonly string[]).includes(status);

/** A session takes sign-ups worth offering on the registration form: it has seats or a list. */
export const takesSignups = (session: { signupRequired: boolean; capacity: number | null }) =>
	session.signupRequired || session.capacity !== null;

const isOver = (session: { endsAt: Date }, now: Date) => session.endsAt.getTime() <= now.getTime();

const slot = (s: { id: number; startsAt: Date; endsAt: Date }) => ({
	id: s.id,
	startsAt: s.startsAt.getTime(),
	endsAt: s.endsAt.getTime()
});

/** The holder's chosen sessions that share time with `session`. */
function clashesAmong(session: AgendaSession, chosen: AgendaSession[]): ClashingSession[] {
	const ids = new Set(clashesWith(slot(session), chosen.map(slot)).map((c) => c.id));
	return chosen
		.filter((c) => ids.has(c.id))
		.map((c) => ({
			id: c.id,
			titleZh: c.titleZh,
			titleEn: c.titleEn,
			startsAt: c.startsAt,
			endsAt: c.endsAt
		}));
}

/**
 * Signs a registration up for a session. Run it under `sessionSeatLock(sessionId)`: the seats are
 * counted and taken in the same transaction. Refusals, each an AppError with its reason:
 * `session_not_found` (none by that id at the registration's edition), `registration_not_seated`
 * (cancelled or rejected), `session_over`, `session_category` (the category may not attend; the
 * allowed categories are in the details), `session_full`.
 */
export async function signUp(
	tx: DbOrTx,
	holder: SignupHolder,
	sessionId: number,
	now: Date
): Promise<SignupOutcome> {
	const session = await sessionById(tx, sessionId);
	if (!session || session.conferenceId !== holder.conferenceId) {
		throw new AppError('NOT_FOUND', 'session_not_found', `no session ${sessionId} here`);
	}
	if (!holdsSeat(holder.status)) {
		throw new AppError(
			'BAD_REQUEST',
			'registration_not_seated',
			'a cancelled or rejected registration takes no seats'
		);
	}
	const { sessionSignups: u } = tables(tx);
	const chosenIds = await signupsOf(tx, holder.id);
	const chosen = (await agendaOf(tx, holder.conferenceId)).filter((s) => chosenIds.includes(s.id));
	const clashes = clashesAmong(session, chosen);
	if (chosenIds.includes(sessionId)) return { session: nameOf(session), added: false, clashes };
	if (isOver(session, now)) {
		throw new AppError('BAD_REQUEST', 'session_over', `session ${sessionId} is over`);
	}
	if (!mayAttend(session, holder.category)) {
		throw new AppError(
			'FORBIDDEN',
			'session_category',
			`${holder.category} may not attend session ${sessionId}`,
			{ allowedCategories: session.allowedCategories ?? [] }
		);
	}
	if (session.capacity !== null) {
		const taken = (await signupCounts(tx, [sessionId])).get(sessionId) ?? 0;
		if (taken >= session.capacity) {
			throw new AppError('CONFLICT', 'session_full', `session ${sessionId} is full`, {
				sessionId
			});
		}
	}
	// A sign-up left by a cancelled registration cannot be in the way: a registration that holds
	// no seat never gets here. Nothing to conflict on but the pair itself, checked above.
	await tx.insert(u).values({ sessionId, registrationId: holder.id, createdAt: now });
	return { session: nameOf(session), added: true, clashes };
}

/**
 * Cancels a sign-up, freeing its seat; `cancelled` is false when there was none. A session
 * already over keeps its sign-ups: they are the record of who was expected.
 */
export async function cancelSignup(
	tx: DbOrTx,
	holder: SignupHolder,
	sessionId: number,
	now: Date
): Promise<{ cancelled: boolean; session: SessionName }> {
	const session = await sessionById(tx, sessionId);
	if (!session || session.conferenceId !== holder.conferenceId) {
		throw new AppError('NOT_FOUND', 'session_not_found', `no session ${sessionId} here`);
	}
	if (isOver(session, now)) {
		throw new AppError('BAD_REQUEST', 'session_over', `session ${sessionId} is over`);
	}
	const { sessionSignups: u } = tables(tx);
	const removed = await tx
		.delete(u)
		.where(and(eq(u.sessionId, sessionId), eq(u.registrationId, holder.id)))
		.returning({ sessionId: u.sessionId });
	return { cancelled: removed.length > 0, session: nameOf(session) };
}

/** Why a session cannot be chosen now, or null when it can. */
export type ChoiceBlock = 'session_over' | 'session_category' | 'session_full';

/** A session as the ticket's sign-up page shows it to one attendee. */
export interface SessionChoice extends AgendaSession {
	/** This attendee signed up for it. */
	chosen: boolean;
	/** Seats still free; null when the room takes whoever comes. */
	seatsLeft: number | null;
	/** Why it cannot be chosen now (a chosen session is never blocked). */
	blocked: ChoiceBlock | null;
	/** The attendee's other chosen sessions sharing its time. */
	clashes: ClashingSession[];
}

/**
 * Every session of the holder's edition, in time order, as the holder may pick them: chosen or
 * not, seats left, what stands in the way, which chosen sessions share its time.
 */
export async function sessionChoices(
	db: DbOrTx,
	holder: SignupHolder,
	now: Date
): Promise<SessionChoice[]> {
	const agenda = await agendaOf(db, holder.conferenceId);
	const chosenIds = new Set(await signupsOf(db, holder.id));
	const chosen = agenda.filter((s) => chosenIds.has(s.id));
	return agenda.map((session) => {
		const seatsLeft =
			session.capacity === null ? null : Math.max(0, session.capacity - session.signedUp);
		const mine = chosenIds.has(session.id);
		const blocked: ChoiceBlock | null = mine
			? null
			: isOver(session, now)
				? 'session_over'
				: !mayAttend(session, holder.category)
					? 'session_category'
					: seatsLeft === 0
						? 'session_full'
						: null;
		return { ...session, chosen: mine, seatsLeft, blocked, clashes: clashesAmong(session, chosen) };
	});
}

/** My agenda (我的议程): the sessions a registration signed up for, in time order. */
export async function myAgenda(db: DbOrTx, holder: SignupHolder): Promise<AgendaSession[]> {
	const chosenIds = new Set(await signupsOf(db, holder.id));
	return (await agendaOf(db, holder.conferenceId)).filter((s) => chosenIds.has(s.id));
}

/**
 * What the open registration form offers: sessions not over that take sign-ups. A draft edition's
 * agenda is nobody's business yet: none.
 */
export async function registrationChoices(
	db: DbOrTx,
	conferenceId: string,
	now: Date
): Promise<AgendaSession[]> {
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	if (!conference || !isVisibleToPublic(conference.status)) return [];
	return (await agendaOf(db, conferenceId)).filter((s) => takesSignups(s) && !isOver(s, now));
}

/** A session the registration form could not sign up for, and why. */
export interface SessionNotTaken {
	sessionId: number;
	reason: string;
}

/**
 * Signs a new registration up for the sessions ticked on the form, in the registration's own
 * transaction (run it under `capacityLock` and every `sessionSeatLock`). A session that refuses
 * — full since the form was loaded, most likely — does not cost the registration: the category
 * seat is the scarce one and the form is long, so the person is registered and told which
 * sessions were not taken (the ticket page offers the others). The refusals are checked before
 * any write, so nothing of them is left in the transaction.
 */
export async function signUpAtRegistration(
	tx: DbOrTx,
	holder: SignupHolder,
	sessionIds: readonly number[],
	now: Date
): Promise<{ taken: number[]; notTaken: SessionNotTaken[] }> {
	const taken: number[] = [];
	const notTaken: SessionNotTaken[] = [];
	for (const sessionId of [...new Set(sessionIds)].sort((a, b) => a - b)) {
		try {
			await signUp(tx, holder, sessionId, now);
			taken.push(sessionId);
		} catch (error) {
			if (!(error instanceof AppError)) throw error;
			notTaken.push({ sessionId, reason: error.reason });
		}
	}
	return { taken, notTaken };
}

/** The registrations signed up for a session, earliest first, with their registration. */
export async function signupRegistrations(db: DbOrTx, sessionId: number) {
	const { registrations: r, sessionSignups: u } = tables(db);
	return db
		.select({ signedUpAt: u.createdAt, registration: r })
		.from(u)
		.innerJoin(r, eq(r.id, u.registrationId))
		.where(eq(u.sessionId, sessionId))
		.orderBy(asc(u.createdAt), asc(r.id));
}
