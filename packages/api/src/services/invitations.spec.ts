import { createTestDb } from '@huizhan/db/testing';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { acceptInvitationInput, inviteInput } from '../schemas/invitations.ts';
import { questionInput } from '../schemas/questions.ts';
import { registerInput } from '../schemas/registrations.ts';
import { csvOf } from '../spreadsheets/fixtures.ts';
import { staff } from '../test-support.ts';
import {
	commitInvitationImport,
	invitationTemplate,
	previewInvitationImport
} from './invitations-import.ts';
import {
	acceptInvitation,
	declineInvitation,
	invite,
	listInvitations,
	openInvitation,
	resendInvitation,
	revokeInvitation,
	type InvitationActor
} from './invitations.ts';
import { readSheet } from '../spreadsheets/read.ts';
import { createQuestion } from './questions.ts';
import { capacityLock, register, seatsLeft } from './registrations.ts';

let handle: DbHandle;
let actor: InvitationActor;
const now = new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(now, 'wsc');
const HOUR = 3_600_000;
/** The demo's VIP seats at the sensor conference (seed/demo-data.ts). */
const SENSOR_VIP_CAPACITY = 120;

const invitee = (overrides: Record<string, unknown> = {}) =>
	inviteInput.parse({
		conferenceId: SENSOR.id,
		category: 'vip',
		name: '李明',
		organisation: '河南省工业和信息化厅',
		title: '处长',
		mobile: '13800138000',
		...overrides
	});

const acceptance = (secret: string) =>
	acceptInvitationInput.parse({
		secret,
		name: '李明',
		organisation: '河南省工业和信息化厅',
		title: '处长',
		consent: true
	});

async function reason(run: () => Promise<unknown>): Promise<string> {
	try {
		await run();
		return 'none';
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		throw error;
	}
}

async function secretOf(id: number): Promise<string> {
	const { invitations } = tables(handle.db);
	const [row] = await handle.db.select().from(invitations).where(eq(invitations.id, id));
	return row!.secret;
}

async function setCategory(values: {
	byInvitation?: boolean;
	needsVetting?: boolean;
	capacity?: number;
}) {
	const { conferenceCategories } = tables(handle.db);
	await handle.db
		.update(conferenceCategories)
		.set(values)
		.where(
			and(
				eq(conferenceCategories.conferenceId, SENSOR.id),
				eq(conferenceCategories.category, 'vip')
			)
		);
}

async function outboxFor(invitationId: number) {
	const { outbox } = tables(handle.db);
	return handle.db.select().from(outbox).where(eq(outbox.invitationId, invitationId));
}

/** Accepts the way the attendee router does: under the edition's capacity lock. */
const acceptLocked = (secret: string, at = now) =>
	handle.writes.run((tx) => acceptInvitation(tx, acceptance(secret), at), {
		locks: [capacityLock(SENSOR.id)]
	});

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now);
	const [user] = await handle.db
		.insert(tables(handle.db).staffUsers)
		.values({ login: 'inviter', displayName: 'inviter', passwordHash: '$argon2id$not-used-here' })
		.returning();
	actor = { user: { ...staff(['admin']), id: user!.id }, source: 'test', now };
	await setCategory({ byInvitation: true });
});

