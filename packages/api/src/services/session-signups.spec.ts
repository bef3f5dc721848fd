import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner, type PublicLimits } from '../context.ts';
import { AppError } from '../errors.ts';
import { RateLimiter } from '../http/rate-limit.ts';
import ExcelJS from 'exceljs';
import { createAttendeeCaller } from '../root.ts';
import { signedInCaller } from '../test-support.ts';
import { SIGNUP_EXPORT_HEADERS } from './session-signups-list.ts';
import { agendaOf } from './agenda.ts';
import { cancelBySecret } from './registrations.ts';

let handle: DbHandle;
let clock = new Date('2026-11-26T10:00:00+08:00');
const now = () => clock;
const SENSOR = currentDemoEdition(new Date('2026-11-26T10:00:00+08:00'), 'wsc');
let caller: ReturnType<typeof createAttendeeCaller>;

const limits = (): PublicLimits => ({
	register: new RateLimiter(1000, 60_000),
	findTicket: new RateLimiter(3, 60_000)
});

beforeEach(async () => {
	clock = new Date('2026-11-26T10:00:00+08:00');
	handle = await createTestDb();
	await seedDemo(handle.db, clock);
	caller = createAttendeeCaller(
		createContextInner({ ...handle, source: '203.0.113.7', now, limits: limits() })
	);
	return () => handle.close();
});

const at = (text: string) => new Date(`${text}+08:00`);

/** A sub-forum of the sensor edition; the defaults take anyone. */
async function forum(
	titleZh: string,
	startsAt: string,
	endsAt: string,
	extra: { capacity?: number; allowedCategories?: ('delegate' | 'vip')[]; hallZh?: string } = {}
) {
	const { hallZh = titleZh, ...rest } = extra;
	const [row] = await handle.db
		.insert(tables(handle.db).agendaSessions)
		.values({
			conferenceId: SENSOR.id,
			kind: 'sub_forum',
			titleZh,
			titleEn: `${titleZh} (en)`,
			startsAt: at(startsAt),
			endsAt: at(endsAt),
			hallZh,
			hallEn: hallZh,
			language: 'zh',
			signupRequired: true,
			...rest
		})
		.returning();
	return row!;
}

let phone = 13900000000;
async function attendee(category: 'visitor' | 'delegate' = 'visitor', sessions: number[] = []) {
	phone += 1;
	const result = await caller.registration.register({
		conferenceId: SENSOR.id,
		category,
		name: '李娜',
		organisation: '河南大学',
		mobile: String(phone),
		consent: true,
		sessions
	});
	if (result.outcome !== 'registered') throw new Error('not registered');
	return result;
}

async function reasonOf(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		return error instanceof AppError ? error.reason : String(error);
	}
}

test('ten attendees at once for two seats: exactly two get one, the others are told it is full', async () => {
	const small = await forum('分论坛三', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		capacity: 2
	});
	const people = await Promise.all(Array.from({ length: 10 }, () => attendee()));
	const outcomes = await Promise.all(
		people.map((p) =>
			reasonOf(caller.registration.signUp({ secret: p.ticketSecret, sessionId: small.id }))
		)
	);
	expect(outcomes.filter((o) => o === 'none')).toHaveLength(2);
	expect(outcomes.filter((o) => o === 'session_full')).toHaveLength(8);
	const [session] = (await agendaOf(handle.db, SENSOR.id)).filter((s) => s.id === small.id);
	expect(session?.signedUp).toBe(2);
});

test('a third attendee is told the forum is full, and a cancelled sign-up frees the seat', async () => {
	const small = await forum('分论坛三', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		capacity: 2
	});
	const [a, b, c] = [await attendee(), await attendee(), await attendee()];
	await caller.registration.signUp({ secret: a.ticketSecret, sessionId: small.id });
	await caller.registration.signUp({ secret: b.ticketSecret, sessionId: small.id });
	expect(
		await reasonOf(caller.registration.signUp({ secret: c.ticketSecret, sessionId: small.id }))
	).toBe('session_full');
	const choices = await caller.registration.sessionChoices({ secret: c.ticketSecret });
	expect(choices.find((s) => s.id === small.id)).toMatchObject({
		seatsLeft: 0,
		blocked: 'session_full',
		chosen: false
	});

	expect(
		await caller.registration.cancelSignup({ secret: a.ticketSecret, sessionId: small.id })
	).toMatchObject({ cancelled: true, session: { id: small.id, titleZh: '分论坛三' } });
	expect(
		await caller.registration.cancelSignup({ secret: a.ticketSecret, sessionId: small.id })
	).toMatchObject({ cancelled: false });
	expect(
		await caller.registration.signUp({ secret: c.ticketSecret, sessionId: small.id })
	).toMatchObject({ added: true });
});

