import { createTestDb } from '@huizhan/db/testing';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { manualClock, signedInCaller } from '../test-support.ts';
import { ensureTicketKeys, ticketToken } from './tickets.ts';

/*
 * The scan at a session's gate (分论坛三 · 307会议室): the gate's own rungs, then the session's —
 * who may attend, sign-up only, and its seats — on both databases.
 */

let handle: DbHandle;
let clock: ReturnType<typeof manualClock>;

const MORNING = new Date('2024-11-03T09:00:00+08:00');
const nonce = () => randomBytes(9).toString('base64url');

beforeEach(async () => {
	handle = await createTestDb();
	clock = manualClock(MORNING);
	await seedDemo(handle.db, MORNING);
	await ensureTicketKeys(handle.db, MORNING);
	await seedDemoRegistrations(handle.db);
});

async function session(
	fields: Partial<typeof schema.agendaSessions.$inferInsert> = {},
	conferenceId = 'wsc-2024'
) {
	const { agendaSessions } = tables(handle.db);
	const [row] = await handle.db
		.insert(agendaSessions)
		.values({
			conferenceId,
			kind: 'sub_forum',
			titleZh: '分论坛三：智能传感器',
			titleEn: 'Sub-forum 3: Smart Sensors',
			startsAt: new Date('2024-11-03T09:00:00+08:00'),
			endsAt: new Date('2024-11-03T12:00:00+08:00'),
			hallZh: '307会议室',
			hallEn: 'Room 307',
			capacity: 2,
			allowedCategories: null,
			signupRequired: true,
			language: 'zh',
			...fields
		})
		.returning();
	return row!;
}

async function signUp(sessionId: number, ...people: { id: number }[]) {
	const { sessionSignups } = tables(handle.db);
	for (const p of people) {
		await handle.db.insert(sessionSignups).values({ sessionId, registrationId: p.id });
	}
}

/** Confirmed people of the WSC, every category mixed, in a fixed order. */
async function people(n: number, category?: schema.AttendeeCategory) {
	const { registrations } = tables(handle.db);
	return (
		await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.conferenceId, 'wsc-2024'))
			.orderBy(registrations.id)
	)
		.filter((r) => r.status === 'confirmed' && (!category || r.category === category))
		.slice(0, n);
}

const EVERY_CATEGORY: schema.AttendeeCategory[] = [
	'visitor',
	'delegate',
	'exhibitor',
	'media',
	'vip'
];

async function setUp() {
	const admin = (await signedInCaller(handle, 'admin1', ['admin'], { now: clock.now })).api;
	const door = (await signedInCaller(handle, 'gate1', ['door'], { now: clock.now })).api;
	const gateOf = (sessionId: number, nameZh: string) =>
		admin.checkpoints.create({
			conferenceId: 'wsc-2024',
			nameZh,
			nameEn: nameZh,
			allowedCategories: EVERY_CATEGORY,
			entryRule: 'once_per_conference',
			sessionId
		});
	const scanAt = async (checkpointId: number, person: typeof schema.registrations.$inferSelect) =>
		door.checkin.scan({
			checkpointId,
			code: await ticketToken(handle.db, person),
			deviceId: 'forum-door-1',
			nonce: nonce(),
			scannedAt: clock.now().toISOString()
		});
	return { admin, door, gateOf, scanAt };
}

describe('the gate of a session', () => {
	test('an admin makes a gate the door of a session of its edition, and no other', async () => {
		const { admin, gateOf } = await setUp();
		const forum = await session();
		const gate = await gateOf(forum.id, '分论坛三 · 307会议室');
		expect(gate).toMatchObject({
			sessionId: forum.id,
			session: { titleZh: '分论坛三：智能传感器', hallZh: '307会议室', kind: 'sub_forum' }
		});
		const listed = await admin.checkpoints.list({ conferenceId: 'wsc-2024' });
		expect(listed.find((g) => g.id === gate.id)?.session?.startsAt).toBe(
			forum.startsAt.toISOString()
		);
		const elsewhere = await session({ titleZh: '钻石论坛' }, 'diamond-2024');
		await expect(
			admin.checkpoints.update({
				checkpointId: gate.id,
				nameZh: gate.nameZh,
				nameEn: gate.nameEn,
				allowedCategories: gate.allowedCategories,
				entryRule: gate.entryRule,
				printBadge: false,
				active: true,
				sessionId: elsewhere.id
			})
		).rejects.toMatchObject({ reason: 'checkpoint_session_other_edition' });
		const freed = await admin.checkpoints.update({
			checkpointId: gate.id,
			nameZh: gate.nameZh,
			nameEn: gate.nameEn,
			allowedCategories: gate.allowedCategories,
			entryRule: gate.entryRule,
			printBadge: false,
			active: true,
			sessionId: null
		});
		expect(freed).toMatchObject({ sessionId: null, session: null });
	});
});