describe('inviting one person', () => {
	test('stores a sent invitation with an unguessable link and queues its message on each channel', async () => {
		const { id } = await invite(handle.db, invitee({ email: 'li@example.cn' }), actor);
		const secret = await secretOf(id);
		expect(secret).toMatch(/^[A-Za-z0-9_-]{22}$/);
		const queued = await outboxFor(id);
		expect(queued.map((m) => [m.kind, m.channel]).sort()).toEqual([
			['invitation', 'mail'],
			['invitation', 'sms']
		]);
		const list = await listInvitations(handle.db, { conferenceId: SENSOR.id }, now);
		expect(list.counts.sent).toBe(1);
		expect(list.rows[0]).toMatchObject({ state: 'sent', contact: '138****8000', sendCount: 1 });
	});

	test('refuses a second live invitation to the same person, and a registered person', async () => {
		await invite(handle.db, invitee(), actor);
		expect(await reason(() => invite(handle.db, invitee({ name: '别人' }), actor))).toBe(
			'already_invited'
		);
		await register(
			handle.db,
			registerInput.parse({
				conferenceId: SENSOR.id,
				category: 'visitor',
				name: '王芳',
				organisation: '郑州大学',
				mobile: '13900139000',
				consent: true
			}),
			now
		);
		expect(await reason(() => invite(handle.db, invitee({ mobile: '13900139000' }), actor))).toBe(
			'already_registered'
		);
	});
});