test('a category the forum does not admit is refused, naming the categories it does', async () => {
	const vipOnly = await forum('院士论坛', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		allowedCategories: ['delegate', 'vip']
	});
	const visitor = await attendee('visitor');
	const error = await caller.registration
		.signUp({ secret: visitor.ticketSecret, sessionId: vipOnly.id })
		.catch((e: unknown) => e);
	expect(error).toBeInstanceOf(AppError);
	expect((error as AppError).reason).toBe('session_category');
	expect((error as AppError).details).toEqual({ allowedCategories: ['delegate', 'vip'] });
	const choices = await caller.registration.sessionChoices({ secret: visitor.ticketSecret });
	expect(choices.find((s) => s.id === vipOnly.id)?.blocked).toBe('session_category');
	// A delegate awaiting approval holds a seat already, and may pick forums meanwhile.
	const delegate = await attendee('delegate');
	expect(delegate.status).toBe('pending');
	expect(
		await caller.registration.signUp({ secret: delegate.ticketSecret, sessionId: vipOnly.id })
	).toMatchObject({ added: true });
});

test('a clash with a chosen session is reported, not refused; signing up twice is one sign-up', async () => {
	const morning = await forum('分论坛一', '2027-04-20T09:00:00', '2027-04-20T12:00:00');
	const overlapping = await forum('分论坛二', '2027-04-20T11:00:00', '2027-04-20T13:00:00');
	const afternoon = await forum('分论坛四', '2027-04-20T12:00:00', '2027-04-20T15:00:00');
	const a = await attendee();
	const first = await caller.registration.signUp({ secret: a.ticketSecret, sessionId: morning.id });
	expect(first).toEqual({
		session: { id: morning.id, titleZh: '分论坛一', titleEn: '分论坛一 (en)' },
		added: true,
		clashes: []
	});
	const second = await caller.registration.signUp({
		secret: a.ticketSecret,
		sessionId: overlapping.id
	});
	expect(second.added).toBe(true);
	expect(second.clashes).toEqual([
		{
			id: morning.id,
			titleZh: '分论坛一',
			titleEn: '分论坛一 (en)',
			startsAt: morning.startsAt,
			endsAt: morning.endsAt
		}
	]);
	// Touching ends are no clash.
	const third = await caller.registration.signUp({
		secret: a.ticketSecret,
		sessionId: afternoon.id
	});
	expect(third.clashes.map((c) => c.id)).toEqual([overlapping.id]);

	const again = await caller.registration.signUp({ secret: a.ticketSecret, sessionId: morning.id });
	expect(again.added).toBe(false);
	const mine = await caller.registration.myAgenda({ secret: a.ticketSecret });
	expect(mine.map((s) => s.titleZh)).toEqual(['分论坛一', '分论坛二', '分论坛四']);
	expect(mine[0]?.signedUp).toBe(1);
});

test('a session already over takes no sign-ups and keeps the ones it had', async () => {
	const past = await forum('分论坛一', '2027-04-20T09:00:00', '2027-04-20T12:00:00');
	const a = await attendee();
	const b = await attendee();
	await caller.registration.signUp({ secret: a.ticketSecret, sessionId: past.id });
	clock = at('2027-04-20T12:00:00');
	expect(
		await reasonOf(caller.registration.signUp({ secret: b.ticketSecret, sessionId: past.id }))
	).toBe('session_over');
	expect(
		await reasonOf(caller.registration.cancelSignup({ secret: a.ticketSecret, sessionId: past.id }))
	).toBe('session_over');
});

test('a cancelled registration frees its forum seats and takes no new ones', async () => {
	const small = await forum('分论坛三', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		capacity: 1
	});
	const other = await forum('分论坛五', '2027-04-20T14:00:00', '2027-04-20T16:00:00');
	const a = await attendee();
	const b = await attendee();
	await caller.registration.signUp({ secret: a.ticketSecret, sessionId: small.id });
	expect(await cancelBySecret(handle.db, a.ticketSecret, now())).toBe(true);
	expect(
		await reasonOf(caller.registration.signUp({ secret: a.ticketSecret, sessionId: other.id }))
	).toBe('registration_not_seated');
	expect(
		await caller.registration.signUp({ secret: b.ticketSecret, sessionId: small.id })
	).toMatchObject({ added: true });
});

