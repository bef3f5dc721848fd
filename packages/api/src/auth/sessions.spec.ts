import { beforeEach, expect, test } from 'vitest';
import { createDb, schema, type Db } from '@huizhan/db';
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

beforeEach(() => {
	({ db } = createDb({ path: ':memory:' }));
	const user = db
		.insert(schema.staffUsers)
		.values({ login: 'door1', displayName: '检票员', passwordHash: '$argon2id$placeholder' })
		.returning()
		.get();
	db.insert(schema.staffUserRoles).values({ userId: user.id, role: 'door' }).run();
});

test('a session ends after 12 idle hours, and stays alive while it is used', () => {
	const { token } = createSession(db, 1, '10.0.0.1', clock.now());
	for (let hour = 0; hour < 30; hour += 6) {
		clock.advance(6 * 60 * 60 * 1000);
		expect(resolveSession(db, token, clock.now())?.login).toBe('door1');
	}
	clock.advance(SESSION_IDLE_MS + 1);
	expect(resolveSession(db, token, clock.now())).toBeNull();
	expect(db.select().from(schema.staffSessions).all()).toHaveLength(0);
});

test('a session ends 7 days after sign-in however much it is used', () => {
	const start = clock.now().getTime();
	const { token } = createSession(db, 1, '10.0.0.1', clock.now());
	while (clock.now().getTime() - start < SESSION_ABSOLUTE_MS - 60 * 60 * 1000) {
		clock.advance(60 * 60 * 1000);
		expect(resolveSession(db, token, clock.now())).not.toBeNull();
	}
	clock.advance(60 * 60 * 1000);
	expect(resolveSession(db, token, clock.now())).toBeNull();
});

test('signing out makes the token useless', () => {
	const { token } = createSession(db, 1, '10.0.0.1', clock.now());
	expect(endSession(db, token)).toBe(1);
	expect(resolveSession(db, token, clock.now())).toBeNull();
});

test('a disabled user’s session stops working at once', () => {
	const { token } = createSession(db, 1, '10.0.0.1', clock.now());
	db.update(schema.staffUsers).set({ disabledAt: clock.now() }).run();
	expect(resolveSession(db, token, clock.now())).toBeNull();
});

test('unknown, empty and absurdly long tokens resolve to nobody', () => {
	createSession(db, 1, '10.0.0.1', clock.now());
	expect(resolveSession(db, 'made-up', clock.now())).toBeNull();
	expect(resolveSession(db, undefined, clock.now())).toBeNull();
	expect(resolveSession(db, 'x'.repeat(10_000), clock.now())).toBeNull();
});

test('expired sessions are purged', () => {
	createSession(db, 1, '10.0.0.1', clock.now());
	clock.advance(SESSION_IDLE_MS + 1);
	createSession(db, 1, '10.0.0.1', clock.now());
	expect(purgeExpiredSessions(db, clock.now())).toBe(1);
	expect(db.select().from(schema.staffSessions).all()).toHaveLength(1);
});
