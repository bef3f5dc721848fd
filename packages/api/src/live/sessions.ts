import { sql } from 'drizzle-orm';
import { rows, type DbOrTx, type schema } from '@huizhan/db';
import { agendaOf, type AgendaSession } from '../services/agenda.ts';
import type { VersionProbe } from './watcher.ts';

/*
 * The sessions on the live pages: what runs in each hall now and what comes next, with the
 * people in the room against its seats, and for leadership which forums drew people. Attendance
 * is the distinct people with a standing admission (not undone) at any of the session's gates —
 * the same count the door holds the capacity to (`sessionDoorRefusal`).
 */

export interface SessionLive {
	id: number;
	kind: schema.SessionKind;
	titleZh: string;
	titleEn: string;
	hallZh: string;
	hallEn: string;
	startsAt: string;
	endsAt: string;
	capacity: number | null;
	signedUp: number;
	/** People in the room; null for a session no gate is the door of (nobody counts it). */
	attendance: number | null;
	/** Attendance over capacity, 0–1 (above 1 never: the door holds it); null without either. */
	fillRate: number | null;
}

export interface SessionsLive {
	conferenceId: string;
	/** Running now: started, not yet ended. */
	now: SessionLive[];
	/** The sessions that start next (all those starting at the next start time). */
	next: SessionLive[];
	/** Sessions with a gate, the best attended first (then the fuller, then the earlier). */
	ranking: SessionLive[];
}

/** Distinct people standing admitted per session, for the sessions of these editions. */
async function attendanceBySession(
	db: DbOrTx,
	conferenceIds: readonly string[]
): Promise<Map<number, number>> {
	if (conferenceIds.length === 0) return new Map();
	const counted = await rows<{ session_id: number; n: number | string }>(
		db,
		sql`SELECT g.session_id, COUNT(DISTINCT x.registration_id) AS n
			FROM checkpoints g JOIN scans x ON x.checkpoint_id = g.id
			WHERE g.session_id IS NOT NULL
				AND g.conference_id IN (${sql.join(
					conferenceIds.map((id) => sql`${id}`),
					sql`, `
				)})
				AND x.entry_key IS NOT NULL AND x.undone_by IS NULL
			GROUP BY g.session_id`
	);
	return new Map(counted.map((c) => [Number(c.session_id), Number(c.n)]));
}

async function gatedSessions(db: DbOrTx, conferenceIds: readonly string[]): Promise<Set<number>> {
	if (conferenceIds.length === 0) return new Set();
	const gated = await rows<{ session_id: number }>(
		db,
		sql`SELECT DISTINCT session_id FROM checkpoints
			WHERE session_id IS NOT NULL AND conference_id IN (${sql.join(
				conferenceIds.map((id) => sql`${id}`),
				sql`, `
			)})`
	);
	return new Set(gated.map((g) => Number(g.session_id)));
}

const line = (session: AgendaSession, attendance: number | null): SessionLive => ({
	id: session.id,
	kind: session.kind,
	titleZh: session.titleZh,
	titleEn: session.titleEn,
	hallZh: session.hallZh,
	hallEn: session.hallEn,
	startsAt: session.startsAt.toISOString(),
	endsAt: session.endsAt.toISOString(),
	capacity: session.capacity,
	signedUp: session.signedUp,
	attendance,
	fillRate:
		attendance !== null && session.capacity !== null
			? Math.min(1, attendance / session.capacity)
			: null
});

/** Each edition's sessions now, next and ranked, as of `now`. */
export async function sessionFigures(
	db: DbOrTx,
	conferenceIds: readonly string[],
	now: Date
): Promise<SessionsLive[]> {
	const [attendance, gated] = await Promise.all([
		attendanceBySession(db, conferenceIds),
		gatedSessions(db, conferenceIds)
	]);
	const at = now.getTime();
	const figures: SessionsLive[] = [];
	for (const conferenceId of conferenceIds) {
		const sessions = (await agendaOf(db, conferenceId)).map((s) =>
			line(s, gated.has(s.id) ? (attendance.get(s.id) ?? 0) : null)
		);
		const running = sessions.filter(
			(s) => Date.parse(s.startsAt) <= at && at < Date.parse(s.endsAt)
		);
		const upcoming = sessions.filter((s) => Date.parse(s.startsAt) > at);
		const nextStart = upcoming[0]?.startsAt;
		figures.push({
			conferenceId,
			now: running,
			next: upcoming.filter((s) => s.startsAt === nextStart),
			ranking: sessions
				.filter((s) => s.attendance !== null)
				.sort(
					(a, b) =>
						b.attendance! - a.attendance! ||
						(b.fillRate ?? -1) - (a.fillRate ?? -1) ||
						a.startsAt.localeCompare(b.startsAt) ||
						a.id - b.id
				)
		});
	}
	return figures;
}

/**
 * What moves the sessions' figures besides the scans (already probed): the clock passing a
 * session's start or end, and edits of the agenda and of the gates. The minute, on the database's
 * own clock: sessions start and end on the minute, and an edit shows within one. A probe reading
 * `agenda_sessions` or `checkpoints` would need those tables to notify on PostgreSQL (their
 * triggers are not in the migrations yet), or the live pages would hear of it only by the slow
 * timer anyway.
 */
export const SESSION_PROBES: readonly VersionProbe[] = [
	{
		name: 'minute',
		sql: {
			sqlite: `strftime('%Y-%m-%dT%H:%M', 'now')`,
			postgres: `to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI')`
		}
	}
];
