import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, schema, type Db } from '@huizhan/db';
import { createUser } from '../services/users.ts';
import { manualClock } from '../test-support.ts';
import { signIn } from './sign-in.ts';
import { resolveSession } from './sessions.ts';

const PASSWORD = 'correct horse battery';
let db: Db;
let close: () => void;
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

beforeEach(() => {
	({ db, close } = createDb({ path: ':memory:' }));
});
afterEach(() => close());

describe('signing in', () => {
	test('the right password gives a session that resolves to the user and their roles', async () => {
		await addUser('zhangwei', ['recorder', 'leader']);
		const result = await attempt('ZhangWei ', PASSWORD);
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.user).toMatchObject({ login: 'zhangwei', roles: ['leader', 'recorder'] });
		expect(resolveSession(db, result.token, clock.now())?.login).toBe('zhangwei');
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
		db.update(schema.staffUsers).set({ disabledAt: clock.now() }).run();
		expect(await attempt('zhangwei', PASSWORD)).toEqual({ ok: false, reason: 'invalid' });
	});

	test('the database holds only a hash of the session token and an Argon2id hash of the password', async () => {
		await addUser('zhangwei');
		const result = await attempt('zhangwei', PASSWORD);
		if (!result.ok) throw new Error('sign-in failed');
		const sessions = db.select().from(schema.staffSessions).all();
		expect(sessions).toHaveLength(1);
		expect(sessions[0]?.tokenHash).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(sessions)).not.toContain(result.token);
		const users = db.select().from(schema.staffUsers).all();
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
			close();
			({ db, close } = createDb({ path }));
			await addUser('zhangwei');
			expect((await failTimes(10, () => 'zhangwei')).locked).toBe(true);
			close();
			({ db, close } = createDb({ path }));
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
		const log = db.select().from(schema.auditLog).all();
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
