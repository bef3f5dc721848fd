import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, inject, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { createDb, row, tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createTestDb } from '@huizhan/db/testing';
import { createContextInner, type PublicLimits } from '../context.ts';
import { AppError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { createAttendeeCaller } from '../root.ts';
import { agendaOf } from './agenda.ts';

/*
 * Two app instances taking the last seats of one forum: two handles on one database, each with
 * its own pool (PostgreSQL) or connection (SQLite, one file). Only the session's seat lock in the
 * database stands between them: each process's own queue knows nothing of the other's.
 */

const NOW = new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(NOW, 'wsc');

let first: DbHandle;
let second: DbHandle;
let cleanUp: () => Promise<void>;

async function twoInstances(): Promise<[DbHandle, DbHandle, () => Promise<void>]> {
	const handle = await createTestDb();
	if (handle.dialect === 'postgres') {
		const current = await row<{ name: string }>(handle.db, sql`SELECT current_database() AS name`);
		const url = new URL(inject('pgUrl'));
		url.pathname = `/${current!.name}`;
		const other = await createDb({ url: url.toString(), poolSize: 4, migrate: false });
		return [handle, other, () => other.close().then(() => handle.close())];
	}
	await handle.close();
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-signups-'));
	const path = join(dir, 'huizhan.db');
	const one = await createDb({ path, createAs: null });
	const two = await createDb({ path, migrate: false });
	return [
		one,
		two,
		async () => {
			await two.close();
			await one.close();
			rmSync(dir, { recursive: true, force: true });
		}
	];
}

beforeEach(async () => {
	[first, second, cleanUp] = await twoInstances();
	await seedDemo(first.db, NOW);
});

afterEach(() => cleanUp());

const limits = (): PublicLimits => ({
	register: new RateLimiter(1000, 60_000),
	findTicket: new RateLimiter(3, 60_000)
});
const attendeeApi = (handle: DbHandle) =>
	createAttendeeCaller(
		createContextInner({ ...handle, source: '203.0.113.9', now: () => NOW, limits: limits() })
	);

test('two instances, twelve attendees, three seats: exactly three sign-ups', async () => {
	const [forum] = await first.db
		.insert(tables(first.db).agendaSessions)
		.values({
			conferenceId: SENSOR.id,
			kind: 'sub_forum',
			titleZh: '分论坛三',
			titleEn: 'Sub-forum 3',
			startsAt: new Date('2027-04-20T09:00:00+08:00'),
			endsAt: new Date('2027-04-20T12:00:00+08:00'),
			hallZh: '307会议室',
			hallEn: 'Room 307',
			capacity: 3,
			signupRequired: true,
			language: 'zh'
		})
		.returning();
	const apis = [attendeeApi(first), attendeeApi(second)];
	const secrets: string[] = [];
	for (let i = 0; i < 12; i++) {
		const result = await apis[0]!.registration.register({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: `参会者${i}`,
			organisation: '郑州大学',
			mobile: `1390000${String(i).padStart(4, '0')}`,
			consent: true
		});
		if (result.outcome !== 'registered') throw new Error('not registered');
		secrets.push(result.ticketSecret);
	}
	const outcomes = await Promise.all(
		secrets.map((secret, i) =>
			apis[i % 2]!.registration.signUp({ secret, sessionId: forum!.id }).then(
				() => 'signed_up',
				(e: unknown) => (e instanceof AppError ? e.reason : String(e))
			)
		)
	);
	expect(outcomes.filter((o) => o === 'signed_up')).toHaveLength(3);
	expect(outcomes.filter((o) => o === 'session_full')).toHaveLength(9);
	const [session] = await agendaOf(second.db, SENSOR.id);
	expect(session?.signedUp).toBe(3);
});
