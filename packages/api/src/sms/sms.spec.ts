import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { schema, tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createMessageDispatcher, type MessageDispatcher } from '../mail/dispatcher.ts';
import { enqueueMessage, MAX_ATTEMPTS, retryDelayMs } from '../mail/outbox.ts';
import { queueReminders } from '../mail/reminders.ts';
import { createAdminCaller, createAttendeeCaller } from '../root.ts';
import { staff } from '../test-support.ts';
import { aliyunSignature, aliyunSms, percentEncode } from './aliyun.ts';
import { smsSettings, type SmsSettings } from './config.ts';
import type { SmsProvider } from './provider.ts';
import { tencentSignature, tencentSms } from './tencent.ts';
import { startFakeSmsProvider } from './test-provider.ts';

const KEY = { accessKeyId: 'LTAI-test-key', accessKeySecret: 'test-secret-never-logged' };
const SIGN = '会展报名';
const TEMPLATES = Object.fromEntries(
	schema.MESSAGE_KINDS.map((kind, i) => [kind, { zh: `SMS_10000${i}`, en: `SMS_20000${i}` }])
) as SmsSettings['templates'];
const approved = Object.values(TEMPLATES).flatMap((t) => [t.zh, t.en ?? '']);

let fake: Awaited<ReturnType<typeof startFakeSmsProvider>>;

beforeEach(async () => {
	fake = await startFakeSmsProvider({
		...KEY,
		signName: SIGN,
		templates: approved,
		appId: '1400000001'
	});
});
afterEach(() => fake.close());

const aliyun = (secret = KEY.accessKeySecret) =>
	aliyunSms({ accessKeyId: KEY.accessKeyId, accessKeySecret: secret, endpoint: fake.url });
const tencent = (secret = KEY.accessKeySecret) =>
	tencentSms({
		secretId: KEY.accessKeyId,
		secretKey: secret,
		appId: '1400000001',
		endpoint: fake.url
	});
const text = {
	mobile: '+8613800138000',
	templateId: TEMPLATES.registration_confirmed.zh,
	params: { name: '李娜', conference: '2027世界传感器大会', reference: 'WSC-7K3Q9M' },
	signName: SIGN
};

describe('the Aliyun adapter', () => {
	test('percent-encodes as the RPC signature wants it', () => {
		expect(percentEncode("a b*c~d!'()/")).toBe('a%20b%2Ac~d%21%27%28%29%2F');
	});

	test('signs the sorted query with HMAC-SHA1 keyed with the secret and "&"', () => {
		// Known answer computed apart (Python's hmac over GET&%2F&A%3D1%26B%3D%25E4%25BC%259A).
		expect(aliyunSignature('GET', { B: '会', A: '1', Signature: 'ignored' }, 'secret')).toBe(
			'tzIaZJ87QHD+l6U47bjmU5Ux0nY='
		);
	});

	test('sends a text the provider accepts, with the mainland number without +86', async () => {
		const result = await aliyun().send(text);
		expect(result).toEqual({ ok: true, messageId: 'biz-1' });
		expect(fake.received).toEqual([
			{
				provider: 'aliyun',
				mobile: '13800138000',
				templateId: text.templateId,
				params: text.params,
				signName: SIGN
			}
		]);
	});

	test('a wrong secret is refused by the signature check, and retrying cannot help', async () => {
		expect(await aliyun('wrong').send(text)).toMatchObject({
			ok: false,
			code: 'SignatureDoesNotMatch',
			permanent: true
		});
		expect(fake.received).toEqual([]);
	});

	test.each([
		['isv.BUSINESS_LIMIT_CONTROL', false],
		['isv.AMOUNT_NOT_ENOUGH', false],
		['isp.SYSTEM_ERROR', false],
		['isv.MOBILE_NUMBER_ILLEGAL', true],
		['isv.SMS_TEMPLATE_ILLEGAL', true]
	])('the answer %s is permanent: %s', async (code, permanent) => {
		fake.answerNext(code);
		expect(await aliyun().send(text)).toMatchObject({ ok: false, code, permanent });
	});

	test('an unapproved template is refused by the provider', async () => {
		expect(await aliyun().send({ ...text, templateId: 'SMS_999' })).toMatchObject({
			ok: false,
			code: 'isv.SMS_TEMPLATE_ILLEGAL',
			permanent: true
		});
	});
});

