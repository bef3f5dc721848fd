import { createTestDb } from '@huizhan/db/testing';
import { and, eq, isNotNull } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { signedInCaller } from '../test-support.ts';
import type { AppError } from '../errors.ts';
import { registerInput } from '../schemas/registrations.ts';
import { register } from './registrations.ts';
import { NOTICE_LIMITS } from './notices.ts';

let handle: DbHandle;
let clock: number;
const now = () => new Date(clock);
const START = new Date('2026-11-26T10:00:00+08:00').getTime();
/** The demo's editions open for registration on that day. */
const SENSOR = currentDemoEdition(new Date(START), 'wsc');
const OTHER = currentDemoEdition(new Date(START), 'diamond');

type Person = { id: number; reference: string; secret: string };
let people: Record<string, Person>;

const admin = async (login = 'root') =>
	(await signedInCaller(handle, login, ['admin'], { source: '10.0.0.9', now })).api;

async function person(
	key: string,
	fields: {
		conferenceId?: string;
		category?: schema.AttendeeCategory;
		mobile?: string;
		email?: string;
		language?: 'zh-CN' | 'en';
	}
) {
	const outcome = await register(
		handle.db,
		registerInput.parse({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: `参会者${key}`,
			organisation: '某单位',
			consent: true,
			...fields
		}),
		now()
	);
	if (outcome.outcome !== 'registered') throw new Error(`${key} was not registered`);
	const { registrations } = tables(handle.db);
	const [row] = await handle.db
		.select()
		.from(registrations)
		.where(eq(registrations.reference, outcome.reference));
	people[key] = { id: row!.id, reference: row!.reference, secret: row!.ticketSecret };
	return row!;
}

beforeEach(async () => {
	clock = START;
	people = {};
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await person('zhBoth', { mobile: '13812340001', email: 'both@example.cn' });
	await person('enMail', { email: 'mail@example.com', language: 'en' });
	await person('zhSms', { mobile: '13812340003' });
	await person('inside', { mobile: '13812340004' });
	await person('media', { category: 'media', mobile: '13812340005' }); // pending approval
	await person('elsewhere', { conferenceId: OTHER.id, mobile: '13812340006' });
	await person('gone', { mobile: '13812340007' });
	const { registrations } = tables(handle.db);
	await handle.db
		.update(registrations)
		.set({ status: 'cancelled', cancelledAt: now() })
		.where(eq(registrations.id, people.gone!.id));
	// Admitted at a gate: not in a "checked in: no" notice.
	const door = (await signedInCaller(handle, 'gate', ['door'], { now })).api;
	const gate = (await handle.db.select().from(tables(handle.db).checkpoints)).find(
		(c) => c.conferenceId === SENSOR.id && c.allowedCategories.includes('visitor')
	)!;
	const admitted = await door.checkin.scan({
		checkpointId: gate.id,
		code: people.inside!.reference,
		deviceId: 'notice-test-device',
		nonce: 'notice-test-nonce-1',
		scannedAt: now().toISOString()
	});
	expect(admitted.reason).toBe('ok');
});

const notCheckedIn = { conferenceId: SENSOR.id, checkedIn: 'no' as const };
const bodies = { bodyZh: '明天上午9点开幕，请提前到场。', bodyEn: 'Opening at 9:00 tomorrow.' };

async function outboxRows() {
	const { outbox } = tables(handle.db);
	const rows = await handle.db.select().from(outbox).where(isNotNull(outbox.noticeId));
	return rows
		.map((r) => ({
			registrationId: r.registrationId,
			channel: r.channel,
			kind: r.kind,
			noticeId: r.noticeId,
			onceKey: r.onceKey
		}))
		.sort((a, b) => a.registrationId! - b.registrationId! || a.channel.localeCompare(b.channel));
}

