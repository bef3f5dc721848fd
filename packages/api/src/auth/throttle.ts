import { eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';

const { signInThrottle } = schema;

export interface ThrottlePolicy {
	/** Failures allowed before attempts are slowed down. */
	freeFailures: number;
	/** At this many failures the key is locked for `lockMs`. */
	lockAt: number;
	lockMs: number;
	/** The longest wait between attempts before the lock; kept well under `forgetAfterMs`. */
	maxDelayMs: number;
	/** The count starts over once this long passes without a failure. */
	forgetAfterMs: number;
}

/**
 * Per login name: 5 failures free, then a wait that doubles each time (1 s, 2 s, 4 s, 8 s), and
 * 10 failures lock the name for 15 minutes — even against the right password.
 */
export const LOGIN_POLICY: ThrottlePolicy = {
	freeFailures: 5,
	lockAt: 10,
	lockMs: 15 * 60 * 1000,
	maxDelayMs: 60 * 1000,
	forgetAfterMs: 15 * 60 * 1000
};

/**
 * Per client address, looser: a venue's staff share one network address behind its NAT, so one
 * person's typos must not lock out the desk beside them, while one address guessing across many
 * names is still stopped.
 */
export const SOURCE_POLICY: ThrottlePolicy = {
	freeFailures: 30,
	lockAt: 60,
	lockMs: 15 * 60 * 1000,
	maxDelayMs: 60 * 1000,
	forgetAfterMs: 15 * 60 * 1000
};

export const throttleKeys = (login: string, source: string) => ({
	login: `login:${login.trim().toLowerCase()}`,
	source: `source:${source}`
});

export interface ThrottleState {
	/** When the key may try again; null when it may try now. */
	blockedUntil: Date | null;
	locked: boolean;
}

/** Whether the key may attempt a sign-in now. */
export function throttleState(
	db: Db,
	key: string,
	policy: ThrottlePolicy,
	now: Date
): ThrottleState {
	const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
	if (!row?.blockedUntil || row.blockedUntil <= now) return { blockedUntil: null, locked: false };
	return { blockedUntil: row.blockedUntil, locked: row.failures >= policy.lockAt };
}

/** Counts a failed attempt and sets the wait the next attempt must respect. */
export function recordFailure(
	db: Db,
	key: string,
	policy: ThrottlePolicy,
	now: Date
): ThrottleState {
	const row = db.select().from(signInThrottle).where(eq(signInThrottle.key, key)).get();
	// Forgetting counts from the end of the last wait, so sitting out a wait never resets the count.
	const quietSince = Math.max(row?.lastFailureAt.getTime() ?? 0, row?.blockedUntil?.getTime() ?? 0);
	const stale = row && now.getTime() - quietSince > policy.forgetAfterMs;
	const failures = !row || stale ? 1 : row.failures + 1;
	const firstFailureAt = !row || stale ? now : row.firstFailureAt;

	let blockedUntil: Date | null = null;
	if (failures >= policy.lockAt) {
		blockedUntil = new Date(now.getTime() + policy.lockMs);
	} else if (failures > policy.freeFailures) {
		const waitMs = Math.min(policy.maxDelayMs, 1000 * 2 ** (failures - policy.freeFailures - 1));
		blockedUntil = new Date(now.getTime() + waitMs);
	}
	db.insert(signInThrottle)
		.values({ key, failures, firstFailureAt, lastFailureAt: now, blockedUntil })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: { failures, firstFailureAt, lastFailureAt: now, blockedUntil }
		})
		.run();
	return { blockedUntil, locked: failures >= policy.lockAt };
}

/** A successful sign-in forgets the name's failures. */
export function clearFailures(db: Db, key: string): void {
	db.delete(signInThrottle).where(eq(signInThrottle.key, key)).run();
}