describe('the Tencent adapter', () => {
	test('signs with TC3-HMAC-SHA256 as Tencent describes it', () => {
		// Known answer computed apart (Python's hashlib and hmac, Tencent's documented steps).
		expect(
			tencentSignature({
				secretKey: 'secret',
				host: 'sms.tencentcloudapi.com',
				payload: '{"PhoneNumberSet":["+8613800138000"]}',
				timestamp: 1_700_000_000
			})
		).toEqual({
			credentialScope: '2023-11-14/sms/tc3_request',
			signature: '202fa3e71ff4e1b1326f238bf31e766f49d15f2d87c633d616fdcffbed040923'
		});
	});

	test('sends a text the provider accepts, signed with TC3-HMAC-SHA256, parameters by position', async () => {
		expect(await tencent().send(text)).toEqual({ ok: true, messageId: 'serial-1' });
		expect(fake.received).toEqual([
			{
				provider: 'tencent',
				mobile: '+8613800138000',
				templateId: text.templateId,
				params: ['李娜', '2027世界传感器大会', 'WSC-7K3Q9M'],
				signName: SIGN
			}
		]);
	});

	test('a wrong secret is refused by the signature check', async () => {
		expect(await tencent('wrong').send(text)).toMatchObject({
			ok: false,
			code: 'AuthFailure.SignatureFailure',
			permanent: true
		});
	});

	test.each([
		['LimitExceeded.PhoneNumberDailyLimit', false],
		['LimitExceeded.PhoneNumberOneHourLimit', false],
		['FailedOperation.InsufficientBalanceInSmsPackage', false],
		['InvalidParameterValue.IncorrectPhoneNumber', true],
		['FailedOperation.PhoneNumberInBlacklist', true]
	])('the answer %s is permanent: %s', async (code, permanent) => {
		fake.answerNext(code);
		expect(await tencent().send(text)).toMatchObject({ ok: false, code, permanent });
	});

	test('a wrong sign name is refused', async () => {
		expect(await tencent().send({ ...text, signName: '别的签名' })).toMatchObject({
			ok: false,
			code: 'FailedOperation.SignatureIncorrectOrUnapproved',
			permanent: true
		});
	});
});

describe('the SMS configuration', () => {
	const complete = {
		SMS_PROVIDER: 'aliyun',
		SMS_ACCESS_KEY_ID: 'id',
		SMS_ACCESS_KEY_SECRET: 'the-secret',
		SMS_SIGN_NAME: SIGN,
		...Object.fromEntries(
			schema.MESSAGE_KINDS.map((k) => [`SMS_TEMPLATE_${k.toUpperCase()}`, `SMS_${k}`])
		)
	};

	test('is off without SMS_PROVIDER', () => {
		expect(smsSettings({})).toBeNull();
	});

	test('reads a complete set, with the default per-number limits', () => {
		const settings = smsSettings(complete);
		expect(settings?.provider.name).toBe('aliyun');
		expect(settings?.templates.notice).toEqual({ zh: 'SMS_notice', en: undefined });
		expect(settings?.limits).toEqual({ perHour: 5, perDay: 10 });
	});

	test('names the missing template at start-up, not when the first text is due', () => {
		expect(() => smsSettings({ ...complete, SMS_TEMPLATE_REGISTRATION_REMINDER: '' })).toThrow(
			'SMS: SMS_TEMPLATE_REGISTRATION_REMINDER is not set'
		);
	});

	test('refuses an unknown provider, and a Tencent set without its app id', () => {
		expect(() => smsSettings({ ...complete, SMS_PROVIDER: 'twilio' })).toThrow(
			'SMS_PROVIDER must be aliyun or tencent'
		);
		expect(() => smsSettings({ ...complete, SMS_PROVIDER: 'tencent' })).toThrow(
			'SMS: SMS_APP_ID is not set'
		);
	});

	test('never quotes a value, which may be a secret', () => {
		let message = '';
		try {
			smsSettings({ ...complete, SMS_PER_NUMBER_DAILY: 'the-secret' });
		} catch (error) {
			message = String(error);
		}
		expect(message).toContain('SMS_PER_NUMBER_DAILY');
		expect(message).not.toContain('the-secret');
	});
});

