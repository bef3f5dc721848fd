import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { assertDemoDatabase, lockedTransaction, tables } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { hashPassword, passwordProblem, verifyPassword } from '../auth/passwords.ts';
import type { StaffRole, StaffUser } from '../auth/roles.ts';
import { endUserSessions, rolesOf } from '../auth/sessions.ts';
import {
	clearFailures,
	LOGIN_POLICY,
	recordFailure,
	throttleKeys,
	throttleState
} from '../auth/throttle.ts';
import { recordAudit } from './audit.ts';

/** Who is making a change, and from where: every change here is audited. */
export interface Actor {
	user: Pick<StaffUser, 'id' | 'login'> | null;
	/** `cli` when the change comes from the command line. */
	source: string;
	now: Date;
}

export interface StaffUserView {
	id: number;
	login: string;
	displayName: string;
	roles: StaffRole[];
	disabled: boolean;
	createdAt: string;
}

function refuseWeakPassword(password: string, login: string): void {
	const problem = passwordProblem(password, login);
	if (problem)
		throw new AppError('BAD_REQUEST', `password_${problem}`, `password refused: ${problem}`, {
			field: 'password'
		});
}

export async function listUsers(db: Db): Promise<StaffUserView[]> {
	const { staffUserRoles, staffUsers } = tables(db);
	const users = await db.select().from(staffUsers).orderBy(asc(staffUsers.login));
	const roles = await db.select().from(staffUserRoles);
	return users.map((u) => ({
		id: u.id,
		login: u.login,
		displayName: u.displayName,
		roles: roles
			.filter((r) => r.userId === u.id)
			.map((r) => r.role)
			.sort(),
		disabled: u.disabledAt !== null,
		createdAt: u.createdAt.toISOString()
	}));
}

async function findUser(db: DbOrTx, userId: number) {
	const { staffUsers } = tables(db);
	const [user] = await db.select().from(staffUsers).where(eq(staffUsers.id, userId));
	if (!user) throw new AppError('NOT_FOUND', 'user_not_found', `no staff user ${userId}`);
	return user;
}

async function activeAdminIds(db: DbOrTx): Promise<number[]> {
	const { staffUserRoles, staffUsers } = tables(db);
	const admins = await db
		.select({ id: staffUsers.id })
		.from(staffUsers)
		.innerJoin(staffUserRoles, eq(staffUserRoles.userId, staffUsers.id))
		.where(and(eq(staffUserRoles.role, 'admin'), isNull(staffUsers.disabledAt)));
	return admins.map((r) => r.id);
}

export const hasActiveAdmin = async (db: Db): Promise<boolean> =>
	(await activeAdminIds(db)).length > 0;

/** Refuses a change that would leave nobody able to administer the platform. */
async function keepAnAdmin(db: DbOrTx, userId: number): Promise<void> {
	const admins = await activeAdminIds(db);
	if (admins.length === 1 && admins[0] === userId) {
		throw new AppError('CONFLICT', 'last_admin', 'the last active admin must stay an active admin');
	}
}

export interface NewStaffUser {
	login: string;
	displayName: string;
	password: string;
	roles: StaffRole[];
}

export async function createUser(
	db: Db,
	input: NewStaffUser,
	actor: Actor
): Promise<StaffUserView> {
	refuseWeakPassword(input.password, input.login);
	const passwordHash = await hashPassword(input.password);
	return db.transaction(async (tx) => {
		const { staffUserRoles, staffUsers } = tables(tx);
		const [taken] = await tx
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.login, input.login));
		if (taken) {
			throw new AppError('CONFLICT', 'login_taken', `login ${input.login} is taken`, {
				field: 'login'
			});
		}
		const [user] = await tx
			.insert(staffUsers)
			.values({
				login: input.login,
				displayName: input.displayName,
				passwordHash,
				createdAt: actor.now
			})
			.returning();
		if (!user) throw new Error('the staff account was not stored');
		await tx.insert(staffUserRoles).values(input.roles.map((role) => ({ userId: user.id, role })));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				actorLabel: actor.source === 'cli' ? 'cli' : undefined,
				source: actor.source,
				action: 'user_created',
				subjectType: 'staff_user',
				subjectId: user.id,
				detail: { login: user.login, roles: input.roles }
			},
			actor.now
		);
		return {
			id: user.id,
			login: user.login,
			displayName: user.displayName,
			roles: [...input.roles].sort(),
			disabled: false,
			createdAt: user.createdAt.toISOString()
		};
	});
}

export async function setRoles(
	db: Db,
	userId: number,
	roles: StaffRole[],
	actor: Actor
): Promise<void> {
	await db.transaction(async (tx) => {
		const { staffUserRoles } = tables(tx);
		const user = await findUser(tx, userId);
		const before = await rolesOf(tx, userId);
		if (!roles.includes('admin')) await keepAnAdmin(tx, userId);
		await tx.delete(staffUserRoles).where(eq(staffUserRoles.userId, userId));
		await tx.insert(staffUserRoles).values(roles.map((role) => ({ userId, role })));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'user_roles_changed',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { login: user.login, before, after: [...roles].sort() }
			},
			actor.now
		);
	});
}

/** Disabling ends every session of the user at once; enabling lets them sign in again. */
export async function setDisabled(
	db: Db,
	userId: number,
	disabled: boolean,
	actor: Actor
): Promise<void> {
	await db.transaction(async (tx) => {
		const { staffUsers } = tables(tx);
		const user = await findUser(tx, userId);
		if (disabled && actor.user?.id === userId) {
			throw new AppError(
				'CONFLICT',
				'cannot_disable_self',
				'an admin cannot disable their own account'
			);
		}
		if (disabled) await keepAnAdmin(tx, userId);
		await tx
			.update(staffUsers)
			.set({ disabledAt: disabled ? actor.now : null })
			.where(eq(staffUsers.id, userId));
		const sessionsEnded = disabled ? await endUserSessions(tx, userId) : 0;
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: disabled ? 'user_disabled' : 'user_enabled',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { login: user.login, sessionsEnded }
			},
			actor.now
		);
	});
}

