import { eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';
import { recordAudit } from '../services/audit.ts';
import { dummyPasswordHash, verifyPassword } from './passwords.ts';
import type { StaffUser } from './roles.ts';
import { createSession, rolesOf } from './sessions.ts';
import {
	clearFailures,
	LOGIN_POLICY,
	recordFailure,
	SOURCE_POLICY,
	throttleKeys,
	throttleState
} from './throttle.ts';

const { staffUsers } = schema;

export type SignInResult =
	| { ok: true; token: string; expiresAt: Date; user: StaffUser }
	/** `invalid` is the one answer for an unknown name, a wrong password and a disabled account. */
	| { ok: false; reason: 'invalid' }
	| { ok: false; reason: 'throttled' | 'locked'; retryAt: Date };

export interface SignInAttempt {
	login: string;
	password: string;
	/** Client address. */
	source: string;
	now: Date;
}

export async function signIn(db: Db, attempt: SignInAttempt): Promise<SignInResult> {
	const { now, source } = attempt;
	const login = attempt.login.trim().toLowerCase();
	const keys = throttleKeys(login, source);
	const label = login.slice(0, 64);

	for (const [key, policy] of [
		[keys.login, LOGIN_POLICY],
		[keys.source, SOURCE_POLICY]
	] as const) {
		const state = throttleState(db, key, policy, now);
		if (state.blockedUntil) {
			recordAudit(
				db,
				{
					actor: null,
					actorLabel: label,
					source,
					action: 'sign_in_throttled',
					detail: { locked: state.locked }
				},
				now
			);
			return {
				ok: false,
				reason: state.locked ? 'locked' : 'throttled',
				retryAt: state.blockedUntil
			};
		}
	}

	const user = db.select().from(staffUsers).where(eq(staffUsers.login, login)).get();
	// Always run one Argon2 verification, against a dummy hash for an unknown name, so the
	// answer takes as long whether or not the name exists.
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? (await dummyPasswordHash()),
		attempt.password
	);

	if (!user || !passwordMatches || user.disabledAt) {
		const byLogin = recordFailure(db, keys.login, LOGIN_POLICY, now);
		const bySource = recordFailure(db, keys.source, SOURCE_POLICY, now);
		const why = !user ? 'unknown_login' : !passwordMatches ? 'wrong_password' : 'disabled';
		recordAudit(
			db,
			{
				actor: null,
				actorLabel: label,
				source,
				action: 'sign_in_failed',
				subjectType: user ? 'staff_user' : undefined,
				subjectId: user?.id,
				detail: { why }
			},
			now
		);
		const lock = [byLogin, bySource].find((s) => s.locked);
		if (lock?.blockedUntil) return { ok: false, reason: 'locked', retryAt: lock.blockedUntil };
		return { ok: false, reason: 'invalid' };
	}

	clearFailures(db, keys.login);
	const session = createSession(db, user.id, source, now);
	const staffUser: StaffUser = {
		id: user.id,
		login: user.login,
		displayName: user.displayName,
		roles: rolesOf(db, user.id)
	};
	recordAudit(db, { actor: staffUser, source, action: 'sign_in' }, now);
	return { ok: true, ...session, user: staffUser };
}