test('a notice to "checked in: no" reaches exactly the confirmed people never admitted, once, however often pressed', async () => {
	const api = await admin();
	const preview = await api.notices.preview({ ...notCheckedIn, ...bodies });
	expect(preview).toMatchObject({
		recipients: 3,
		bySms: 2,
		byMail: 2,
		unreachable: 0,
		inChinese: 2,
		inEnglish: 1
	});
	const send = {
		...notCheckedIn,
		...bodies,
		requestId: preview.requestId,
		expectedRecipients: preview.recipients
	};
	// A double click and a second tab: the same form key, at once and again later.
	const [first, second] = await Promise.all([api.notices.send(send), api.notices.send(send)]);
	const third = await api.notices.send(send);
	const sent = [first, second].find((s) => !s.duplicate)!;
	expect([first, second].filter((s) => s.duplicate)).toHaveLength(1);
	expect(third.duplicate).toBe(true);
	expect(second.notice.id).toBe(first.notice.id);
	expect(third.notice).toEqual(sent.notice);
	expect(sent.queued).toBe(4);
	expect(sent.notice).toMatchObject({ recipientCount: 3, conferenceId: SENSOR.id, ...bodies });

	const notices = await handle.db.select().from(tables(handle.db).notices);
	expect(notices).toHaveLength(1);
	const id = sent.notice.id;
	const message = (who: string, channel: 'mail' | 'sms') => ({
		registrationId: people[who]!.id,
		channel,
		kind: 'notice',
		noticeId: id,
		onceKey: `notice:${id}:${people[who]!.id}:${channel}`
	});
	expect(await outboxRows()).toEqual(
		[
			message('zhBoth', 'mail'),
			message('zhBoth', 'sms'),
			message('enMail', 'mail'),
			message('zhSms', 'sms')
		].sort((a, b) => a.registrationId - b.registrationId || a.channel.localeCompare(b.channel))
	);
});

test('the audience narrows by category, delegation and check-in, within confirmed registrations of one edition', async () => {
	const api = await admin();
	const { delegations, registrations } = tables(handle.db);
	const [group] = await handle.db
		.insert(delegations)
		.values({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: '深圳市代表团',
			organisation: '深圳市商务局',
			leaderName: '领队',
			leaderMobile: '+8613812349999',
			quota: 10,
			secret: 'delegation-secret-for-notices-test',
			createdBy: 1,
			createdAt: now()
		})
		.returning();
	await handle.db
		.update(registrations)
		.set({ delegationId: group!.id })
		.where(eq(registrations.id, people.zhSms!.id));
	const count = async (audience: object) =>
		(await api.notices.preview({ conferenceId: SENSOR.id, ...audience })).recipients;

	expect(await count({})).toBe(4);
	expect(await count({ checkedIn: 'yes' })).toBe(1);
	expect(await count({ categories: ['media'] })).toBe(0);
	expect(await count({ categories: ['visitor', 'media'] })).toBe(4);
	expect(await count({ delegationIds: [group!.id] })).toBe(1);
	expect(await count({ delegationIds: [group!.id], checkedIn: 'yes' })).toBe(0);
	expect(await api.notices.options({ conferenceId: SENSOR.id })).toMatchObject({
		delegations: [{ id: group!.id, name: '深圳市代表团', category: 'visitor' }]
	});

	const refused = await api.notices
		.preview({ conferenceId: OTHER.id, delegationIds: [group!.id] })
		.catch((e: AppError) => e);
	expect((refused as AppError).reason).toBe('notice_delegation_not_found');
	const unknown = await api.notices
		.preview({ conferenceId: 'no-such-edition' })
		.catch((e: AppError) => e);
	expect((unknown as AppError).reason).toBe('notice_edition_not_found');
});

test('refuses a send whose audience changed since the preview, or is empty, and stores nothing', async () => {
	const api = await admin();
	const preview = await api.notices.preview({ ...notCheckedIn, ...bodies });
	await person('late', { mobile: '13812340008' });
	const changed = await api.notices
		.send({
			...notCheckedIn,
			...bodies,
			requestId: preview.requestId,
			expectedRecipients: preview.recipients
		})
		.catch((e: AppError) => e);
	expect((changed as AppError).reason).toBe('notice_audience_changed');
	const empty = await api.notices
		.send({
			conferenceId: SENSOR.id,
			categories: ['media'],
			...bodies,
			requestId: preview.requestId,
			expectedRecipients: 0
		})
		.catch((e: AppError) => e);
	expect((empty as AppError).reason).toBe('notice_no_recipients');
	const blank = await api.notices
		.send({
			...notCheckedIn,
			bodyZh: ' ',
			bodyEn: 'x',
			requestId: preview.requestId,
			expectedRecipients: 4
		})
		.catch((e: AppError) => e);
	expect((blank as AppError).code).toBe('BAD_REQUEST');
	expect(await handle.db.select().from(tables(handle.db).notices)).toEqual([]);
	expect(await outboxRows()).toEqual([]);
	expect(await handle.db.select().from(tables(handle.db).auditLog)).toEqual([]);
});

