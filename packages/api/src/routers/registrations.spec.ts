import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, expect, test } from 'vitest';
import { type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner, type PublicLimits } from '../context.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import { createAttendeeCaller } from '../root.ts';
import { checkTicketToken, ensureTicketKeys } from '../services/tickets.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
/** The demo's sensor edition open for registration on that day: wsc-2027. */
const SENSOR = currentDemoEdition(now(), 'wsc');
const limits = (): PublicLimits => ({
	register: new RateLimiter(100, 60_000),
	findTicket: new RateLimiter(3, 60_000)
});
let caller: ReturnType<typeof createAttendeeCaller>;

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await ensureTicketKeys(handle.db, now());
	caller = createAttendeeCaller(
		createContextInner({ ...handle, source: '203.0.113.7', now, limits: limits() })
	);
});

const person = {
	conferenceId: SENSOR.id,
	category: 'visitor' as const,
	name: '李娜',
	organisation: '河南大学',
	mobile: '13912345678',
	consent: true as const
};

test('a confirmed registration gets a ticket whose QR token verifies with the conference key', async () => {
	const result = await caller.registration.register(person);
	if (result.outcome !== 'registered') throw new Error('not registered');
	const ticket = await caller.registration.ticket({ secret: result.ticketSecret });
	expect(ticket).toMatchObject({
		name: '李娜',
		reference: result.reference,
		status: 'confirmed',
		category: 'visitor'
	});
	const check = await checkTicketToken(handle.db, ticket!.token!);
	expect(check).toMatchObject({
		ok: true,
		conferenceId: SENSOR.id,
		claims: { registrationNumber: result.registrationId }
	});
	const keys = await caller.registration.ticketKeys({ conferenceId: SENSOR.id });
	expect(keys).toHaveLength(1);
	expect(JSON.stringify(keys)).not.toMatch(/private/i);
});

test('find my ticket needs the reference and the same contact, and answers alike for any mismatch', async () => {
	const result = await caller.registration.register({ ...person, email: 'lina@example.cn' });
	if (result.outcome !== 'registered') throw new Error('not registered');
	expect(
		await caller.registration.findTicket({
			reference: result.reference.toLowerCase(),
			contact: '139 1234 5678'
		})
	).toEqual({ secret: result.ticketSecret });
	expect(
		await caller.registration.findTicket({
			reference: result.reference,
			contact: 'LINA@example.cn'
		})
	).toEqual({ secret: result.ticketSecret });
	expect(
		await caller.registration.findTicket({ reference: result.reference, contact: '13900000000' })
	).toEqual({ secret: null });
	const throttled = await caller.registration
		.findTicket({ reference: 'WSC-AAAAAA', contact: '13912345678' })
		.catch((e: TRPCError) => e);
	expect((throttled as TRPCError).code).toBe('TOO_MANY_REQUESTS');
});

test('cancelling frees the seat, revokes the ticket and allows registering again', async () => {
	const result = await caller.registration.register(person);
	if (result.outcome !== 'registered') throw new Error('not registered');
	expect(await caller.registration.cancel({ secret: result.ticketSecret })).toEqual({
		cancelled: true
	});
	expect(await caller.registration.cancel({ secret: result.ticketSecret })).toEqual({
		cancelled: false
	});
	const ticket = await caller.registration.ticket({ secret: result.ticketSecret });
	expect(ticket).toMatchObject({ status: 'cancelled', token: null });
	expect((await caller.registration.revocations({ conferenceId: SENSOR.id })).revoked).toEqual([
		result.registrationId
	]);
	expect(await caller.registration.register(person)).toMatchObject({ outcome: 'registered' });
});

test('a malformed or unknown secret shows no ticket', async () => {
	expect(await caller.registration.ticket({ secret: 'nope' })).toBeNull();
	expect(await caller.registration.ticket({ secret: 'A'.repeat(22) })).toBeNull();
});

test('the conference page reports seats left and whether registration is open', async () => {
	const page = await caller.registration.conference({ conferenceId: SENSOR.id });
	expect(page.registrationOpen).toBe(true);
	expect(page.categories.find((c) => c.category === 'vip')).toMatchObject({
		needsApproval: true,
		seatsLeft: 120
	});
	await expect(caller.registration.conference({ conferenceId: 'nowhere' })).rejects.toMatchObject({
		code: 'NOT_FOUND'
	});
});
