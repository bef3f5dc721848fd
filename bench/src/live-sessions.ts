import { performance } from 'node:perf_hooks';
import { createDb, tables, type Db } from '@huizhan/db';
import { live } from '@huizhan/api';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase, createScratchPostgres, type DatabaseAt } from './lib/scratch.ts';
import type { BenchSettings } from './settings.ts';

/*
 * What the sessions add to the live snapshot (live/sessions.ts): the snapshot is rebuilt on every
 * change (each scan, during the morning rush), so its cost matters. With 20 sessions, each with
 * its door, and 10,000 standing admissions at those doors, the snapshot is built with and without
 * the sessions' part, on SQLite and on PostgreSQL.
 */

const SESSIONS = 20;
const ADMISSIONS = 10_000;
const WARM_UP_RUNS = 3;
const TIMED_RUNS = 20;
const CONFERENCE = 'wsc-2024';
const MORNING = new Date('2024-11-03T09:00:00+08:00');
const HOUR = 60 * 60 * 1000;

async function seedSessions(db: Db): Promise<void> {
	const { agendaSessions, checkpoints, registrations, scans, staffUsers } = tables(db);
	const [door] = await db
		.insert(staffUsers)
		.values({ login: 'bench-door', displayName: '检票员', passwordHash: '$argon2id$not-used-here' })
		.returning({ id: staffUsers.id });
	const gates: number[] = [];
	for (let i = 0; i < SESSIONS; i++) {
		const [session] = await db
			.insert(agendaSessions)
			.values({
				conferenceId: CONFERENCE,
				kind: 'sub_forum',
				titleZh: `分论坛${i + 1}`,
				titleEn: `Sub-forum ${i + 1}`,
				startsAt: new Date(MORNING.getTime() + (i % 4) * 2 * HOUR),
				endsAt: new Date(MORNING.getTime() + ((i % 4) * 2 + 2) * HOUR),
				hallZh: `${300 + i}会议室`,
				hallEn: `Room ${300 + i}`,
				capacity: i % 2 === 0 ? 1_000 : null,
				signupRequired: false,
				language: 'zh'
			})
			.returning();
		const [gate] = await db
			.insert(checkpoints)
			.values({
				conferenceId: CONFERENCE,
				nameZh: `分论坛${i + 1}入口`,
				nameEn: `Sub-forum ${i + 1} door`,
				allowedCategories: ['visitor', 'delegate', 'exhibitor', 'media', 'vip'],
				entryRule: 'once_per_conference',
				sessionId: session!.id
			})
			.returning();
		gates.push(gate!.id);
	}
	const people: number[] = [];
	for (let start = 0; start < ADMISSIONS; start += 500) {
		const batch = await db
			.insert(registrations)
			.values(
				Array.from({ length: Math.min(500, ADMISSIONS - start) }, (_, k) => {
					const n = start + k;
					return {
						conferenceId: CONFERENCE,
						category: 'visitor' as const,
						name: `听众${n}`,
						organisation: '郑州大学',
						title: '',
						mobile: `+86139${String(n).padStart(8, '0')}`,
						country: 'CN',
						language: 'zh-CN' as const,
						consentAt: MORNING,
						status: 'confirmed' as const,
						reference: `WSC-B${String(n).padStart(5, '0')}`,
						ticketSecret: `bench-sessions-${n}`
					};
				})
			)
			.returning({ id: registrations.id });
		people.push(...batch.map((b) => b.id));
	}
	for (let start = 0; start < people.length; start += 500) {
		await db.insert(scans).values(
			people.slice(start, start + 500).map((registrationId, k) => {
				const gate = gates[(start + k) % SESSIONS]!;
				return {
					conferenceId: CONFERENCE,
					checkpointId: gate,
					registrationId,
					kind: 'scan' as const,
					reason: 'ok' as const,
					entryKey: `${gate}:${registrationId}:all`,
					deviceId: 'bench-sessions',
					staffId: door!.id,
					nonce: `n${start + k}`,
					scannedAt: MORNING,
					storedAt: MORNING
				};
			})
		);
	}
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1]!;

async function timed(label: string, run: () => Promise<unknown>, signal: AbortSignal) {
	for (let i = 0; i < WARM_UP_RUNS; i++) await run();
	const times: number[] = [];
	for (let i = 0; i < TIMED_RUNS; i++) {
		signal.throwIfAborted();
		const started = performance.now();
		await run();
		times.push(performance.now() - started);
	}
	progress(`${label}: median ${median(times).toFixed(2)} ms over ${TIMED_RUNS} runs`);
	return median(times);
}

async function measure(at: DatabaseAt, dialect: string, signal: AbortSignal): Promise<Figure[]> {
	const { db, close } = await createDb({ ...at, migrate: false });
	try {
		progress(`${dialect}: ${SESSIONS} sessions with a door each, ${ADMISSIONS} admissions`);
		await seedSessions(db);
		const now = new Date(MORNING.getTime() + HOUR);
		const check = await live.liveSnapshot(db, now, { year: 2024 });
		const counted = check.sessions
			?.find((s) => s.conferenceId === CONFERENCE)
			?.ranking.reduce((sum, s) => sum + (s.attendance ?? 0), 0);
		// The figures must be right before their time means anything.
		if (counted !== ADMISSIONS) throw new Error(`the sessions count ${counted}, not ${ADMISSIONS}`);
		const without = await timed(
			`${dialect} snapshot without sessions`,
			() => live.liveSnapshot(db, now, { year: 2024, sessions: false }),
			signal
		);
		const withSessions = await timed(
			`${dialect} snapshot with sessions`,
			() => live.liveSnapshot(db, now, { year: 2024 }),
			signal
		);
		return [
			{
				bench: `live_snapshot_sessions_${dialect}`,
				value: round(withSessions, 2),
				unit: 'ms',
				baseline: round(without, 2)
			}
		];
	} finally {
		await close();
	}
}

export async function liveSessionsSnapshot(settings: BenchSettings): Promise<Figure[]> {
	const figures: Figure[] = [];
	const sqlite = await createScratchDatabase();
	try {
		figures.push(...(await measure({ path: sqlite.databasePath }, 'sqlite', settings.signal)));
	} finally {
		await sqlite.remove();
	}
	const postgres = await createScratchPostgres();
	try {
		figures.push(...(await measure({ url: postgres.url }, 'pg', settings.signal)));
	} finally {
		await postgres.remove();
	}
	return figures;
}