/** An admin sets a new password for someone; their sessions end. */
export async function resetPassword(
	db: Db,
	userId: number,
	password: string,
	actor: Actor
): Promise<void> {
	const user = await findUser(db, userId);
	refuseWeakPassword(password, user.login);
	const passwordHash = await hashPassword(password);
	await db.transaction(async (tx) => {
		await tx
			.update(tables(tx).staffUsers)
			.set({ passwordHash, passwordChangedAt: actor.now })
			.where(eq(tables(tx).staffUsers.id, userId));
		const sessionsEnded = await endUserSessions(tx, userId);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				actorLabel: actor.source === 'cli' ? 'cli' : undefined,
				source: actor.source,
				action: 'user_password_reset',
				subjectType: 'staff_user',
				subjectId: userId,
				detail: { login: user.login, sessionsEnded }
			},
			actor.now
		);
	});
}

/**
 * A user changes their own password. Their other sessions end (a phone left signed in somewhere
 * is signed out); the session they are using stays, so they are not thrown out mid-task.
 */
export async function changeOwnPassword(
	db: Db,
	user: StaffUser,
	input: { currentPassword: string; newPassword: string },
	actor: Actor & { sessionToken?: string | undefined }
): Promise<void> {
	const row = await findUser(db, user.id);
	// Guessing the current password here is guessing the sign-in password with a stolen session:
	// it shares the login name's count with sign-in, counted before Argon2 as sign-in does.
	const key = throttleKeys(row.login, actor.source).login;
	const counted = await lockedTransaction(db, [`throttle:${key}`], async (tx) => {
		const state = await throttleState(tx, key, LOGIN_POLICY, actor.now);
		if (state.blockedUntil) return null;
		return recordFailure(tx, key, LOGIN_POLICY, actor.now);
	});
	if (!counted) {
		throw new AppError('TOO_MANY_REQUESTS', 'too_many_attempts', 'too many wrong passwords', {
			field: 'currentPassword'
		});
	}
	if (!(await verifyPassword(row.passwordHash, input.currentPassword))) {
		throw new AppError('BAD_REQUEST', 'wrong_current_password', 'the current password is wrong', {
			field: 'currentPassword'
		});
	}
	await clearFailures(db, key);
	if (input.newPassword === input.currentPassword) {
		throw new AppError('BAD_REQUEST', 'password_unchanged', 'the new password is the old one', {
			field: 'newPassword'
		});
	}
	const problem = passwordProblem(input.newPassword, user.login);
	if (problem) {
		throw new AppError('BAD_REQUEST', `password_${problem}`, `password refused: ${problem}`, {
			field: 'newPassword'
		});
	}
	const passwordHash = await hashPassword(input.newPassword);
	await db.transaction(async (tx) => {
		await tx
			.update(tables(tx).staffUsers)
			.set({ passwordHash, passwordChangedAt: actor.now })
			.where(eq(tables(tx).staffUsers.id, user.id));
		const sessionsEnded = await endUserSessions(tx, user.id, actor.sessionToken);
		await recordAudit(
			tx,
			{
				actor: user,
				source: actor.source,
				action: 'password_changed',
				subjectType: 'staff_user',
				subjectId: user.id,
				detail: { sessionsEnded }
			},
			actor.now
		);
	});
}

/** The demo accounts `npm start` signs in with, one per role. */
export const DEMO_STAFF: { login: string; displayName: string; roles: StaffRole[] }[] = [
	{ login: 'admin', displayName: '系统管理员', roles: ['admin'] },
	{ login: 'recorder', displayName: '签约录入员', roles: ['recorder'] },
	{ login: 'door', displayName: '检票员', roles: ['door'] },
	{ login: 'leader', displayName: '领导', roles: ['leader'] }
];

/**
 * Creates the demo accounts that are missing, all with `password`; an existing account is left as
 * it is. Throws `ProductionDatabaseRefusal` in a production database, whoever calls it: the public
 * password must never open a real installation.
 */
export async function ensureDemoStaff(db: Db, password: string, now: Date): Promise<string[]> {
	await assertDemoDatabase(db, 'a demo account');
	const { staffUsers } = tables(db);
	const missing: typeof DEMO_STAFF = [];
	for (const d of DEMO_STAFF) {
		const [existing] = await db
			.select({ id: staffUsers.id })
			.from(staffUsers)
			.where(eq(staffUsers.login, d.login));
		if (!existing) missing.push(d);
	}
	if (missing.length === 0) return [];
	const passwordHash = await hashPassword(password);
	return db.transaction(async (tx) => {
		const t = tables(tx);
		const created: string[] = [];
		for (const d of missing) {
			const [user] = await tx
				.insert(t.staffUsers)
				.values({ login: d.login, displayName: d.displayName, passwordHash, createdAt: now })
				.onConflictDoNothing()
				.returning();
			if (!user) continue; // another process created it a moment ago
			await tx.insert(t.staffUserRoles).values(d.roles.map((role) => ({ userId: user.id, role })));
			created.push(d.login);
		}
		if (created.length > 0) {
			await recordAudit(
				tx,
				{
					actor: null,
					actorLabel: 'system',
					source: 'demo',
					action: 'demo_staff_created',
					detail: { logins: created }
				},
				now
			);
		}
		return created;
	});
}
