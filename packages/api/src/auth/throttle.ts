import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';

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
export async function throttleState(
	db: DbOrTx,
	key: string,
	policy: ThrottlePolicy,
	now: Date
): Promise<ThrottleState> {
	const row = await throttleRow(db, key);
	if (!row?.blockedUntil || row.blockedUntil <= now) return { blockedUntil: null, locked: false };
	return { blockedUntil: row.blockedUntil, locked: row.failures >= policy.lockAt };
}

type ThrottleRow = typeof schema.signInThrottle.$inferSelect;

/** An attempt counted as failed before its password was checked, so it can be taken back. */
export interface CountedAttempt extends ThrottleState {
	key: string;
	/** The count after this attempt. */
	failures: number;
	at: Date;
	/** The row as it was before this attempt; undefined when there was none. */
	previous: ThrottleRow | undefined;
}

/** The key's row, or undefined. */
export async function throttleRow(db: DbOrTx, key: string): Promise<ThrottleRow | undefined> {
	const { signInThrottle } = tables(db);
	const [row] = await db.select().from(signInThrottle).where(eq(signInThrottle.key, key));
	return row;
}

/**
 * Counts a failed attempt and sets the wait the next attempt must respect. Sign-in calls it
 * before the password is checked: attempts in flight together are each counted, so a burst
 * cannot slip past the limit while Argon2 is still busy with the first of them.
 */
export async function recordFailure(
	db: DbOrTx,
	key: string,
	policy: ThrottlePolicy,
	now: Date
): Promise<CountedAttempt> {
	const { signInThrottle } = tables(db);
	const row = await throttleRow(db, key);
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
	await db
		.insert(signInThrottle)
		.values({ key, failures, firstFailureAt, lastFailureAt: now, blockedUntil })
		.onConflictDoUpdate({
			target: signInThrottle.key,
			set: { failures, firstFailureAt, lastFailureAt: now, blockedUntil }
		});
	return { key, failures, at: now, previous: row, blockedUntil, locked: failures >= policy.lockAt };
}

/**
 * Takes back an attempt counted by `recordFailure` whose password proved right: a venue's staff
 * share one address, and their successful sign-ins must not add up to a lock of that address.
 */
export async function refundAttempt(
	db: DbOrTx,
	counted: CountedAttempt,
	policy: ThrottlePolicy
): Promise<void> {
	const { signInThrottle } = tables(db);
	const row = await throttleRow(db, counted.key);
	if (!row) return;
	const byKey = eq(signInThrottle.key, counted.key);
	if (row.failures === counted.failures && row.lastFailureAt.getTime() === counted.at.getTime()) {
		// Nothing was counted since: the row goes back exactly as it was.
		if (!counted.previous) await db.delete(signInThrottle).where(byKey);
		else await db.update(signInThrottle).set(counted.previous).where(byKey);
		return;
	}
	// Others were counted meanwhile (a burst from the same address): one fewer, and no wait
	// while the count is back among the free failures.
	const failures = row.failures - 1;
	if (failures <= 0) {
		await db.delete(signInThrottle).where(byKey);
		return;
	}
	const blockedUntil = failures > policy.freeFailures ? row.blockedUntil : null;
	await db.update(signInThrottle).set({ failures, blockedUntil }).where(byKey);
}

/** A successful sign-in forgets the name's failures. */
export async function clearFailures(db: DbOrTx, key: string): Promise<void> {
	const { signInThrottle } = tables(db);
	await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}

/**
 * Removes rows that no longer throttle anything: no wait left and quiet for longer than any
 * policy remembers, so the next failure would start over at one anyway.
 */
export async function pruneThrottle(db: DbOrTx, now: Date): Promise<number> {
	const { signInThrottle } = tables(db);
	const forgetMs = Math.max(LOGIN_POLICY.forgetAfterMs, SOURCE_POLICY.forgetAfterMs);
	const before = new Date(now.getTime() - forgetMs);
	const pruned = await db
		.delete(signInThrottle)
		.where(
			and(
				lt(signInThrottle.lastFailureAt, before),
				or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, before))
			)
		)
		.returning({ key: signInThrottle.key });
	return pruned.length;
}
