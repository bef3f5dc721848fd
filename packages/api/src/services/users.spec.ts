import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type Db, type Writes } from '@huizhan/db';
import { createAdminCaller } from '../root.ts';
import { createContextInner } from '../context.ts';
import { signIn } from '../auth/sign-in.ts';
import { resolveSession } from '../auth/sessions.ts';
import type { StaffUser } from '../auth/roles.ts';
import { createUser, ensureDemoStaff, hasActiveAdmin } from './users.ts';
import { AppError } from '../errors.ts';

let db: Db;
let writes: Writes;
let admin: StaffUser;
const PASSWORD = 'plum blossom 2024';
const now = () => new Date('2024-11-03T08:00:00+08:00');
const asAdmin = () =>
	createAdminCaller(createContextInner({ db, writes, user: admin, source: '10.0.0.2', now }));

async function reason(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		if (error instanceof TRPCError) return error.code;
		throw error;
	}
}

beforeEach(async () => {
	({ db, writes } = await createTestDb());
	const created = await createUser(
		db,
		{ login: 'root', displayName: '管理员', password: PASSWORD, roles: ['admin'] },
		{ user: null, source: 'cli', now: now() }
	);
	admin = { id: created.id, login: 'root', displayName: '管理员', roles: ['admin'] };
});

describe('creating staff accounts', () => {
	test('an admin creates a user with several roles, and it is audited without the password', async () => {
		const user = await asAdmin().users.create({
			login: ' WangFang ',
			displayName: '王芳',
			password: PASSWORD,
			roles: ['recorder', 'leader']
		});
		expect(user).toMatchObject({
			login: 'wangfang',
			roles: ['leader', 'recorder'],
			disabled: false
		});
		const entry = (await db.select().from(tables(db).auditLog)).at(-1);
		expect(entry).toMatchObject({
			action: 'user_created',
			actorLabel: 'root',
			source: '10.0.0.2',
			subjectId: String(user.id)
		});
		expect(JSON.stringify(entry)).not.toContain(PASSWORD);
	});

	test('weak passwords are refused with a reason, and nothing is created', async () => {
		const create = (password: string) =>
			asAdmin().users.create({ login: 'wangfang', displayName: '王芳', password, roles: ['door'] });
		expect(await reason(create('short1'))).toBe('password_too_short');
		expect(await reason(create('1234567890'))).toBe('password_too_common');
		expect(await reason(create('woaini1314520'))).toBe('password_too_common');
		expect(await reason(create('aaaaaaaaaaaa'))).toBe('password_too_common');
		expect(await reason(create('wangfang-2024!'))).toBe('password_contains_login');
		expect((await asAdmin().users.list()).map((u) => u.login)).toEqual(['root']);
	});

	test('a login is taken once, whatever its case', async () => {
		expect(
			await reason(
				asAdmin().users.create({
					login: 'ROOT',
					displayName: 'x',
					password: PASSWORD,
					roles: ['door']
				})
			)
		).toBe('login_taken');
	});

	test('bad input is refused field by field', async () => {
		const error = await asAdmin()
			.users.create({ login: '!!', displayName: '', password: PASSWORD, roles: [] })
			.catch((e: TRPCError) => e);
		expect(error).toBeInstanceOf(TRPCError);
		expect((error as TRPCError).code).toBe('BAD_REQUEST');
	});
});