describe('texts from the outbox', () => {
	let handle: DbHandle;
	let clock: number;
	const now = () => new Date(clock);
	const dispatchers: MessageDispatcher[] = [];
	/** The demo's open sensor edition on the day these tests run at (2026-11-26): wsc-2027. */
	const SENSOR = currentDemoEdition(new Date('2026-11-26T10:00:00+08:00'), 'wsc');
	let adminId: number;

	beforeEach(async () => {
		clock = Date.parse('2026-11-26T10:00:00+08:00');
		handle = await createTestDb();
		await seedDemo(handle.db, now());
		const [stored] = await handle.db
			.insert(tables(handle.db).staffUsers)
			.values({ login: 'admin', displayName: 'Admin', passwordHash: '$argon2id$not-used-here' })
			.returning();
		adminId = stored!.id;
	});
	afterEach(async () => {
		for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
		await handle.close();
	});

	const settings = (
		provider: SmsProvider = aliyun(),
		limits = { perHour: 5, perDay: 10 }
	): SmsSettings => ({ provider, signName: SIGN, templates: TEMPLATES, limits });

	function dispatcher(sms: SmsSettings | null = settings()) {
		const d = createMessageDispatcher({
			db: handle.db,
			sender: null,
			sms,
			linkUrl: (link) =>
				`https://expo.example.cn/${{ ticket: 'ticket', invitation: 'i', delegation: 'd' }[link.to]}/${link.secret}`,
			now,
			remindersEveryMs: 0
		});
		dispatchers.push(d);
		return d;
	}

	const context = (user: ReturnType<typeof staff> | null = null) =>
		createContextInner({
			...handle,
			now,
			user,
			source: 'test',
			mail: { enabled: true, channels: { mail: false, sms: true }, kick: () => {} }
		});
	const admin = () => createAdminCaller(context({ ...staff(['admin']), id: adminId }));

	async function registerMobileOnly(overrides: Record<string, unknown> = {}) {
		const outcome = await createAttendeeCaller(context()).registration.register({
			conferenceId: SENSOR.id,
			category: 'visitor',
			name: '王强',
			organisation: '汉威科技',
			title: '工程师',
			mobile: '13800138000',
			email: '',
			country: 'CN',
			language: 'zh-CN',
			consent: true,
			...overrides
		});
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		return outcome;
	}

	const outbox = () => {
		const { outbox } = tables(handle.db);
		return handle.db.select().from(outbox).orderBy(outbox.id);
	};

	test('registering with only a mobile sends the confirmation by SMS, with the ticket link', async () => {
		const outcome = await registerMobileOnly();
		expect(await dispatcher().drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0 });
		expect(fake.refusals).toEqual([]);
		expect(fake.received).toEqual([
			{
				provider: 'aliyun',
				mobile: '13800138000',
				templateId: TEMPLATES.registration_confirmed.zh,
				params: {
					name: '王强',
					conference: '2027世界传感器大会',
					reference: outcome.reference,
					link: `https://expo.example.cn/ticket/${outcome.ticketSecret}`
				},
				signName: SIGN
			}
		]);
		expect(await outbox()).toMatchObject([{ channel: 'sms', status: 'sent', attempts: 1 }]);
	});

	test('an English speaker gets the English template, filled in English, through Tencent', async () => {
		await registerMobileOnly({ language: 'en', name: 'Anna Schmidt' });
		await dispatcher(settings(tencent())).drain();
		expect(fake.received).toMatchObject([
			{
				provider: 'tencent',
				mobile: '+8613800138000',
				templateId: TEMPLATES.registration_confirmed.en,
				params: [
					'Anna Schmidt',
					'2027 World Sensor Conference',
					expect.any(String),
					expect.any(String)
				]
			}
		]);
	});

	test('nothing is sent when SMS is not configured: the text is skipped, saying why', async () => {
		await registerMobileOnly();
		expect(await dispatcher(null).drain()).toEqual({ sent: 0, failed: 0, skipped: 1, deferred: 0 });
		expect(fake.received).toEqual([]);
		expect(await outbox()).toMatchObject([
			{ status: 'skipped', lastError: 'SMS is not configured' }
		]);
	});

	test("the provider's own limit is retried later, then the text goes out", async () => {
		await registerMobileOnly();
		fake.answerNext('isv.BUSINESS_LIMIT_CONTROL');
		const d = dispatcher();
		expect(await d.drain()).toEqual({ sent: 0, failed: 1, skipped: 0, deferred: 0 });
		expect(await outbox()).toMatchObject([
			{
				status: 'pending',
				attempts: 1,
				lastError: expect.stringContaining('isv.BUSINESS_LIMIT_CONTROL')
			}
		]);
		clock += retryDelayMs(1);
		expect(await d.drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0 });
	});

	test('a refused number fails at once, shows in the console without the number, and can be sent again', async () => {
		const outcome = await registerMobileOnly();
		fake.answerNext('isv.MOBILE_NUMBER_ILLEGAL');
		const d = dispatcher();
		expect(await d.drain()).toEqual({ sent: 0, failed: 1, skipped: 0, deferred: 0 });
		fake.answerNext('isv.MOBILE_NUMBER_ILLEGAL');

		const view = await admin().mail.outbox({ status: 'failed', channel: 'sms' });
		expect(view.counts.sms.failed).toBe(1);
		expect(view.channels).toEqual({ mail: false, sms: true });
		expect(view.rows).toMatchObject([
			{
				channel: 'sms',
				kind: 'registration_confirmed',
				reference: outcome.reference,
				lastError: expect.stringContaining('isv.MOBILE_NUMBER_ILLEGAL')
			}
		]);
		expect(JSON.stringify(view)).not.toContain('13800138000');

		expect(await admin().mail.retry({})).toEqual({ queued: 1 });
		// Still refused: failed again at once, not tried eight times.
		expect(await d.drain()).toMatchObject({ failed: 1 });
		expect(await admin().mail.retry({})).toEqual({ queued: 1 });
		expect(await d.drain()).toMatchObject({ sent: 1 });
	});

	test(`a provider that keeps failing is given up on after ${MAX_ATTEMPTS} attempts`, async () => {
		await registerMobileOnly();
		fake.answerNext(...Array<string>(MAX_ATTEMPTS).fill('isp.SYSTEM_ERROR'));
		const d = dispatcher();
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			expect(await d.drain()).toMatchObject({ failed: 1 });
			clock += retryDelayMs(attempt);
		}
		expect(await outbox()).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
	});

	test('over the per-number limit a text waits, uncounted, and goes out later', async () => {
		const outcome = await registerMobileOnly({ category: 'media' });
		const d = dispatcher(settings(aliyun(), { perHour: 1, perDay: 10 }));
		expect(await d.drain()).toMatchObject({ sent: 1 });
		await admin().registrations.decide({
			registrationId: outcome.registrationId,
			decision: 'approve'
		});
		expect(await d.drain()).toEqual({ sent: 0, failed: 0, skipped: 0, deferred: 1 });
		expect((await outbox())[1]).toMatchObject({
			status: 'pending',
			attempts: 0,
			lastError: 'waiting: hourly limit for this number'
		});
		clock += 60 * 60_000;
		expect(await d.drain()).toMatchObject({ sent: 1 });
		expect(fake.received.map((t) => t.templateId)).toEqual([
			TEMPLATES.registration_received.zh,
			TEMPLATES.registration_confirmed.zh
		]);
	});

	test('over the daily limit a text waits an hour at a time until the day allows it', async () => {
		const outcome = await registerMobileOnly({ category: 'media' });
		const d = dispatcher(settings(aliyun(), { perHour: 5, perDay: 1 }));
		expect(await d.drain()).toMatchObject({ sent: 1 });
		await admin().registrations.decide({
			registrationId: outcome.registrationId,
			decision: 'approve'
		});
		clock += 2 * 60 * 60_000;
		expect(await d.drain()).toMatchObject({ deferred: 1 });
		expect((await outbox())[1]).toMatchObject({
			lastError: 'waiting: daily limit for this number'
		});
		clock += 22 * 60 * 60_000;
		expect(await d.drain()).toMatchObject({ sent: 1 });
	});

	let invited = 0;
	async function invite(
		status: schema.InvitationStatus = 'sent',
		expiresAt = new Date(clock + 7 * 86_400_000)
	) {
		const { invitations } = tables(handle.db);
		return handle.db.transaction(async (tx) => {
			const [row] = await tx
				.insert(invitations)
				.values({
					conferenceId: SENSOR.id,
					category: 'vip',
					name: '张伟',
					organisation: '工信部',
					title: '司长',
					mobile: '+8613900139000',
					email: null,
					country: 'CN',
					language: 'zh-CN',
					status,
					secret: `invitation-secret-${++invited}`,
					expiresAt,
					createdBy: adminId,
					sentAt: now(),
					...(status === 'revoked' ? { answeredAt: now() } : {})
				})
				.returning();
			await enqueueMessage(tx, { kind: 'invitation', invitationId: row!.id }, row!, now());
			return row!;
		});
	}

	test('an invitation goes to the invitee with its /i/ link; a revoked or expired one is not sent', async () => {
		await invite();
		await invite('revoked');
		const d = dispatcher();
		expect(await d.drain()).toEqual({ sent: 1, failed: 0, skipped: 1, deferred: 0 });
		expect(fake.received).toMatchObject([
			{
				mobile: '13900139000',
				templateId: TEMPLATES.invitation.zh,
				params: {
					name: '张伟',
					conference: '2027世界传感器大会',
					link: 'https://expo.example.cn/i/invitation-secret-1'
				}
			}
		]);
		expect((await outbox())[1]).toMatchObject({ lastError: 'invitation is revoked' });

		const { invitations } = tables(handle.db);
		await handle.db
			.update(invitations)
			.set({ status: 'revoked' })
			.where(eq(invitations.status, 'sent'));
		await invite('sent', new Date(clock - 1));
		expect(await d.drain()).toMatchObject({ skipped: 1 });
		expect((await outbox())[2]).toMatchObject({ lastError: 'invitation has expired' });
	});

	test("a number's limit counts its texts whatever they were about, and no other number's", async () => {
		const d = dispatcher(settings(aliyun(), { perHour: 1, perDay: 10 }));
		await invite();
		expect(await d.drain()).toMatchObject({ sent: 1 });
		// The invitee registers on the open form with the invited number: the hour's one text is used.
		await registerMobileOnly({ mobile: '13900139000' });
		// Someone else's confirmation is not held back by it.
		await registerMobileOnly({ mobile: '13700137000' });
		expect(await d.drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 1 });
		expect(fake.received.map((t) => t.mobile)).toEqual(['13900139000', '13700137000']);
		clock += 60 * 60_000;
		expect(await d.drain()).toMatchObject({ sent: 1 });
		expect(fake.received.map((t) => t.mobile)).toEqual([
			'13900139000',
			'13700137000',
			'13900139000'
		]);
	});

	test('the day-before reminder is queued once per registration and channel, from 9:00 Beijing', async () => {
		const first = await registerMobileOnly();
		const second = await registerMobileOnly({ mobile: '13700137000', email: 'a@example.cn' });
		const { conferences } = tables(handle.db);
		await handle.db
			.update(conferences)
			.set({ startsOn: '2026-11-27', endsOn: '2026-11-28' })
			.where(eq(conferences.id, SENSOR.id));
		await dispatcher().drain();

		clock = Date.parse('2026-11-26T08:30:00+08:00');
		expect(await queueReminders(handle.db, now())).toBe(0);
		clock = Date.parse('2026-11-26T09:00:00+08:00');
		expect(
			await Promise.all([queueReminders(handle.db, now()), queueReminders(handle.db, now())])
		).toSatisfy((counts: number[]) => counts[0]! + counts[1]! === 3);
		expect(await queueReminders(handle.db, now())).toBe(0);
		const reminders = (await outbox()).filter((m) => m.kind === 'registration_reminder');
		expect(reminders.map((m) => [m.registrationId, m.channel, m.onceKey])).toEqual([
			[first.registrationId, 'sms', `reminder:${first.registrationId}:sms`],
			[second.registrationId, 'mail', `reminder:${second.registrationId}:mail`],
			[second.registrationId, 'sms', `reminder:${second.registrationId}:sms`]
		]);
		// The day after (the conference has opened) nothing more is queued.
		clock = Date.parse('2026-11-27T10:00:00+08:00');
		expect(await queueReminders(handle.db, now())).toBe(0);
	});
});
