import fc from 'fast-check';
import { expect, test } from 'vitest';
import { createDb, schema } from '@huizhan/db';
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

test('sign-ins in flight from one address, all right, leave its count as it was whatever order they finish in', () => {
	fc.assert(
		fc.property(
			fc.integer({ min: 0, max: SOURCE_POLICY.freeFailures }),
			fc.integer({ min: 1, max: 45 }),
			fc.infiniteStream(fc.nat()),
			(earlier, inFlight, picks) => {
				const { db, close } = createDb({ path: ':memory:' });
				const clock = manualClock();
				try {
					for (let i = 0; i < earlier; i++) recordFailure(db, key, SOURCE_POLICY, clock.now());
					clock.advance(1000);
					// As sign-in does: counted unless the address must already wait.
					const counted: CountedAttempt[] = [];
					for (let i = 0; i < inFlight; i++) {
						if (throttleState(db, key, SOURCE_POLICY, clock.now()).blockedUntil) continue;
						counted.push(recordFailure(db, key, SOURCE_POLICY, clock.now()));
					}
					const order = picks.take(counted.length);
					for (const pick of order) {
						const [next] = counted.splice(pick % counted.length, 1);
						refundAttempt(db, next!, SOURCE_POLICY);
					}
					expect(throttleRow(db, key)?.failures ?? 0).toBe(earlier);
					expect(throttleState(db, key, SOURCE_POLICY, clock.now()).blockedUntil).toBeNull();
				} finally {
					close();
				}
			}
		),
		{ numRuns: 60 }
	);
});

test('a throttle row is swept once nobody remembers it, and never while its wait or lock runs', () => {
	const { db, close } = createDb({ path: ':memory:' });
	const clock = manualClock();
	try {
		for (let i = 0; i < SOURCE_POLICY.lockAt; i++)
			recordFailure(db, key, SOURCE_POLICY, clock.now());
		recordFailure(db, 'login:someone', SOURCE_POLICY, clock.now());
		clock.advance(SOURCE_POLICY.forgetAfterMs + 1);
		expect(pruneThrottle(db, clock.now())).toBe(1);
		expect(
			db
				.select()
				.from(schema.signInThrottle)
				.all()
				.map((r) => r.key)
		).toEqual([key]);
		clock.advance(SOURCE_POLICY.lockMs);
		expect(pruneThrottle(db, clock.now())).toBe(1);
		expect(db.select().from(schema.signInThrottle).all()).toEqual([]);
	} finally {
		close();
	}
});