describe('changing accounts', () => {
	test('disabling a user ends their sessions at once', async () => {
		const user = await asAdmin().users.create({
			login: 'door1',
			displayName: '检票员',
			password: PASSWORD,
			roles: ['door']
		});
		const session = await signIn(db, {
			login: 'door1',
			password: PASSWORD,
			source: '10.0.0.9',
			now: now()
		});
		if (!session.ok) throw new Error('sign-in failed');
		await asAdmin().users.setDisabled({ userId: user.id, disabled: true });
		expect(await resolveSession(db, session.token, now())).toBeNull();
		expect(
			(await signIn(db, { login: 'door1', password: PASSWORD, source: '10.0.0.9', now: now() })).ok
		).toBe(false);
		await asAdmin().users.setDisabled({ userId: user.id, disabled: false });
		expect(
			(await signIn(db, { login: 'door1', password: PASSWORD, source: '10.0.0.9', now: now() })).ok
		).toBe(true);
	});

	test('resetting a password ends the user’s sessions and the new password works', async () => {
		const user = await asAdmin().users.create({
			login: 'door1',
			displayName: '检票员',
			password: PASSWORD,
			roles: ['door']
		});
		const session = await signIn(db, {
			login: 'door1',
			password: PASSWORD,
			source: '10.0.0.9',
			now: now()
		});
		if (!session.ok) throw new Error('sign-in failed');
		await asAdmin().users.resetPassword({ userId: user.id, password: 'new gate password 7' });
		expect(await resolveSession(db, session.token, now())).toBeNull();
		expect(
			(
				await signIn(db, {
					login: 'door1',
					password: 'new gate password 7',
					source: '10.0.0.9',
					now: now()
				})
			).ok
		).toBe(true);
	});

	test('changing one’s own password keeps this session and ends the others', async () => {
		await asAdmin().users.create({
			login: 'lina',
			displayName: '李娜',
			password: PASSWORD,
			roles: ['recorder']
		});
		const here = await signIn(db, {
			login: 'lina',
			password: PASSWORD,
			source: '10.0.0.3',
			now: now()
		});
		const phone = await signIn(db, {
			login: 'lina',
			password: PASSWORD,
			source: '10.0.0.4',
			now: now()
		});
		if (!here.ok || !phone.ok) throw new Error('sign-in failed');
		const caller = createAdminCaller(
			createContextInner({
				db,
				writes,
				user: here.user,
				sessionToken: here.token,
				source: '10.0.0.3',
				now
			})
		);
		expect(
			await reason(
				caller.account.changePassword({
					currentPassword: 'not it at all',
					newPassword: 'a brand new one 9',
					confirmPassword: 'a brand new one 9'
				})
			)
		).toBe('wrong_current_password');
		await caller.account.changePassword({
			currentPassword: PASSWORD,
			newPassword: 'a brand new one 9',
			confirmPassword: 'a brand new one 9'
		});
		expect((await resolveSession(db, here.token, now()))?.login).toBe('lina');
		expect(await resolveSession(db, phone.token, now())).toBeNull();
	});

	test('guessing the current password is throttled like sign-in, and fifty guesses at once check at most six', async () => {
		const asRoot = createAdminCaller(
			createContextInner({ db, writes, user: admin, source: '10.0.0.2', now })
		);
		const change = (currentPassword: string) =>
			asRoot.account.changePassword({
				currentPassword,
				newPassword: 'a brand new one 9',
				confirmPassword: 'a brand new one 9'
			});
		const answers = await Promise.all(
			Array.from({ length: 50 }, (_, i) => reason(change(i === 39 ? PASSWORD : `guess ${i}!`)))
		);
		expect(answers.filter((a) => a === 'wrong_current_password')).toHaveLength(6);
		expect(answers.filter((a) => a === 'too_many_attempts')).toHaveLength(44);
		// Still blocked for the right password, and the password is unchanged.
		expect(await reason(change(PASSWORD))).toBe('too_many_attempts');
		const again = await signIn(db, {
			login: 'root',
			password: PASSWORD,
			source: '10.9.9.9',
			now: now()
		});
		expect(again).toMatchObject({ ok: false, reason: 'throttled' });
		const later = new Date(now().getTime() + 60_000);
		expect(
			(await signIn(db, { login: 'root', password: PASSWORD, source: '10.9.9.9', now: later })).ok
		).toBe(true);
	});

	test('the last active admin can be neither demoted nor disabled, and nobody disables themselves', async () => {
		expect(await reason(asAdmin().users.setRoles({ userId: admin.id, roles: ['leader'] }))).toBe(
			'last_admin'
		);
		expect(await reason(asAdmin().users.setDisabled({ userId: admin.id, disabled: true }))).toBe(
			'cannot_disable_self'
		);
		const other = await asAdmin().users.create({
			login: 'admin2',
			displayName: '管理员二',
			password: PASSWORD,
			roles: ['admin']
		});
		await asAdmin().users.setRoles({ userId: admin.id, roles: ['leader', 'admin'] });
		await asAdmin().users.setDisabled({ userId: other.id, disabled: true });
		expect(await reason(asAdmin().users.setRoles({ userId: admin.id, roles: ['leader'] }))).toBe(
			'last_admin'
		);
		expect(await hasActiveAdmin(db)).toBe(true);
	});
});

describe('demo staff', () => {
	test('creates one account per role once, and leaves existing ones alone', async () => {
		expect(await ensureDemoStaff(db, 'huizhan-demo', now())).toEqual([
			'admin',
			'recorder',
			'door',
			'leader'
		]);
		expect(await ensureDemoStaff(db, 'another-password', now())).toEqual([]);
		expect(
			(await signIn(db, { login: 'leader', password: 'huizhan-demo', source: 'x', now: now() })).ok
		).toBe(true);
	});
});