describe('the invitee', () => {
	test('opens the link (marked opened once), accepts, and holds a confirmed ticket bound to the invited mobile', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		const secret = await secretOf(id);
		const view = await openInvitation(handle.db, secret, now);
		expect(view).toMatchObject({ state: 'opened', name: '李明', contact: '138****8000' });
		const accepted = await acceptLocked(secret);
		// VIP needs approval on the open form, but an invitation was already decided.
		expect(accepted.status).toBe('confirmed');
		const { registrations } = tables(handle.db);
		const [registration] = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.ticketSecret, accepted.ticketSecret));
		expect(registration).toMatchObject({ mobile: '+8613800138000', category: 'vip' });
		expect((await openInvitation(handle.db, secret, now))?.state).toBe('accepted');
		expect((await outboxFor(id)).length).toBe(1);
	});

	test("asks the invited category's questions: a missing answer refuses and stores nothing, answers are kept", async () => {
		const question = await createQuestion(
			handle.db,
			questionInput.parse({
				conferenceId: SENSOR.id,
				category: 'vip',
				kind: 'yes_no',
				labelZh: '是否需要住宿',
				labelEn: 'Accommodation needed',
				required: true
			}),
			actor
		);
		const { id } = await invite(handle.db, invitee(), actor);
		const secret = await secretOf(id);
		expect((await openInvitation(handle.db, secret, now))?.questions).toMatchObject([
			{ id: question.id, kind: 'yes_no', required: true }
		]);
		expect(await reason(() => acceptLocked(secret))).toBe('answers_invalid');
		const { registrationAnswers, registrations } = tables(handle.db);
		expect(
			await handle.db.select().from(registrations).where(eq(registrations.mobile, '+8613800138000'))
		).toEqual([]);

		const accepted = await handle.writes.run(
			(tx) =>
				acceptInvitation(
					tx,
					acceptInvitationInput.parse({
						...acceptance(secret),
						answers: { [`q${question.id}`]: 'yes' }
					}),
					now
				),
			{ locks: [capacityLock(SENSOR.id)] }
		);
		const [registration] = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.ticketSecret, accepted.ticketSecret));
		expect(
			await handle.db
				.select()
				.from(registrationAnswers)
				.where(eq(registrationAnswers.registrationId, registration!.id))
		).toEqual([{ registrationId: registration!.id, questionId: question.id, value: 'yes' }]);
	});

	test('waits for vetting when the category needs it', async () => {
		await setCategory({ needsVetting: true });
		const { id } = await invite(handle.db, invitee(), actor);
		expect((await acceptLocked(await secretOf(id))).status).toBe('pending_vetting');
	});

	test('accepting twice, even at once, makes one registration and answers the same ticket', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		const secret = await secretOf(id);
		const [first, second] = await Promise.all([acceptLocked(secret), acceptLocked(secret)]);
		expect(second.ticketSecret).toBe(first.ticketSecret);
		const again = await acceptLocked(secret);
		expect(again.reference).toBe(first.reference);
		const { registrations } = tables(handle.db);
		const rows = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.mobile, '+8613800138000'));
		expect(rows).toHaveLength(1);
	});

	test('two invitees racing for the last seat: one gets it, the other is told the category is full', async () => {
		const left = (await seatsLeft(handle.db, SENSOR.id)).vip!;
		const seatsTaken = SENSOR_VIP_CAPACITY - left;
		await setCategory({ capacity: seatsTaken + 1 });
		const a = await invite(handle.db, invitee(), actor);
		const b = await invite(handle.db, invitee({ mobile: '13700137000', name: '赵强' }), actor);
		const results = await Promise.allSettled([
			acceptLocked(await secretOf(a.id)),
			acceptLocked(await secretOf(b.id))
		]);
		expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
		expect((refused.reason as AppError).reason).toBe('category_full');
	});

	test('an expired invitation is shown as expired and cannot be accepted or resent', async () => {
		const { id } = await invite(handle.db, invitee({ expiresOn: '2026-11-30' }), actor);
		const secret = await secretOf(id);
		const later = new Date('2026-12-01T00:00:00+08:00');
		expect((await openInvitation(handle.db, secret, later))?.state).toBe('expired');
		expect(await reason(() => acceptLocked(secret, later))).toBe('invitation_expired');
		expect(await reason(() => resendInvitation(handle.db, id, { ...actor, now: later }))).toBe(
			'invitation_expired'
		);
		const list = await listInvitations(
			handle.db,
			{ conferenceId: SENSOR.id, status: 'expired' },
			later
		);
		expect(list.rows.map((r) => r.id)).toEqual([id]);
		expect(list.counts.sent).toBe(0);
	});

	test('an expired invitation blocks inviting the person again until it is revoked', async () => {
		const { id } = await invite(handle.db, invitee({ expiresOn: '2026-11-30' }), actor);
		const later = { ...actor, now: new Date('2026-12-01T00:00:00+08:00') };
		expect(await reason(() => invite(handle.db, invitee(), later))).toBe(
			'earlier_invitation_expired'
		);
		await revokeInvitation(handle.db, id, later);
		const again = await invite(handle.db, invitee(), later);
		expect(again.id).not.toBe(id);
	});

	test('a revoked link is dead: it shows nothing and accepting is refused as not found', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		const secret = await secretOf(id);
		await revokeInvitation(handle.db, id, actor);
		expect(await openInvitation(handle.db, secret, now)).toBeNull();
		expect(await reason(() => acceptLocked(secret))).toBe('invitation_not_found');
		expect(await reason(() => revokeInvitation(handle.db, id, actor))).toBe('invitation_revoked');
	});

	test('accepting is refused when the invited contact registered meanwhile', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		await register(
			handle.db,
			registerInput.parse({
				conferenceId: SENSOR.id,
				category: 'visitor',
				name: '李明',
				organisation: 'x',
				mobile: '13800138000',
				consent: true
			}),
			now
		);
		const secret = await secretOf(id);
		expect(await reason(() => acceptLocked(secret))).toBe('already_registered');
	});

	test('declining closes the invitation; accepting after it is refused', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		const secret = await secretOf(id);
		await declineInvitation(handle.db, secret, now);
		await declineInvitation(handle.db, secret, now);
		expect(await reason(() => acceptLocked(secret))).toBe('invitation_declined');
	});
});

describe('resending', () => {
	test('queues the message again and counts the send', async () => {
		const { id } = await invite(handle.db, invitee(), actor);
		const later = { ...actor, now: new Date(now.getTime() + HOUR) };
		expect(await resendInvitation(handle.db, id, later)).toEqual({ sendCount: 2 });
		expect((await outboxFor(id)).length).toBe(2);
	});
});

describe('the open form', () => {
	test('refuses a by-invitation category with its own code, and takes nothing', async () => {
		expect(
			await reason(() =>
				register(
					handle.db,
					registerInput.parse({
						conferenceId: SENSOR.id,
						category: 'vip',
						name: '张伟',
						organisation: 'x',
						mobile: '13600136000',
						consent: true
					}),
					now
				)
			)
		).toBe('category_by_invitation');
	});
});

