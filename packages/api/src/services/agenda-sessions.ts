import { and, asc, count, eq, ne } from 'drizzle-orm';
import { lockedTransaction, tables, type Db, type DbOrTx, type Tx } from '@huizhan/db';
import { sessionsOverlap } from '@huizhan/ledger';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import {
	sessionSlot,
	type SessionInput,
	type SessionSettings,
	type SessionUpdateInput,
	type SetSpeakersInput,
	type SpeakerInput
} from '../schemas/agenda.ts';
import {
	agendaLock,
	agendaOf,
	sessionById,
	sessionSeatLock,
	type AgendaSession
} from './agenda.ts';
import { recordAudit } from './audit.ts';

/** Every refusal of the agenda's writes, for the console's words (a test checks each has them). */
export const AGENDA_REFUSALS = [
	'agenda_edition_closed',
	'session_outside_edition',
	'category_not_offered',
	'session_overlap',
	'session_not_found',
	'session_capacity_below_signups',
	'session_has_gate',
	'session_has_ceremony',
	'session_has_signups',
	'session_time_order',
	'session_capacity_invalid',
	'session_categories_required',
	'session_kind_unknown',
	'session_language_unknown',
	'time_format',
	'speakers_too_many'
] as const;

/*
 * The console's writes to an edition's agenda (议程): sessions and their speakers. Every write
 * holds the edition's agenda lock, so the overlap check sees every other session of the hall
 * (two admins creating sessions in one hall at once cannot both succeed); a write that changes
 * what sign-ups depend on (capacity, deleting) also holds the session's seat lock, which every
 * sign-up takes. Reading stays with `agenda.ts`.
 */

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

const BEIJING_MS = 8 * 60 * 60 * 1000;