test('a form key of another edition is refused, not answered with that notice', async () => {
	const api = await admin();
	const preview = await api.notices.preview({ ...notCheckedIn, ...bodies });
	const key = { requestId: preview.requestId, ...bodies };
	await api.notices.send({ ...notCheckedIn, ...key, expectedRecipients: 3 });
	const reused = await api.notices
		.send({ conferenceId: OTHER.id, checkedIn: 'any', ...key, expectedRecipients: 1 })
		.catch((e: AppError) => e);
	expect((reused as AppError).reason).toBe('notice_request_reused');
});

test('at most so many notices per edition and per admin in an hour; then again', async () => {
	const api = await admin();
	const send = async (conferenceId: string, n: number, caller = api) => {
		const preview = await caller.notices.preview({ conferenceId, ...bodies });
		return caller.notices.send({
			conferenceId,
			...bodies,
			bodyEn: `${bodies.bodyEn} (${n})`,
			requestId: preview.requestId,
			expectedRecipients: preview.recipients
		});
	};
	for (let n = 0; n < NOTICE_LIMITS.perEdition; n += 1) await send(SENSOR.id, n);
	const limited = await send(SENSOR.id, 99).catch((e: AppError) => e);
	expect((limited as AppError).code).toBe('TOO_MANY_REQUESTS');
	expect((limited as AppError).reason).toBe('notice_rate_limited');
	// Another edition is not held up by this one's limit, until the admin's own is reached.
	for (let n = NOTICE_LIMITS.perEdition; n < NOTICE_LIMITS.perAdmin; n += 1)
		await send(OTHER.id, n);
	const own = await send(OTHER.id, 99).catch((e: AppError) => e);
	expect((own as AppError).reason).toBe('notice_rate_limited');
	clock += NOTICE_LIMITS.windowMs;
	expect((await send(SENSOR.id, 100)).duplicate).toBe(false);
});

test('the history shows each notice with its delivery per channel from the outbox', async () => {
	const api = await admin();
	expect(await api.notices.list({})).toEqual([]);
	const preview = await api.notices.preview({ ...notCheckedIn, ...bodies });
	const { notice } = await api.notices.send({
		...notCheckedIn,
		...bodies,
		requestId: preview.requestId,
		expectedRecipients: preview.recipients
	});
	const { outbox } = tables(handle.db);
	await handle.db
		.update(outbox)
		.set({ status: 'sent', sentAt: now() })
		.where(and(eq(outbox.noticeId, notice.id), eq(outbox.registrationId, people.zhBoth!.id)));
	await handle.db
		.update(outbox)
		.set({ status: 'failed' })
		.where(and(eq(outbox.noticeId, notice.id), eq(outbox.registrationId, people.zhSms!.id)));
	const [row, ...rest] = await api.notices.list({ conferenceId: SENSOR.id });
	expect(rest).toEqual([]);
	expect(row).toMatchObject({
		id: notice.id,
		recipientCount: 3,
		createdByName: 'root',
		audience: { categories: [], delegationIds: [], checkedIn: 'no' },
		delivery: {
			mail: { queued: 1, sent: 1, failed: 0, skipped: 0 },
			sms: { queued: 0, sent: 1, failed: 1, skipped: 0 }
		}
	});
	expect(await api.notices.list({ conferenceId: OTHER.id })).toEqual([]);
});

test('the audit names the audience and the count, and no one’s contact details', async () => {
	const api = await admin();
	const preview = await api.notices.preview({ ...notCheckedIn, ...bodies });
	const { notice } = await api.notices.send({
		...notCheckedIn,
		...bodies,
		requestId: preview.requestId,
		expectedRecipients: preview.recipients
	});
	const entries = await handle.db.select().from(tables(handle.db).auditLog);
	expect(entries).toHaveLength(1);
	expect(entries[0]).toMatchObject({
		action: 'notice_sent',
		actorLabel: 'root',
		subjectType: 'notice',
		subjectId: String(notice.id),
		detail: {
			conferenceId: SENSOR.id,
			audience: { categories: [], delegationIds: [], checkedIn: 'no' },
			recipients: 3,
			queued: 4
		}
	});
	expect(JSON.stringify(entries[0])).not.toMatch(/1381234|example\./);
});
