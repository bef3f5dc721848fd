import { createTestDb } from '@huizhan/db/testing';
import { beforeEach, expect, test } from 'vitest';
import { tables, type Db } from '@huizhan/db';
import {
	createSession,
	endSession,
	purgeExpiredSessions,
	resolveSession,
	SESSION_ABSOLUTE_MS,
	SESSION_IDLE_MS
} from './sessions.ts';
import { manualClock } from '../test-support.ts';

let db: Db;
const clock = manualClock();

beforeEach(async () => {
	({ db } = await createTestDb());
	const t = tables(db);
	const [user] = await db
		.insert(t.staffUsers)
		.values({ login: 'door1', displayName: '检票员', passwordHash: '$argon2id$placeholder' })
		.returning();
	await db.insert(t.staffUserRoles).values({ userId: user!.id, role: 'door' });
});

test('a session ends after 12 idle hours, and stays alive while it is used', async () => {
	const { token } = await createSession(db, 1, '10.0.0.1', clock.now());
	for (let hour = 0; hour < 30; hour += 6) {
		clock.advance(6 * 60 * 60 * 1000);
		expect((await resolveSession(db, token, clock.now()))?.login).toBe('door1');
	}
	clock.advance(SESSION_IDLE_MS + 1);
	expect(await resolveSession(db, token, clock.now())).toBeNull();
	expect(await db.select().from(tables(db).staffSessions)).toHaveLength(0);
});

test('a session ends 7 days after sign-in however much it is used', async () => {
	const start = clock.now().getTime();
	const { token } = await createSession(db, 1, '10.0.0.1', clock.now());
	while (clock.now().getTime() - start < SESSION_ABSOLUTE_MS - 60 * 60 * 1000) {
		clock.advance(60 * 60 * 1000);
		expect(await resolveSession(db, token, clock.now())).not.toBeNull();
	}
	clock.advance(60 * 60 * 1000);
	expect(await resolveSession(db, token, clock.now())).toBeNull();
});

test('signing out makes the token useless', async () => {
	const { token } = await createSession(db, 1, '10.0.0.1', clock.now());
	expect(await endSession(db, token)).toBe(1);
	expect(await resolveSession(db, token, clock.now())).toBeNull();
});

test('a disabled user’s session stops working at once', async () => {
	const { token } = await createSession(db, 1, '10.0.0.1', clock.now());
	await db.update(tables(db).staffUsers).set({ disabledAt: clock.now() });
	expect(await resolveSession(db, token, clock.now())).toBeNull();
});

test('unknown, empty and absurdly long tokens resolve to nobody', async () => {
	await createSession(db, 1, '10.0.0.1', clock.now());
	expect(await resolveSession(db, 'made-up', clock.now())).toBeNull();
	expect(await resolveSession(db, undefined, clock.now())).toBeNull();
	expect(await resolveSession(db, 'x'.repeat(10_000), clock.now())).toBeNull();
});

test('expired sessions are purged', async () => {
	await createSession(db, 1, '10.0.0.1', clock.now());
	clock.advance(SESSION_IDLE_MS + 1);
	await createSession(db, 1, '10.0.0.1', clock.now());
	expect(await purgeExpiredSessions(db, clock.now())).toBe(1);
	expect(await db.select().from(tables(db).staffSessions)).toHaveLength(1);
});
