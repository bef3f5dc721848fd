import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAttendeeCaller } from '../root.ts';
import { ensureTicketKeys } from '../services/tickets.ts';
import { signedInCaller } from '../test-support.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(now(), 'wsc');
let attendee: ReturnType<typeof createAttendeeCaller>;
let admin: Awaited<ReturnType<typeof signedInCaller>>['api'];

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await ensureTicketKeys(handle.db, now());
	attendee = createAttendeeCaller(createContextInner({ ...handle, source: '203.0.113.7', now }));
	admin = (await signedInCaller(handle, 'inviter', ['admin'], { now })).api;
});

async function invited(): Promise<string> {
	const { id } = await admin.invitations.create({
		conferenceId: SENSOR.id,
		category: 'vip',
		name: '陈静',
		organisation: '郑州大学',
		mobile: '13812345678'
	});
	const { invitations } = tables(handle.db);
	const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, id));
	return row!.secret;
}

const answer = (secret: string) => ({
	secret,
	name: '陈静',
	organisation: '郑州大学',
	consent: true as const
});

test('over the API, accepting twice at once answers one ticket, which verifies as confirmed', async () => {
	const secret = await invited();
	const [first, second] = await Promise.all([
		attendee.invitation.accept(answer(secret)),
		attendee.invitation.accept(answer(secret))
	]);
	expect(second.ticketSecret).toBe(first.ticketSecret);
	const ticket = await attendee.registration.ticket({ secret: first.ticketSecret });
	expect(ticket?.status).toBe('confirmed');
	expect(ticket?.token).toMatch(/^HZ1/);
	const list = await admin.invitations.list({ conferenceId: SENSOR.id, status: 'accepted' });
	expect(list.rows.map((r) => r.name)).toEqual(['陈静']);
});

test('a malformed, unknown or revoked link is NOT_FOUND to accept and null to open, alike', async () => {
	const secret = await invited();
	const [row] = (await admin.invitations.list({ conferenceId: SENSOR.id })).rows;
	await admin.invitations.revoke({ id: row!.id });
	for (const link of [secret, 'A'.repeat(22)]) {
		expect(await attendee.invitation.open({ secret: link })).toBeNull();
		await expect(attendee.invitation.accept(answer(link))).rejects.toMatchObject({
			code: 'NOT_FOUND'
		});
	}
	await expect(attendee.invitation.accept(answer('not a secret'))).rejects.toBeInstanceOf(
		TRPCError
	);
});

test('without consent nothing is accepted', async () => {
	const secret = await invited();
	await expect(
		attendee.invitation.accept({ ...answer(secret), consent: false as unknown as true })
	).rejects.toMatchObject({ code: 'BAD_REQUEST' });
	expect((await attendee.invitation.open({ secret }))?.state).toBe('opened');
});