describe('the scan at a session gate', () => {
	test('admits who signed up, refuses who did not and a category the session does not take', async () => {
		const { gateOf, scanAt } = await setUp();
		const forum = await session({ allowedCategories: ['visitor', 'delegate', 'vip'] });
		const gate = await gateOf(forum.id, '分论坛三 · 307会议室');
		const [signed, walkIn] = await people(2, 'visitor');
		const [journalist] = await people(1, 'media');
		await signUp(forum.id, signed!, journalist!);

		expect(await scanAt(gate.id, signed!)).toMatchObject({ reason: 'ok', admitted: true });
		expect(await scanAt(gate.id, walkIn!)).toMatchObject({
			reason: 'not_signed_up',
			admitted: false,
			words: {
				zh: '未报名「分论坛三：智能传感器」，本场仅限已报名者入场',
				en: 'Not signed up for “Sub-forum 3: Smart Sensors” — sign-ups only'
			}
		});
		// Signing up does not make a category welcome.
		expect(await scanAt(gate.id, journalist!)).toMatchObject({ reason: 'not_allowed_here' });
		expect(await scanAt(gate.id, signed!)).toMatchObject({ reason: 'already_checked_in' });
	});

	test('a full room refuses even who signed up; an undo frees the seat', async () => {
		const { door, gateOf, scanAt } = await setUp();
		const forum = await session({ capacity: 2 });
		const front = await gateOf(forum.id, '分论坛三前门');
		const back = await gateOf(forum.id, '分论坛三后门');
		const [a, b, c] = await people(3);
		// More sign-ups than seats (the capacity was lowered after): the room still holds two.
		await signUp(forum.id, a!, b!, c!);
		expect((await scanAt(front.id, a!)).reason).toBe('ok');
		const second = await scanAt(back.id, b!);
		expect(second.reason).toBe('ok');
		const full = await scanAt(front.id, c!);
		expect(full).toMatchObject({
			reason: 'session_full',
			words: { zh: '「分论坛三：智能传感器」会场已满，请勿放行' }
		});
		// One already inside comes through the other door: no second seat, the entry is theirs.
		expect((await scanAt(front.id, b!)).reason).toBe('ok');
		await door.checkin.undo({ scanId: second.scanId, note: '走错会场', deviceId: 'forum-door-1' });
		// b still stands admitted at the front door: the room is full all the same.
		expect((await scanAt(back.id, c!)).reason).toBe('session_full');
	});

	test('an undo frees a seat for the next person', async () => {
		const { door, gateOf, scanAt } = await setUp();
		const forum = await session({ capacity: 1 });
		const gate = await gateOf(forum.id, '分论坛三 · 307会议室');
		const [a, b] = await people(2);
		await signUp(forum.id, a!, b!);
		const first = await scanAt(gate.id, a!);
		expect((await scanAt(gate.id, b!)).reason).toBe('session_full');
		await door.checkin.undo({ scanId: first.scanId, note: '扫错了人', deviceId: 'forum-door-1' });
		expect((await scanAt(gate.id, b!)).reason).toBe('ok');
	});

	test('seats held for who signed up are kept from walk-ins', async () => {
		const { gateOf, scanAt } = await setUp();
		const open = await session({ signupRequired: false, capacity: 2 });
		const gate = await gateOf(open.id, '主论坛 · 一号厅');
		const [signed, walkIn, late] = await people(3);
		await signUp(open.id, signed!);
		expect((await scanAt(gate.id, walkIn!)).reason).toBe('ok');
		// One seat left, held for the one who signed up.
		expect((await scanAt(gate.id, late!)).reason).toBe('session_full');
		expect((await scanAt(gate.id, signed!)).reason).toBe('ok');
	});

	test("a cancelled registration's sign-up holds no seat from walk-ins", async () => {
		const { gateOf, scanAt } = await setUp();
		const open = await session({ signupRequired: false, capacity: 2 });
		const gate = await gateOf(open.id, '主论坛 · 一号厅');
		const [gone, walkIn, late] = await people(3);
		await signUp(open.id, gone!);
		const { registrations } = tables(handle.db);
		await handle.db
			.update(registrations)
			.set({ status: 'cancelled', cancelledAt: clock.now() })
			.where(eq(registrations.id, gone!.id));
		expect((await scanAt(gate.id, walkIn!)).reason).toBe('ok');
		expect((await scanAt(gate.id, late!)).reason).toBe('ok');
	});

	test('scans at once at two doors never overfill the room', async () => {
		const { gateOf, scanAt } = await setUp();
		const open = await session({ signupRequired: false, capacity: 5 });
		const doors = [await gateOf(open.id, '东门'), await gateOf(open.id, '西门')];
		const crowd = await people(24);
		const answers = await Promise.all(crowd.map((p, i) => scanAt(doors[i % 2]!.id, p)));
		const reasons = answers.map((a) => a.reason);
		expect(reasons.filter((r) => r === 'ok')).toHaveLength(5);
		expect(reasons.filter((r) => r === 'session_full')).toHaveLength(19);
	});

	test('a gate made the door of a full session a moment ago already counts its seats', async () => {
		const { admin, scanAt } = await setUp();
		const plain = await admin.checkpoints.create({
			conferenceId: 'wsc-2024',
			nameZh: '多功能厅',
			nameEn: 'Function hall',
			allowedCategories: EVERY_CATEGORY,
			entryRule: 'once_per_conference'
		});
		const [a, b, c] = await people(3);
		// A scan while the gate belongs to no session: the scanner's process remembers that.
		expect((await scanAt(plain.id, a!)).reason).toBe('ok');
		const forum = await session({ signupRequired: false, capacity: 1 });
		await admin.checkpoints.update({
			checkpointId: plain.id,
			nameZh: plain.nameZh,
			nameEn: plain.nameEn,
			allowedCategories: plain.allowedCategories,
			entryRule: plain.entryRule,
			printBadge: false,
			active: true,
			sessionId: forum.id
		});
		// a's admission stands at this gate, now the session's door: the one seat is taken.
		expect((await scanAt(plain.id, b!)).reason).toBe('session_full');
		expect((await scanAt(plain.id, c!)).reason).toBe('session_full');
	});
});
