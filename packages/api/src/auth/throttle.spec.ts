import { createTestDb } from '@huizhan/db/testing';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { manualClock } from '../test-support.ts';
import {
	pruneThrottle,
	recordFailure,
	refundAttempt,
	SOURCE_POLICY,
	throttleKeys,
	throttleRow,
	throttleState,
	type CountedAttempt
} from './throttle.ts';

const key = throttleKeys('anyone', '203.0.113.9').source;

test('sign-ins in flight from one address, all right, leave its count as it was whatever order they finish in', async () => {
	// One database for every run, its throttle emptied before each: a fresh database per run
	// made sixty of them, which on PostgreSQL is most of the test's time.
	const { db, close } = await createTestDb();
	try {
		await fc.assert(
			fc.asyncProperty(
				fc.integer({ min: 0, max: SOURCE_POLICY.freeFailures }),
				fc.integer({ min: 1, max: 45 }),
				fc.infiniteStream(fc.nat()),
				async (earlier, inFlight, picks) => {
					await db.delete(tables(db).signInThrottle);
					const clock = manualClock();
					for (let i = 0; i < earlier; i++)
						await recordFailure(db, key, SOURCE_POLICY, clock.now());
					clock.advance(1000);
					// As sign-in does: counted unless the address must already wait.
					const counted: CountedAttempt[] = [];
					for (let i = 0; i < inFlight; i++) {
						if ((await throttleState(db, key, SOURCE_POLICY, clock.now())).blockedUntil) continue;
						counted.push(await recordFailure(db, key, SOURCE_POLICY, clock.now()));
					}
					const order = picks.take(counted.length);
					for (const pick of order) {
						const [next] = counted.splice(pick % counted.length, 1);
						await refundAttempt(db, next!, SOURCE_POLICY);
					}
					expect((await throttleRow(db, key))?.failures ?? 0).toBe(earlier);
					expect(
						(await throttleState(db, key, SOURCE_POLICY, clock.now())).blockedUntil
					).toBeNull();
				}
			),
			{ numRuns: 60 }
		);
	} finally {
		await close();
	}
});

test('a throttle row is swept once nobody remembers it, and never while its wait or lock runs', async () => {
	const { db, close } = await createTestDb();
	const clock = manualClock();
	try {
		for (let i = 0; i < SOURCE_POLICY.lockAt; i++)
			await recordFailure(db, key, SOURCE_POLICY, clock.now());
		await recordFailure(db, 'login:someone', SOURCE_POLICY, clock.now());
		clock.advance(SOURCE_POLICY.forgetAfterMs + 1);
		expect(await pruneThrottle(db, clock.now())).toBe(1);
		expect((await db.select().from(tables(db).signInThrottle)).map((r) => r.key)).toEqual([key]);
		clock.advance(SOURCE_POLICY.lockMs);
		expect(await pruneThrottle(db, clock.now())).toBe(1);
		expect(await db.select().from(tables(db).signInThrottle)).toEqual([]);
	} finally {
		await close();
	}
});
