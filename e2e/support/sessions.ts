import { expect } from '@playwright/test';
import { sqlite, sqliteValue } from './processes.ts';
import { SHARED_DATABASE } from './editions.ts';

/*
 * A session of the agenda seeded behind the apps' backs, with its door and its sign-ups: the
 * agenda console and the sign-up pages are journeys of their own, and the door's journey should
 * not depend on them. Names are the caller's own (unique), so parallel journeys do not meet.
 */

export interface SeededSession {
	sessionId: number;
	checkpointId: number;
}

export function seedSessionWithGate(
	session: {
		conferenceId: string;
		titleZh: string;
		hallZh: string;
		gateZh: string;
		capacity: number | null;
		signupRequired: boolean;
		/** Epoch ms. */
		startsAt: number;
		endsAt: number;
		signedUp: number[];
	},
	database = SHARED_DATABASE
): SeededSession {
	const q = (text: string) => `'${text.replaceAll("'", "''")}'`;
	const now = Date.now();
	const sessionOf = `(SELECT id FROM agenda_sessions WHERE conference_id = ${q(session.conferenceId)} AND title_zh = ${q(session.titleZh)})`;
	expect(
		sqlite(database, [
			`INSERT INTO agenda_sessions (conference_id, kind, title_zh, title_en, starts_at, ends_at, hall_zh, hall_en,
				capacity, allowed_categories, signup_required, language, description_zh, description_en, created_at)
			 VALUES (${q(session.conferenceId)}, 'sub_forum', ${q(session.titleZh)}, ${q(session.titleZh)},
				${session.startsAt}, ${session.endsAt}, ${q(session.hallZh)}, ${q(session.hallZh)},
				${session.capacity ?? 'NULL'}, NULL, ${session.signupRequired ? 1 : 0}, 'zh', '', '', ${now})`,
			`INSERT INTO checkpoints (conference_id, name_zh, name_en, allowed_categories, entry_rule, print_badge, active, session_id, created_at)
			 VALUES (${q(session.conferenceId)}, ${q(session.gateZh)}, ${q(session.gateZh)},
				'["visitor","delegate","exhibitor","media","vip"]', 'once_per_day', 0, 1, ${sessionOf}, ${now})`,
			...session.signedUp.map(
				(registrationId) =>
					`INSERT INTO session_signups (session_id, registration_id, created_at) VALUES (${sessionOf}, ${registrationId}, ${now})`
			)
		])
	).toBe(0);
	const sessionId = Number(
		sqliteValue(
			database,
			`SELECT id FROM agenda_sessions WHERE conference_id = ${q(session.conferenceId)} AND title_zh = ${q(session.titleZh)}`
		)
	);
	const checkpointId = Number(
		sqliteValue(database, `SELECT id FROM checkpoints WHERE session_id = ${sessionId}`)
	);
	return { sessionId, checkpointId };
}
