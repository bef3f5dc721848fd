import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { createAttendeeCaller } from '../root.ts';

const now = () => new Date('2026-11-26T10:00:00+08:00');

/** Values of every shape a form or a script might send. */
const anything = fc.oneof(
	fc.string(),
	fc.string({ unit: 'grapheme', maxLength: 300 }),
	fc.integer(),
	fc.double(),
	fc.boolean(),
	fc.constant(null),
	fc.constant(undefined),
	fc.array(fc.string(), { maxLength: 3 }),
	fc.object({ maxDepth: 1 })
);

/**
 * Inputs that must be refused: a registration with at least one field broken (a missing or
 * wrong-typed required field, a bad mobile or email, no consent), the others anything at all.
 */
const malformed = fc
	.record(
		{
			conferenceId: fc.oneof(fc.constant('wsc-2024'), anything),
			category: fc.oneof(fc.constantFrom('visitor', 'vip', 'media'), anything),
			name: fc.oneof(fc.constant('张伟'), anything),
			organisation: fc.oneof(fc.constant('郑州大学'), anything),
			title: anything,
			mobile: fc.oneof(fc.constant('13800138000'), anything),
			email: anything,
			country: anything,
			language: anything,
			consent: fc.oneof(fc.constant(true), anything)
		},
		{ requiredKeys: [] }
	)
	.filter(
		(input) =>
			input.consent !== true ||
			typeof input.name !== 'string' ||
			input.name.trim() === '' ||
			typeof input.organisation !== 'string' ||
			input.organisation.trim() === '' ||
			(typeof input.mobile === 'string' &&
				input.mobile.trim() !== '' &&
				!/^1[3-9]\d{9}$/.test(input.mobile))
	);

test('1,000 malformed registrations: never a server error, never a stored row', async () => {
	const { db, writes } = await createTestDb();
	await seedDemo(db, now());
	const caller = createAttendeeCaller(
		createContextInner({
			db,
			writes,
			source: '198.51.100.1',
			now,
			limits: { register: new RateLimiter(1e9, 60_000), findTicket: new RateLimiter(1e9, 60_000) }
		})
	);
	await fc.assert(
		fc.asyncProperty(malformed, async (input) => {
			const error = await caller.registration
				.register(input as never)
				.then(() => null)
				.catch((e: unknown) => e);
			expect(error).toBeInstanceOf(TRPCError);
			expect((error as TRPCError).code).not.toBe('INTERNAL_SERVER_ERROR');
		}),
		{ numRuns: 1_000 }
	);
	expect(await db.select().from(tables(db).registrations)).toHaveLength(0);
});
