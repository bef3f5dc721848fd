import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { signedInCaller } from '../test-support.ts';
import { AppError } from '../errors.ts';
import { registerInput } from '../schemas/registrations.ts';
import { register } from './registrations.ts';
import { maskEmail, maskMobile } from './registration-desk.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
/** The demo's sensor edition open for registration on that day: wsc-2027. */
const SENSOR = currentDemoEdition(now(), 'wsc');

const staffCaller = async (login: string, roles: schema.StaffRole[]) =>
	(await signedInCaller(handle, login, roles, { source: '10.0.0.9', now })).api;

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	for (const [i, category] of (['visitor', 'vip', 'media'] as const).entries()) {
		await register(
			handle.db,
			registerInput.parse({
				conferenceId: SENSOR.id,
				category,
				name: `参会者${i}`,
				organisation: '某单位',
				mobile: `1381234567${i}`,
				email: `p${i}@example.cn`,
				consent: true
			}),
			now()
		);
	}
});

test('masks contacts as door staff need them: enough to recognise, not to contact', () => {
	expect(maskMobile('+8613812345678')).toBe('138****5678');
	expect(maskMobile('+4915123456789')).toBe('+49****6789');
	expect(maskEmail('zhang.wei@example.cn')).toBe('z***@example.cn');
});

test('admins see contacts in full; door staff see them masked and can search by mobile tail', async () => {
	const admin = await staffCaller('root', ['admin']);
	const door = await staffCaller('gate1', ['door']);
	expect((await admin.registrations.list({})).rows.map((r) => r.mobile)).toContain(
		'+8613812345670'
	);
	const found = await door.registrations.list({ text: '5671' });
	expect(found.total).toBe(1);
	expect(found.rows[0]).toMatchObject({
		name: '参会者1',
		mobile: '138****5671',
		email: 'p***@example.cn'
	});
});

test('staff who see mobiles masked can search by the four digits shown and by no longer tail', async () => {
	const door = await staffCaller('gate1', ['door']);
	const admin = await staffCaller('root', ['admin']);
	const listed = async (caller: typeof door, text: string) =>
		(await caller.registrations.list({ text })).rows.map((r) => r.name);
	const searched = async (caller: typeof door, text: string) =>
		(await caller.checkin.search({ conferenceId: SENSOR.id, text })).map((r) => r.name);

	for (const search of [listed, searched]) {
		expect(await search(door, '5671')).toEqual(['参会者1']);
		expect(await search(door, '尾号5671')).toEqual(['参会者1']);
		// One digit more than the mask shows would confirm it: 45671 finds, 55671 does not, …
		for (const longer of ['45671', '345671', '13812345671', '+8613812345671']) {
			expect(await search(door, longer), longer).toEqual([]);
		}
	}
	// The gate's search masks for admins too, so it matches like the door's.
	expect(await searched(admin, '45671')).toEqual([]);
	// In the registration list admins see numbers whole, and may search by any tail.
	expect(await listed(admin, '45671')).toEqual(['参会者1']);
	expect(await listed(admin, '13812345671')).toEqual(['参会者1']);
});

test("a reference is searched as a reference: its digits are not read as someone's mobile tail", async () => {
	const admin = await staffCaller('root', ['admin']);
	const door = await staffCaller('gate1', ['door']);
	const [first] = (await admin.registrations.list({ text: '参会者0' })).rows;
	// A reference whose digits (5671) are the tail of 参会者1's mobile, as a drawn one may be.
	const reference = 'WSC-K5671';
	const { registrations } = tables(handle.db);
	await handle.db.update(registrations).set({ reference }).where(eq(registrations.id, first!.id));
	for (const caller of [admin, door]) {
		expect((await caller.registrations.list({ text: reference })).rows.map((r) => r.name)).toEqual([
			'参会者0'
		]);
		expect(
			(await caller.checkin.search({ conferenceId: SENSOR.id, text: reference })).map((r) => r.name)
		).toEqual(['参会者0']);
	}
	// A number typed with its separators is still a mobile.
	expect(
		(await admin.registrations.list({ text: '+86 138-1234-5671' })).rows.map((r) => r.name)
	).toEqual(['参会者1']);
});

test('an admin approves a pending VIP, rejects a pending media registration, and both are audited', async () => {
	const admin = await staffCaller('root', ['admin']);
	const pending = (await admin.registrations.list({ status: 'pending' })).rows;
	expect(pending.map((r) => r.category).sort()).toEqual(['media', 'vip']);
	const vip = pending.find((r) => r.category === 'vip')!;
	const media = pending.find((r) => r.category === 'media')!;
	expect(await admin.registrations.decide({ registrationId: vip.id, decision: 'approve' })).toEqual(
		{ status: 'confirmed' }
	);
	expect(
		await admin.registrations.decide({ registrationId: media.id, decision: 'reject' })
	).toEqual({ status: 'rejected' });
	const again = await admin.registrations
		.decide({ registrationId: vip.id, decision: 'approve' })
		.catch((e: AppError) => e);
	expect((again as AppError).reason).toBe('registration_not_pending');
	const actions = (await handle.db.select().from(tables(handle.db).auditLog)).map((a) => a.action);
	expect(actions).toEqual(['registration_approved', 'registration_rejected']);
});

test('the list filters and marks who is checked in; an undone admission no longer counts', async () => {
	const admin = await staffCaller('root', ['admin']);
	const door = await staffCaller('gate1', ['door']);
	const [visitor] = (await admin.registrations.list({ category: 'visitor' })).rows;
	const gate = (await handle.db.select().from(tables(handle.db).checkpoints)).find(
		(c) => c.conferenceId === SENSOR.id && c.allowedCategories.includes('visitor')
	)!;
	const answer = await door.checkin.scan({
		checkpointId: gate.id,
		code: visitor!.reference,
		deviceId: 'desk-test-device',
		nonce: 'desk-test-nonce-1',
		scannedAt: now().toISOString()
	});
	expect(answer.reason).toBe('ok');

	const inside = await door.registrations.list({ checkedIn: true });
	expect(inside.rows.map((r) => r.reference)).toEqual([visitor!.reference]);
	expect(inside.rows[0]?.checkedIn).toBe(true);
	const outside = await door.registrations.list({ checkedIn: false });
	expect(outside.total).toBe((await door.registrations.list({})).total - 1);
	expect(outside.rows.every((r) => !r.checkedIn)).toBe(true);

	await door.checkin.undo({ scanId: answer.scanId!, note: '扫错了', deviceId: 'desk-test-device' });
	expect((await door.registrations.list({ checkedIn: true })).total).toBe(0);
});

test('a search by name or organisation ignores the case of Latin letters', async () => {
	await register(
		handle.db,
		registerInput.parse({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: 'Anna Schmidt',
			organisation: 'Bosch Sensortec',
			mobile: '+4915123456789',
			email: 'anna@example.de',
			consent: true
		}),
		now()
	);
	const door = await staffCaller('gate1', ['door']);
	const names = async (text: string) =>
		(await door.registrations.list({ conferenceId: SENSOR.id, text })).rows.map((r) => r.name);
	expect(await names('anna schmidt')).toEqual(['Anna Schmidt']);
	expect(await names('BOSCH')).toEqual(['Anna Schmidt']);
	expect(await names('sensorTEC')).toEqual(['Anna Schmidt']);
});
