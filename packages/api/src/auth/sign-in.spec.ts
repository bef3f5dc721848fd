import { createTestDb } from '@huizhan/db/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { createDb, schema, tables, type Db } from '@huizhan/db';
import { createUser } from '../services/users.ts';
import { manualClock } from '../test-support.ts';
import { ARGON2_CONCURRENCY, ARGON2_MAX_WAITING, verifyPassword } from './passwords.ts';
import { signIn } from './sign-in.ts';
import { createSession, resolveSession, SESSION_IDLE_MS } from './sessions.ts';

/** Every Argon2 verification, counted on its way into the real one. */
const argon2 = vi.hoisted(() => ({ verified: 0, running: 0, mostAtOnce: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
	const real = await importOriginal<typeof import('@node-rs/argon2')>();
	return {
		...real,
		verify: async (...args: Parameters<typeof real.verify>) => {
			argon2.verified++;
			argon2.mostAtOnce = Math.max(argon2.mostAtOnce, ++argon2.running);
			try {
				return await real.verify(...args);
			} finally {
				argon2.running--;
			}
		}
	};
});

const PASSWORD = 'correct horse battery';
let db: Db;
let close: () => Promise<void>;
const clock = manualClock();

async function addUser(login: string, roles: schema.StaffRole[] = ['recorder']) {
	await createUser(
		db,
		{ login, displayName: login, password: PASSWORD, roles },
		{ user: null, source: 'cli', now: clock.now() }
	);
}
const attempt = (login: string, password: string, source = '10.0.0.7') =>
	signIn(db, { login, password, source, now: clock.now() });

/** Makes `n` failed attempts that count, waiting out each delay as a patient guesser would. */
async function failTimes(n: number, login: (i: number) => string, source = '10.0.0.7') {
	let counted = 0;
	let locked = false;
	while (counted < n && !locked) {
		const result = await attempt(login(counted), `wrong-guess-${counted}`, source);
		if (result.ok) throw new Error('a wrong password signed in');
		if (result.reason === 'throttled')
			clock.advance(result.retryAt.getTime() - clock.now().getTime());
		else counted++;
		if (result.reason === 'locked') locked = true;
	}
	return { counted, locked };
}

beforeEach(async () => {
	({ db, close } = await createTestDb());
	Object.assign(argon2, { verified: 0, running: 0, mostAtOnce: 0 });
});

/** `n` attempts sent at once, the right password at (zero-based) `rightAt`. */
const burst = (login: string, n: number, rightAt: number) =>
	Promise.all(
		Array.from({ length: n }, (_, i) => attempt(login, i === rightAt ? PASSWORD : `wrong-${i}-pw`))
	);
afterEach(() => close());

describe('signing in', () => {
	test('the right password gives a session that resolves to the user and their roles', async () => {
		await addUser('zhangwei', ['recorder', 'leader']);
		const result = await attempt('ZhangWei ', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user).toMatchObject({ login: 'zhangwei', roles: ['leader', 'recorder'] });
		expect((await resolveSession(db, result.token, clock.now()))?.login).toBe('zhangwei');
	});

	test('an unknown name and a wrong password get the same answer', async () => {
		await addUser('zhangwei');
		expect(await attempt('nobody', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
		expect(await attempt('zhangwei', 'wrong password!')).toEqual({ ok: false, reason: 'invalid' });
	});

	test('an unknown name costs an Argon2 verification like a wrong password does', async () => {
		await addUser('zhangwei');
		await attempt('warm-up', 'x'); // the dummy hash is computed once, on first use
		const time = async (login: string) => {
			const start = performance.now();
			for (let i = 0; i < 3; i++) await attempt(login, `wrong ${i}`, `10.0.1.${i}`);
			return performance.now() - start;
		};
		const unknown = await time('nobody-here');
		const known = await time('zhangwei');
		// Both run three Argon2id verifications; an unknown name answering in a fraction of the
		// time would reveal which names exist.
		expect(unknown / known).toBeGreaterThan(0.5);
	});

	test('a disabled account cannot sign in, with the same generic answer', async () => {
		await addUser('zhangwei');
		await db.update(tables(db).staffUsers).set({ disabledAt: clock.now() });
		expect(await attempt('zhangwei', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
	});

	test('the database holds only a hash of the session token and an Argon2id hash of the password', async () => {
		await addUser('zhangwei');
		const result = await attempt('zhangwei', PASSWORD);
		if (!result.ok) throw new Error('sign-in failed');
		const sessions = await db.select().from(tables(db).staffSessions);
		expect(sessions).toHaveLength(1);
		expect(sessions[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(sessions)).not.toContain(result.token);
		const users = await db.select().from(tables(db).staffUsers);
		expect(users[0]?.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(JSON.stringify(users)).not.toContain(PASSWORD);
	});

	test('every sign-in gets a new token', async () => {
		await addUser('zhangwei');
		const a = await attempt('zhangwei', PASSWORD);
		const b = await attempt('zhangwei', PASSWORD);
		expect(a.ok && b.ok && a.token !== b.token).toBe(true);
	});
});

describe('throttling', () => {
	test('after 5 failures the next attempt must wait, and the wait grows', async () => {
		await addUser('zhangwei');
		for (let i = 0; i < 5; i++)
			expect((await attempt('zhangwei', 'nope nope nope')).ok).toBe(false);
		const sixth = await attempt('zhangwei', 'nope nope nope');
		expect(sixth).toEqual({ ok: false, reason: 'invalid' });
		const blocked = await attempt('zhangwei', PASSWORD);
		expect(blocked).toMatchObject({ ok: false, reason: 'throttled' });
		if (blocked.ok || blocked.reason === 'invalid') return;
		expect(blocked.retryAt.getTime() - clock.now().getTime()).toBe(1000);

		clock.advance(1000);
		await attempt('zhangwei', 'still wrong pw');
		const again = await attempt('zhangwei', PASSWORD);
		expect(
			again.ok === false &&
				again.reason === 'throttled' &&
				again.retryAt.getTime() - clock.now().getTime()
		).toBe(2000);

		clock.advance(2000);
		expect((await attempt('zhangwei', PASSWORD)).ok).toBe(true);
	});

	test('20 wrong passwords lock the account even against the right one, while another signs in', async () => {
		await addUser('zhangwei');
		await addUser('lina');
		const { counted, locked } = await failTimes(20, () => 'zhangwei');
		expect(locked).toBe(true);
		expect(counted).toBe(10);
		const right = await attempt('zhangwei', PASSWORD);
		expect(right).toMatchObject({ ok: false, reason: 'locked' });
		if (right.ok || right.reason === 'invalid') return;
		expect(right.retryAt.getTime() - clock.now().getTime()).toBeGreaterThan(10 * 60 * 1000);

		// Same address, another account: unaffected.
		expect((await attempt('lina', PASSWORD)).ok).toBe(true);

		// And after the lock, the right password works again.
		clock.advance(15 * 60 * 1000 + 1);
		expect((await attempt('zhangwei', PASSWORD)).ok).toBe(true);
	});

	test('the lock survives a restart of the app', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'huizhan-throttle-'));
		try {
			const path = join(dir, 'h.db');
			await close();
			({ db, close } = await createDb({ path }));
			await addUser('zhangwei');
			expect((await failTimes(10, () => 'zhangwei')).locked).toBe(true);
			await close();
			({ db, close } = await createDb({ path }));
			expect(await attempt('zhangwei', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});

	test('one address guessing across many names is stopped too', async () => {
		await addUser('zhangwei');
		const { counted, locked } = await failTimes(100, (i) => `name${i}`, '203.0.113.9');
		expect(locked).toBe(true);
		expect(counted).toBe(60);
		expect(await attempt('zhangwei', PASSWORD, '203.0.113.9')).toMatchObject({
			ok: false,
			reason: 'locked'
		});
		expect((await attempt('zhangwei', PASSWORD, '198.51.100.1')).ok).toBe(true);
	}, 30_000);

	test('every attempt is in the audit log, without the password typed', async () => {
		await addUser('zhangwei');
		await attempt('zhangwei', 'wrong password!!');
		await attempt('zhangwei', PASSWORD);
		const log = await db.select().from(tables(db).auditLog);
		expect(log.map((e) => e.action)).toEqual(['user_created', 'sign_in_failed', 'sign_in']);
		expect(log[1]).toMatchObject({
			actorLabel: 'zhangwei',
			source: '10.0.0.7',
			detail: { why: 'wrong_password' }
		});
		expect(JSON.stringify(log)).not.toContain('wrong password!!');
		expect(JSON.stringify(log)).not.toContain(PASSWORD);
	});
});

describe('attempts in flight together', () => {
	test('fifty at once verify no more passwords than the limit allows, and the right one at 40 gets no session', async () => {
		await addUser('zhangwei');
		const results = await burst('zhangwei', 50, 39);
		expect(results.some((r) => r.ok)).toBe(false);
		// Five free failures and the sixth that starts the wait; the other 44 never reach Argon2.
		expect(argon2.verified).toBe(6);
		expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(44);
		expect(results[39]).toMatchObject({ ok: false, reason: 'throttled' });
		expect(await db.select().from(tables(db).staffSessions)).toHaveLength(0);
		// The wait is in place for the right password too.
		expect(await attempt('zhangwei', PASSWORD)).toMatchObject({ ok: false, reason: 'throttled' });
	});

	test('fifty at once on a name one failure from its lock verify one password and leave the lock in place', async () => {
		await addUser('zhangwei');
		expect((await failTimes(9, () => 'zhangwei')).counted).toBe(9);
		clock.advance(60 * 1000);
		argon2.verified = 0;
		const results = await burst('zhangwei', 50, 39);
		expect(results.some((r) => r.ok)).toBe(false);
		expect(argon2.verified).toBe(1);
		expect(results.every((r) => !r.ok && r.reason === 'locked')).toBe(true);
		expect(await db.select().from(tables(db).staffSessions)).toHaveLength(0);
		clock.advance(10 * 60 * 1000);
		expect(await attempt('zhangwei', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
	});

	test('thirty staff behind one address signing in at once all get in, and leave the address unslowed', async () => {
		// A sign-in still being checked counts against its address until it succeeds: thirty in
		// flight at once is the address's free allowance, the thirty-first would be told to wait.
		const logins = Array.from({ length: 30 }, (_, i) => `door${i}`);
		for (const login of logins) await addUser(login, ['door']);
		const results = await Promise.all(logins.map((login) => attempt(login, PASSWORD)));
		expect(results.filter((r) => r.ok)).toHaveLength(30);
		expect(await db.select().from(tables(db).signInThrottle)).toEqual([]);
		expect(await attempt('door0', 'one typo here')).toEqual({ ok: false, reason: 'invalid' });
	}, 30_000);

	test('Argon2 verifies one password at a time however many sign-ins arrive', async () => {
		expect(ARGON2_CONCURRENCY).toBe(1);
		await addUser('zhangwei');
		await Promise.all(
			Array.from({ length: 12 }, (_, i) => attempt(`name${i}`, 'some guess', `10.1.0.${i}`))
		);
		expect(argon2.verified).toBe(12);
		expect(argon2.mostAtOnce).toBe(ARGON2_CONCURRENCY);
	});

	test('when the line for Argon2 is full a sign-in is told to come back, and nothing is counted', async () => {
		await addUser('zhangwei');
		const [stored] = await db.select().from(tables(db).staffUsers).limit(1);
		const hash = stored!.passwordHash;
		const queued = Array.from({ length: ARGON2_MAX_WAITING + ARGON2_CONCURRENCY }, () =>
			verifyPassword(hash, 'not it at all')
		);
		const busy = await attempt('zhangwei', PASSWORD);
		expect(busy).toMatchObject({ ok: false, reason: 'throttled' });
		if (busy.ok || busy.reason === 'invalid') return;
		expect(busy.retryAt.getTime() - clock.now().getTime()).toBe(1000);
		expect(await db.select().from(tables(db).signInThrottle)).toEqual([]);
		await Promise.all(queued);
		expect((await attempt('zhangwei', PASSWORD)).ok).toBe(true);
	});
});

describe('the audit log under attack', () => {
	test('attempts on a locked name write one audit row for the lock, not one each', async () => {
		await addUser('zhangwei');
		await failTimes(10, () => 'zhangwei');
		const lockedAt = clock.now().getTime();
		clock.advance(1000);
		for (let i = 0; i < 30; i++) await attempt('zhangwei', `guess ${i} again`);
		await burst('zhangwei', 30, 3);
		const throttled = (await db.select().from(tables(db).auditLog)).filter(
			(e) => e.action === 'sign_in_throttled' && e.at.getTime() > lockedAt
		);
		expect(throttled).toHaveLength(1);
		expect(throttled[0]).toMatchObject({
			actorLabel: 'zhangwei',
			detail: { locked: true, by: 'login' }
		});
	});

	test('each new wait gets its own audit row', async () => {
		await addUser('zhangwei');
		await failTimes(6, () => 'zhangwei');
		await attempt('zhangwei', PASSWORD);
		await attempt('zhangwei', PASSWORD);
		clock.advance(1000);
		await attempt('zhangwei', 'wrong once more');
		await attempt('zhangwei', PASSWORD);
		await attempt('zhangwei', PASSWORD);
		const throttled = (await db.select().from(tables(db).auditLog)).filter(
			(e) => e.action === 'sign_in_throttled'
		);
		expect(throttled).toHaveLength(2);
	});
});

describe('housekeeping', () => {
	test('a sign-in sweeps away expired sessions and throttle rows nobody remembers', async () => {
		await addUser('zhangwei');
		const [user] = await db.select().from(tables(db).staffUsers).limit(1);
		await createSession(db, user!.id, '10.0.0.7', clock.now());
		await attempt('somebody-else', 'a wrong guess', '198.51.100.4');
		expect(await db.select().from(tables(db).signInThrottle)).toHaveLength(2);
		clock.advance(SESSION_IDLE_MS + 1);
		expect((await attempt('zhangwei', PASSWORD)).ok).toBe(true);
		expect(await db.select().from(tables(db).staffSessions)).toHaveLength(1);
		expect(await db.select().from(tables(db).signInThrottle)).toEqual([]);
	});

	test('a wait or lock still running is not swept', async () => {
		await addUser('zhangwei');
		await addUser('lina');
		await failTimes(10, () => 'zhangwei');
		clock.advance(14 * 60 * 1000);
		expect((await attempt('lina', PASSWORD)).ok).toBe(true);
		expect(await attempt('zhangwei', PASSWORD)).toMatchObject({ ok: false, reason: 'locked' });
	});
});