/** An instant's day and clock time in Beijing: `2027-11-03`, `09:30`. */
export function beijingParts(at: Date): { day: string; time: string } {
	const iso = new Date(at.getTime() + BEIJING_MS).toISOString();
	return { day: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** A session as the console and the API show it: instants as ISO text, with Beijing day and times. */
export function sessionView(session: AgendaSession) {
	const start = beijingParts(session.startsAt);
	return {
		id: session.id,
		conferenceId: session.conferenceId,
		kind: session.kind,
		titleZh: session.titleZh,
		titleEn: session.titleEn,
		trackZh: session.trackZh,
		trackEn: session.trackEn,
		startsAt: session.startsAt.toISOString(),
		endsAt: session.endsAt.toISOString(),
		day: start.day,
		startTime: start.time,
		endTime: beijingParts(session.endsAt).time,
		hallZh: session.hallZh,
		hallEn: session.hallEn,
		capacity: session.capacity,
		allowedCategories: session.allowedCategories,
		signupRequired: session.signupRequired,
		language: session.language,
		descriptionZh: session.descriptionZh,
		descriptionEn: session.descriptionEn,
		signedUp: session.signedUp,
		speakers: session.speakers.map((s) => ({
			nameZh: s.nameZh,
			nameEn: s.nameEn,
			titleZh: s.titleZh,
			titleEn: s.titleEn,
			organisationZh: s.organisationZh,
			organisationEn: s.organisationEn
		}))
	};
}
export type SessionView = ReturnType<typeof sessionView>;

/** An edition's sessions for the console, in time order, with the gates that belong to each. */
export async function listSessions(db: Db, conferenceId: string) {
	const { checkpoints } = tables(db);
	const gates = await db
		.select({ id: checkpoints.id, sessionId: checkpoints.sessionId, nameZh: checkpoints.nameZh })
		.from(checkpoints)
		.where(eq(checkpoints.conferenceId, conferenceId))
		.orderBy(asc(checkpoints.id));
	return (await agendaOf(db, conferenceId)).map((session) => ({
		...sessionView(session),
		gates: gates.filter((g) => g.sessionId === session.id).map((g) => g.nameZh)
	}));
}

/** One session for the console's edit page, with its edition's dates and categories. */
export async function getSession(db: Db, id: number) {
	const session = await sessionById(db, id);
	if (!session) throw new AppError('NOT_FOUND', 'session_not_found', `no session ${id}`);
	const listed = (await listSessions(db, session.conferenceId)).find((s) => s.id === id);
	if (!listed) throw new AppError('NOT_FOUND', 'session_not_found', `no session ${id}`);
	return listed;
}

/**
 * The edition a session belongs to, refused when it is over: a closed or archived edition's
 * agenda is history, as its delegations are.
 */
async function editableEdition(tx: DbOrTx, conferenceId: string) {
	const { conferences } = tables(tx);
	const [edition] = await tx.select().from(conferences).where(eq(conferences.id, conferenceId));
	if (!edition) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`, {
			field: 'conferenceId'
		});
	}
	if (edition.status === 'closed' || edition.status === 'archived') {
		throw new AppError('CONFLICT', 'agenda_edition_closed', `${conferenceId} is over`);
	}
	return edition;
}

type SessionFields = Omit<SessionInput, 'conferenceId'>;

/**
 * Every rule a session's fields must meet against its edition: a day of the edition, categories
 * it has, and no other session in the same hall at the same time (touching ends are fine).
 */
async function checkAgainstEdition(
	tx: DbOrTx,
	edition: { id: string; startsOn: string; endsOn: string },
	fields: SessionFields,
	exceptId?: number
) {
	if (fields.day < edition.startsOn || fields.day > edition.endsOn) {
		throw new AppError(
			'BAD_REQUEST',
			'session_outside_edition',
			`${fields.day} is not a day of ${edition.id} (${edition.startsOn}–${edition.endsOn})`,
			{ field: 'day' }
		);
	}
	if (fields.allowedCategories !== null) {
		const { conferenceCategories: c } = tables(tx);
		const offered = new Set(
			(await tx.select({ category: c.category }).from(c).where(eq(c.conferenceId, edition.id))).map(
				(r) => r.category
			)
		);
		if (fields.allowedCategories.some((category) => !offered.has(category))) {
			throw new AppError(
				'BAD_REQUEST',
				'category_not_offered',
				`${edition.id} lacks some of the categories ${fields.allowedCategories.join(', ')}`,
				{ field: 'allowedCategories' }
			);
		}
	}
	const slot = sessionSlot(fields);
	const { agendaSessions: s } = tables(tx);
	const hall = await tx
		.select()
		.from(s)
		.where(
			and(
				eq(s.conferenceId, edition.id),
				eq(s.hallZh, fields.hallZh),
				exceptId === undefined ? undefined : ne(s.id, exceptId)
			)
		)
		.orderBy(asc(s.startsAt));
	const clash = hall.find((other) =>
		sessionsOverlap(
			{ startsAt: slot.startsAt.getTime(), endsAt: slot.endsAt.getTime() },
			{ startsAt: other.startsAt.getTime(), endsAt: other.endsAt.getTime() }
		)
	);
	if (clash) {
		const from = beijingParts(clash.startsAt);
		const to = beijingParts(clash.endsAt);
		throw new AppError(
			'CONFLICT',
			'session_overlap',
			`${fields.hallZh} holds ${clash.titleZh} (${clash.titleEn}) on ${from.day} ${from.time}–${to.time}`,
			{
				clash: {
					id: clash.id,
					titleZh: clash.titleZh,
					titleEn: clash.titleEn,
					hallZh: clash.hallZh,
					hallEn: clash.hallEn,
					day: from.day,
					startTime: from.time,
					endTime: to.time
				}
			}
		);
	}
	return slot;
}

const stored = (fields: SessionFields, slot: { startsAt: Date; endsAt: Date }) => ({
	kind: fields.kind,
	titleZh: fields.titleZh,
	titleEn: fields.titleEn,
	trackZh: fields.trackZh,
	trackEn: fields.trackEn,
	startsAt: slot.startsAt,
	endsAt: slot.endsAt,
	hallZh: fields.hallZh,
	hallEn: fields.hallEn,
	capacity: fields.capacity,
	allowedCategories: fields.allowedCategories,
	signupRequired: fields.signupRequired,
	language: fields.language,
	descriptionZh: fields.descriptionZh,
	descriptionEn: fields.descriptionEn
});

async function viewOf(tx: DbOrTx, conferenceId: string, id: number): Promise<SessionView> {
	const session = (await agendaOf(tx, conferenceId)).find((s) => s.id === id);
	if (!session) throw new Error(`session ${id} was not stored`);
	return sessionView(session);
}

/** Adds a session to an edition's agenda. Audited. */
export async function createSession(db: Db, input: SessionInput, actor: Actor) {
	return lockedTransaction(db, [agendaLock(input.conferenceId)], async (tx) => {
		const { conferenceId, ...fields } = input;
		const edition = await editableEdition(tx, conferenceId);
		const slot = await checkAgainstEdition(tx, edition, fields);
		const [row] = await tx
			.insert(tables(tx).agendaSessions)
			.values({ ...stored(fields, slot), conferenceId, createdAt: actor.now })
			.returning();
		if (!row) throw new Error('the session was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'session_created',
				subjectType: 'session',
				subjectId: row.id,
				detail: { conferenceId, titleZh: row.titleZh, hallZh: row.hallZh, day: fields.day }
			},
			actor.now
		);
		return viewOf(tx, conferenceId, row.id);
	});
}

async function sessionRow(tx: DbOrTx, id: number) {
	const { agendaSessions: s } = tables(tx);
	const [row] = await tx.select().from(s).where(eq(s.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'session_not_found', `no session ${id}`);
	return row;
}

/**
 * Runs `work` holding the agenda lock of the session's edition and the session's seat lock. The
 * edition is read before the locks (a session never changes edition), then the session again
 * under them.
 */
async function sessionWrite<T>(
	db: Db,
	id: number,
	work: (tx: Tx, session: Awaited<ReturnType<typeof sessionRow>>) => Promise<T>
): Promise<T> {
	const { conferenceId } = await sessionRow(db, id);
	return lockedTransaction(db, [agendaLock(conferenceId), sessionSeatLock(id)], async (tx) =>
		work(tx, await sessionRow(tx, id))
	);
}

async function signupsOfSession(tx: DbOrTx, id: number): Promise<number> {
	const { sessionSignups: u } = tables(tx);
	const [counted] = await tx.select({ n: count() }).from(u).where(eq(u.sessionId, id));
	return counted?.n ?? 0;
}

const COMPARED = [
	'kind',
	'titleZh',
	'titleEn',
	'trackZh',
	'trackEn',
	'startsAt',
	'endsAt',
	'hallZh',
	'hallEn',
	'capacity',
	'allowedCategories',
	'signupRequired',
	'language',
	'descriptionZh',
	'descriptionEn'
] as const;

const comparable = (v: unknown) => (v instanceof Date ? v.getTime() : JSON.stringify(v ?? null));

/**
 * Changes a session. Its capacity cannot fall below the sign-ups already taken (they were
 * promised a seat). Audited with the fields that changed.
 */
export async function updateSession(db: Db, input: SessionUpdateInput, actor: Actor) {
	return sessionWrite(db, input.id, async (tx, before) => {
		const { id, ...fields } = input;
		const edition = await editableEdition(tx, before.conferenceId);
		const slot = await checkAgainstEdition(tx, edition, fields, id);
		if (fields.capacity !== null) {
			const taken = await signupsOfSession(tx, id);
			if (fields.capacity < taken) {
				throw new AppError(
					'CONFLICT',
					'session_capacity_below_signups',
					`${taken} people signed up already`,
					{ field: 'capacity', signedUp: taken }
				);
			}
		}
		const next = stored(fields, slot);
		const changed = COMPARED.filter((k) => comparable(before[k]) !== comparable(next[k]));
		const { agendaSessions: s } = tables(tx);
		await tx
			.update(s)
			.set({ ...next, updatedAt: actor.now })
			.where(eq(s.id, id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'session_updated',
				subjectType: 'session',
				subjectId: id,
				detail: { conferenceId: before.conferenceId, changed }
			},
			actor.now
		);
		return viewOf(tx, before.conferenceId, id);
	});
}

/**
 * Deletes a session with its speakers. Refused while a gate belongs to it (the door would lose
 * its rule mid-event: move the gate first) or while it has a signing ceremony's running order.
 * Sign-ups are cancelled with it only when the admin confirms their number: a forum that is
 * called off is real, so a plain refusal would leave the organiser stuck, but nobody's seat
 * should vanish without the admin having seen how many there are.
 */
export async function deleteSession(
	db: Db,
	input: { id: number; confirmSignups?: number | undefined },
	actor: Actor
) {
	return sessionWrite(db, input.id, async (tx, session) => {
		await editableEdition(tx, session.conferenceId);
		const { agendaSessions: s, ceremonyItems, checkpoints } = tables(tx);
		const gates = await tx
			.select({ nameZh: checkpoints.nameZh, nameEn: checkpoints.nameEn })
			.from(checkpoints)
			.where(eq(checkpoints.sessionId, session.id));
		if (gates.length > 0) {
			throw new AppError(
				'CONFLICT',
				'session_has_gate',
				`the gate ${gates.map((g) => g.nameZh).join(', ')} belongs to this session`,
				{ gates }
			);
		}
		const [running] = await tx
			.select({ n: count() })
			.from(ceremonyItems)
			.where(eq(ceremonyItems.sessionId, session.id));
		if ((running?.n ?? 0) > 0) {
			throw new AppError(
				'CONFLICT',
				'session_has_ceremony',
				'the session has a signing ceremony running order'
			);
		}
		const signedUp = await signupsOfSession(tx, session.id);
		if (signedUp > 0 && input.confirmSignups !== signedUp) {
			throw new AppError(
				'CONFLICT',
				'session_has_signups',
				`${signedUp} people signed up; confirm their number to cancel them with the session`,
				{ signedUp }
			);
		}
		await tx.delete(s).where(eq(s.id, session.id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'session_deleted',
				subjectType: 'session',
				subjectId: session.id,
				detail: {
					conferenceId: session.conferenceId,
					titleZh: session.titleZh,
					signupsCancelled: signedUp
				}
			},
			actor.now
		);
		return { deleted: session.id, signupsCancelled: signedUp };
	});
}

const speakerRows = (sessionId: number, speakers: readonly SpeakerInput[]) =>
	speakers.map((s, position) => ({ ...s, sessionId, position }));

/** Replaces a session's speakers with the list given, in its order. Audited. */
export async function setSpeakers(db: Db, input: SetSpeakersInput, actor: Actor) {
	return sessionWrite(db, input.sessionId, async (tx, session) => {
		await editableEdition(tx, session.conferenceId);
		const { sessionSpeakers: sp } = tables(tx);
		await tx.delete(sp).where(eq(sp.sessionId, session.id));
		if (input.speakers.length > 0) {
			await tx.insert(sp).values(speakerRows(session.id, input.speakers));
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'session_speakers_set',
				subjectType: 'session',
				subjectId: session.id,
				detail: { conferenceId: session.conferenceId, speakers: input.speakers.length }
			},
			actor.now
		);
		return viewOf(tx, session.conferenceId, session.id);
	});
}

/** An edition's sessions as its file carries them (and a copy takes them): no sign-ups. */
export async function sessionSettingsOf(db: DbOrTx, conferenceId: string) {
	return (await agendaOf(db, conferenceId)).map((session) => {
		const { day, startTime, endTime, speakers, ...fields } = sessionView(session);
		return {
			kind: fields.kind,
			titleZh: fields.titleZh,
			titleEn: fields.titleEn,
			trackZh: fields.trackZh,
			trackEn: fields.trackEn,
			day,
			startTime,
			endTime,
			hallZh: fields.hallZh,
			hallEn: fields.hallEn,
			capacity: fields.capacity,
			allowedCategories: fields.allowedCategories,
			signupRequired: fields.signupRequired,
			language: fields.language,
			descriptionZh: fields.descriptionZh,
			descriptionEn: fields.descriptionEn,
			speakers,
			/** The source session, for a copy to carry its gates along; not written to a file. */
			sourceId: session.id
		};
	});
}

/**
 * Stores sessions into another edition, each moved by `dayShift` days (the difference between
 * the editions' first days), in the caller's transaction. Returns the new id of each given
 * session by its index. The new edition's agenda is empty, so no overlap can arise.
 */
export async function insertSessions(
	tx: DbOrTx,
	conferenceId: string,
	sessions: readonly Omit<SessionSettings, never>[],
	dayShift: number,
	now: Date
): Promise<number[]> {
	const ids: number[] = [];
	const shift = dayShift * 24 * 60 * 60 * 1000;
	for (const { speakers, ...fields } of sessions) {
		const slot = sessionSlot(fields);
		const [row] = await tx
			.insert(tables(tx).agendaSessions)
			.values({
				...stored(fields, {
					startsAt: new Date(slot.startsAt.getTime() + shift),
					endsAt: new Date(slot.endsAt.getTime() + shift)
				}),
				conferenceId,
				createdAt: now
			})
			.returning({ id: tables(tx).agendaSessions.id });
		if (!row) throw new Error('a copied session was not stored');
		if (speakers.length > 0) {
			await tx.insert(tables(tx).sessionSpeakers).values(speakerRows(row.id, speakers));
		}
		ids.push(row.id);
	}
	return ids;
}
