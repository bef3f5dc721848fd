import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { schema, tables, type DbOrTx } from '@huizhan/db';

/*
 * Reading an edition's agenda: its sessions in time order with their speakers and how many
 * signed up. The console, the public agenda, the ticket page's sign-up, the door and the live
 * pages all start from here, so a session reads the same everywhere.
 */

export type SessionRow = typeof schema.agendaSessions.$inferSelect;
export type Speaker = typeof schema.sessionSpeakers.$inferSelect;

export interface AgendaSession extends SessionRow {
	speakers: Speaker[];
	/** Sign-ups so far (报名人数), against `capacity`. */
	signedUp: number;
}

/** An agenda's lock key: every write that must see the whole agenda (overlaps) holds it. */
export const agendaLock = (conferenceId: string) => `agenda:${conferenceId}`;

/** A session's seat lock: every sign-up holds it, so the last seat goes once. */
export const sessionSeatLock = (sessionId: number) => `session-seats:${sessionId}`;

/** The sessions of an edition, by start time then hall, each with its speakers and sign-ups. */
export async function agendaOf(db: DbOrTx, conferenceId: string): Promise<AgendaSession[]> {
	const { agendaSessions: s } = tables(db);
	const sessions = await db
		.select()
		.from(s)
		.where(eq(s.conferenceId, conferenceId))
		.orderBy(asc(s.startsAt), asc(s.hallZh), asc(s.id));
	return withDetails(db, sessions);
}

/** One session with its speakers and sign-ups, or null when there is none by that id. */
export async function sessionById(db: DbOrTx, sessionId: number): Promise<AgendaSession | null> {
	const { agendaSessions: s } = tables(db);
	const found = await db.select().from(s).where(eq(s.id, sessionId));
	const [session] = await withDetails(db, found);
	return session ?? null;
}

/**
 * Sign-ups per session, for the sessions given (sessions nobody signed up for are left out).
 * Only registrations that hold a seat count: a cancelled or rejected one frees its forum seats
 * the moment its status changes, whichever way it was cancelled.
 */
export async function signupCounts(
	db: DbOrTx,
	sessionIds: readonly number[]
): Promise<Map<number, number>> {
	if (sessionIds.length === 0) return new Map();
	const { registrations: r, sessionSignups: u } = tables(db);
	const counted = await db
		.select({ sessionId: u.sessionId, n: count() })
		.from(u)
		.innerJoin(r, eq(r.id, u.registrationId))
		.where(
			and(inArray(u.sessionId, [...sessionIds]), inArray(r.status, schema.SEAT_HOLDING_STATUSES))
		)
		.groupBy(u.sessionId);
	return new Map(counted.map((c) => [c.sessionId, c.n]));
}

/** The ids of the sessions a registration signed up for. */
export async function signupsOf(db: DbOrTx, registrationId: number): Promise<number[]> {
	const { sessionSignups: u } = tables(db);
	const found = await db
		.select({ sessionId: u.sessionId })
		.from(u)
		.where(eq(u.registrationId, registrationId));
	return found.map((f) => f.sessionId);
}

/** Whether a registration signed up for a session. */
export async function isSignedUp(
	db: DbOrTx,
	sessionId: number,
	registrationId: number
): Promise<boolean> {
	const { sessionSignups: u } = tables(db);
	const found = await db
		.select({ sessionId: u.sessionId })
		.from(u)
		.where(and(eq(u.sessionId, sessionId), eq(u.registrationId, registrationId)));
	return found.length > 0;
}

async function withDetails(db: DbOrTx, sessions: SessionRow[]): Promise<AgendaSession[]> {
	if (sessions.length === 0) return [];
	const ids = sessions.map((s) => s.id);
	const { sessionSpeakers: sp } = tables(db);
	const speakers = await db
		.select()
		.from(sp)
		.where(inArray(sp.sessionId, ids))
		.orderBy(asc(sp.sessionId), asc(sp.position), asc(sp.id));
	const counts = await signupCounts(db, ids);
	const bySession = new Map<number, Speaker[]>();
	for (const speaker of speakers) {
		const list = bySession.get(speaker.sessionId);
		if (list) list.push(speaker);
		else bySession.set(speaker.sessionId, [speaker]);
	}
	return sessions.map((session) => ({
		...session,
		speakers: bySession.get(session.id) ?? [],
		signedUp: counts.get(session.id) ?? 0
	}));
}