const HEADERS = ['姓名', '单位', '职务', '手机', '邮箱', '国家或地区', '类别', '语言'];
const file = (rows: (string | null)[][], headers = HEADERS) =>
	new TextEncoder().encode(csvOf(rows, headers));

describe('importing a list of invitees', () => {
	test('names every bad cell by row and column and stores nothing', async () => {
		await invite(handle.db, invitee({ mobile: '13500135000' }), actor);
		const preview = await previewInvitationImport(
			handle.db,
			{
				conferenceId: SENSOR.id,
				filename: 'list.csv',
				bytes: file([
					['王芳', '郑州大学', '教授', '13900139000', '', '', 'VIP', ''],
					['', '郑州大学', '', '12345', '', '', 'vip', ''],
					['赵强', '某公司', '', '', 'not-an-email', '', '贵族', 'Klingon'],
					['孙丽', '某单位', '', '139 0013 9000', '', '', '嘉宾', ''],
					['周杰', '某单位', '', '13500135000', '', '', 'vip', ''],
					['吴敏', '某单位', '', '', '', '', 'vip', '']
				])
			},
			now
		);
		expect(preview.errors.map((e) => `${e.row}:${e.column}:${e.code}`)).toEqual([
			'3:姓名:required',
			'3:手机:mobile_invalid',
			'4:邮箱:email_invalid',
			'4:类别:unknown_category',
			'4:语言:unknown_language',
			'5:手机:duplicate_in_file',
			'6:手机:already_invited',
			'7:手机:contact_required'
		]);
		expect(preview.rows).toEqual([]);
		expect((await listInvitations(handle.db, { conferenceId: SENSOR.id }, now)).total).toBe(1);
		expect(
			await reason(() =>
				commitInvitationImport(
					handle.db,
					{
						conferenceId: SENSOR.id,
						filename: 'list.csv',
						bytes: file([['', '', '', '', '', '', '', '']])
					},
					actor
				)
			)
		).toBe('import_has_errors');
	});

	test('a good file previews its rows, then invites all of them at once with their messages queued', async () => {
		const bytes = file([
			['王芳', '郑州大学', '教授', '13900139000', '', '', 'VIP', ''],
			[
				'Anna Schmidt',
				'Bosch',
				'CTO',
				'+49 1512 3456789',
				'anna@example.de',
				'DE',
				'vip',
				'English'
			],
			['孙丽', '某单位', '', '', 'sun@example.cn', '', '嘉宾', '中文']
		]);
		const input = { conferenceId: SENSOR.id, filename: 'list.csv', bytes };
		const preview = await previewInvitationImport(handle.db, input, now);
		expect(preview.errors).toEqual([]);
		expect(preview.rows.map((r) => [r.row, r.category])).toEqual([
			[2, 'vip'],
			[3, 'vip'],
			[4, 'delegate']
		]);
		expect(await commitInvitationImport(handle.db, input, actor)).toEqual({ invited: 3 });
		const list = await listInvitations(handle.db, { conferenceId: SENSOR.id }, now);
		expect(list.counts.sent).toBe(3);
		const { outbox } = tables(handle.db);
		const messages = await handle.db.select().from(outbox).where(eq(outbox.kind, 'invitation'));
		expect(messages).toHaveLength(4);
		// The same file again: everyone is invited already, so nobody twice.
		expect(await reason(() => commitInvitationImport(handle.db, input, actor))).toBe(
			'import_has_errors'
		);
	});

	test('the template reads back with every column the import looks for', async () => {
		const template = await invitationTemplate();
		const sheet = await readSheet(Buffer.from(template.contentBase64, 'base64'), '姓名');
		expect(sheet.headers).toEqual(HEADERS);
	});
});