test('an unknown or malformed secret is not found, alike, and a session of another edition too', async () => {
	const code = (p: Promise<unknown>) =>
		p.then(
			() => 'OK',
			(e: unknown) => (e instanceof TRPCError ? e.code : 'THREW')
		);
	const session = await forum('分论坛一', '2027-04-20T09:00:00', '2027-04-20T12:00:00');
	expect(
		await code(caller.registration.signUp({ secret: 'A'.repeat(22), sessionId: session.id }))
	).toBe('NOT_FOUND');
	expect(await code(caller.registration.sessionChoices({ secret: 'short' }))).toBe('NOT_FOUND');
	const [elsewhere] = await handle.db
		.insert(tables(handle.db).agendaSessions)
		.values({
			conferenceId: currentDemoEdition(now(), 'diamond').id,
			kind: 'sub_forum',
			titleZh: '金刚石',
			titleEn: 'Diamond',
			startsAt: at('2027-04-20T09:00:00'),
			endsAt: at('2027-04-20T12:00:00'),
			hallZh: '1',
			hallEn: '1',
			language: 'zh'
		})
		.returning();
	const a = await attendee();
	expect(
		await reasonOf(caller.registration.signUp({ secret: a.ticketSecret, sessionId: elsewhere!.id }))
	).toBe('session_not_found');
});

test('the registration form signs up in the same write, and a full forum costs it nothing', async () => {
	// The demo's own agenda offers some forums already; these two join them, in time order.
	const demo = (await caller.registration.registrationSessions({ conferenceId: SENSOR.id })).map(
		(s) => s.id
	);
	const small = await forum('分论坛三', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		capacity: 1
	});
	const open = await forum('分论坛一', '2027-04-21T09:00:00', '2027-04-21T12:00:00');
	const offered = await caller.registration.registrationSessions({ conferenceId: SENSOR.id });
	expect(offered).toHaveLength(demo.length + 2);
	expect(offered.map((s) => s.id).filter((id) => !demo.includes(id))).toEqual([small.id, open.id]);
	// A draft's agenda is not offered to anyone.
	const { conferences } = tables(handle.db);
	const [{ status } = { status: 'open' as const }] = await handle.db
		.select({ status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, SENSOR.id));
	await handle.db.update(conferences).set({ status: 'draft' }).where(eq(conferences.id, SENSOR.id));
	expect(await caller.registration.registrationSessions({ conferenceId: SENSOR.id })).toEqual([]);
	await handle.db.update(conferences).set({ status }).where(eq(conferences.id, SENSOR.id));

	const first = await attendee('visitor', [small.id, open.id]);
	expect(first.sessionsNotTaken).toEqual([]);
	expect(
		(await caller.registration.myAgenda({ secret: first.ticketSecret })).map((s) => s.id)
	).toEqual([small.id, open.id]);

	const second = await attendee('visitor', [small.id, open.id]);
	expect(second.sessionsNotTaken).toEqual([{ sessionId: small.id, reason: 'session_full' }]);
	expect(
		(await caller.registration.myAgenda({ secret: second.ticketSecret })).map((s) => s.id)
	).toEqual([open.id]);
	const { registrations: r } = tables(handle.db);
	const [stored] = await handle.db
		.select({ status: r.status })
		.from(r)
		.where(eq(r.id, second.registrationId));
	expect(stored?.status).toBe('confirmed');
});

test('admins list the sign-ups of a session with contacts masked, and export them in full, audited', async () => {
	const small = await forum('分论坛三', '2027-04-20T09:00:00', '2027-04-20T12:00:00', {
		capacity: 5
	});
	const a = await attendee('visitor', [small.id]);
	const b = await attendee('visitor', [small.id]);
	await cancelBySecret(handle.db, b.ticketSecret, now());
	const { api } = await signedInCaller(handle, 'forum-admin', ['admin'], { now });
	const list = await api.sessionSignups.list({ sessionId: small.id });
	expect(list.session.titleZh).toBe('分论坛三');
	expect(list.signups).toHaveLength(1);
	expect(list.signups[0]).toMatchObject({
		reference: a.reference,
		name: '李娜',
		category: 'visitor',
		mobile: `${String(phone - 1).slice(0, 3)}****${String(phone - 1).slice(-4)}`
	});
	expect(JSON.stringify(list)).not.toContain(String(phone - 1));

	const file = await api.sessionSignups.export({ sessionId: small.id, format: 'xlsx' });
	expect(file.filename).toMatch(/^论坛报名-\d+-\d{8}-\d{4}\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
	const rows = workbook.getWorksheet('论坛报名')!.getSheetValues().filter(Boolean) as unknown[][];
	expect(rows[0]?.slice(1)).toEqual([...SIGNUP_EXPORT_HEADERS]);
	expect(rows.slice(1).map((r) => [r[1], r[6]])).toEqual([[a.reference, `+86${phone - 1}`]]);
	const { auditLog } = tables(handle.db);
	const audited = await handle.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.action, 'session_signups_exported'));
	expect(audited.map((e) => e.subjectId)).toEqual([String(small.id)]);
	expect(await reasonOf(api.sessionSignups.list({ sessionId: 999_999 }))).toBe('session_not_found');
});
