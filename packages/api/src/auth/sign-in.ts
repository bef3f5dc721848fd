import { and, eq, gte } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { jsonText, lockedTransaction, tables } from '@huizhan/db';
import { recordAudit } from '../services/audit.ts';
import { argon2Saturated, dummyPasswordHash, verifyPassword } from './passwords.ts';
import type { StaffUser } from './roles.ts';
import { createSession, purgeExpiredSessions, rolesOf } from './sessions.ts';
import {
	clearFailures,
	LOGIN_POLICY,
	pruneThrottle,
	recordFailure,
	refundAttempt,
	SOURCE_POLICY,
	throttleKeys,
	throttleRow,
	type CountedAttempt,
	type ThrottlePolicy
} from './throttle.ts';

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

/** How long a caller waits when every Argon2 slot and the line behind them are taken. */
const BUSY_RETRY_MS = 1000;

type Gate =
	| { blocked: { reason: 'throttled' | 'locked'; retryAt: Date } }
	| { counted: [byLogin: CountedAttempt, bySource: CountedAttempt] };

export async function signIn(db: Db, attempt: SignInAttempt): Promise<SignInResult> {
	const { now, source } = attempt;
	const login = attempt.login.trim().toLowerCase();
	const keys = throttleKeys(login, source);
	const label = login.slice(0, 64);

	// A flood from many addresses at once: answer now, count nothing, verify nothing.
	if (argon2Saturated()) {
		return { ok: false, reason: 'throttled', retryAt: new Date(now.getTime() + BUSY_RETRY_MS) };
	}

	// The attempt is counted as a failure before its password is checked, in one transaction
	// with the check of the wait: of fifty attempts in flight together each sees the ones before
	// it counted, and those past the limit are refused without reaching Argon2.
	const locks = [`throttle:${keys.login}`, `throttle:${keys.source}`];
	const gate = await lockedTransaction(db, locks, async (tx): Promise<Gate> => {
		const limits = [
			['login', keys.login, LOGIN_POLICY],
			['source', keys.source, SOURCE_POLICY]
		] as const;
		for (const [by, key, policy] of limits) {
			const blocked = await blockedBy(tx, key, policy, now);
			if (!blocked) continue;
			await auditOncePerWait(
				tx,
				{ by, label, source, since: blocked.since, locked: blocked.locked },
				now
			);
			return {
				blocked: { reason: blocked.locked ? 'locked' : 'throttled', retryAt: blocked.until }
			};
		}
		const byLogin = await recordFailure(tx, keys.login, LOGIN_POLICY, now);
		const bySource = await recordFailure(tx, keys.source, SOURCE_POLICY, now);
		return { counted: [byLogin, bySource] };
	});
	if ('blocked' in gate) return { ok: false, ...gate.blocked };
	const [byLogin, bySource] = gate.counted;

	const { staffUsers } = tables(db);
	const [user] = await db.select().from(staffUsers).where(eq(staffUsers.login, login));
	// Always run one Argon2 verification, against a dummy hash for an unknown name, so the
	// answer takes as long whether or not the name exists.
	const passwordMatches = await verifyPassword(
		user?.passwordHash ?? (await dummyPasswordHash()),
		attempt.password
	);

	if (!user || !passwordMatches || user.disabledAt) {
		const why = !user ? 'unknown_login' : !passwordMatches ? 'wrong_password' : 'disabled';
		await recordAudit(
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

	const staffUser: StaffUser = {
		id: user.id,
		login: user.login,
		displayName: user.displayName,
		roles: await rolesOf(db, user.id)
	};
	// One transaction, so one disk flush, for the session, the audit row and the housekeeping.
	const session = await lockedTransaction(db, locks, async (tx) => {
		await clearFailures(tx, keys.login);
		await refundAttempt(tx, bySource, SOURCE_POLICY);
		// Expired sessions and forgotten throttle rows would otherwise stay for ever; a sign-in
		// is frequent enough to sweep them and already writes.
		await purgeExpiredSessions(tx, now);
		await pruneThrottle(tx, now);
		const created = await createSession(tx, user.id, source, now);
		await recordAudit(tx, { actor: staffUser, source, action: 'sign_in' }, now);
		return created;
	});
	return { ok: true, ...session, user: staffUser };
}

/** The wait a key is in, with when it began (the failure that set it), or null. */
async function blockedBy(db: DbOrTx, key: string, policy: ThrottlePolicy, now: Date) {
	const row = await throttleRow(db, key);
	if (!row?.blockedUntil || row.blockedUntil <= now) return null;
	return {
		until: row.blockedUntil,
		since: row.lastFailureAt,
		locked: row.failures >= policy.lockAt
	};
}

/**
 * Records a refused attempt once per key and wait, not once per attempt: every audit row is a
 * flush to disk, and a script hammering a locked name must not turn into a disk flood. The
 * first refusal of each wait is enough to show the attack in the log.
 */
async function auditOncePerWait(
	db: DbOrTx,
	w: { by: 'login' | 'source'; label: string; source: string; since: Date; locked: boolean },
	now: Date
): Promise<void> {
	const { auditLog } = tables(db);
	const [already] = await db
		.select({ id: auditLog.id })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.action, 'sign_in_throttled'),
				gte(auditLog.at, w.since),
				w.by === 'login'
					? eq(auditLog.actorLabel, w.label)
					: eq(auditLog.source, w.source.slice(0, 64)),
				eq(jsonText(db, auditLog.detail, ['by']), w.by)
			)
		)
		.limit(1);
	if (already) return;
	await recordAudit(
		db,
		{
			actor: null,
			actorLabel: w.label,
			source: w.source,
			action: 'sign_in_throttled',
			detail: { locked: w.locked, by: w.by }
		},
		now
	);
}
