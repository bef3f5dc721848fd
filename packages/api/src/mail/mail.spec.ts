import { createTestDb } from '@huizhan/db/testing';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { SMTPServer } from 'smtp-server';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAdminCaller, createAttendeeCaller } from '../root.ts';
import { staff } from '../test-support.ts';
import { composeMail } from './compose.ts';
import { createMessageDispatcher, smtpSender, type MessageDispatcher } from './dispatcher.ts';
import { startMailbox } from './test-mailbox.ts';
import {
	claimDue,
	CLAIM_LEASE_MS,
	MAX_ATTEMPTS,
	retryDelayMs,
	withoutAddresses
} from './outbox.ts';

/** A port on loopback where nothing listens: a mail server that is down. */
async function deadPort(): Promise<number> {
	const server = new SMTPServer({ logger: false });
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	await new Promise<void>((resolve) => server.close(() => resolve()));
	return port;
}

let handle: DbHandle;
let mailServer: Awaited<ReturnType<typeof startMailbox>>;
let clock: number;
const now = () => new Date(clock);
const dispatchers: MessageDispatcher[] = [];
/** The demo's open sensor edition on the day these tests run at (2026-11-26): wsc-2027. */
const SENSOR = currentDemoEdition(new Date('2026-11-26T10:00:00+08:00'), 'wsc');

function dispatcherFor(url: string) {
	const dispatcher = createMessageDispatcher({
		db: handle.db,
		sender: smtpSender(url, 'Huizhan <noreply@huizhan.test>'),
		linkUrl: (link) => `https://expo.example.cn/${link.to}/${link.secret}`,
		now,
		remindersEveryMs: 0
	});
	dispatchers.push(dispatcher);
	return dispatcher;
}

const attendee = (mailEnabled = true) =>
	createAttendeeCaller(
		createContextInner({
			...handle,
			now,
			source: 'test',
			mail: { enabled: mailEnabled, kick: () => {} }
		})
	);

let adminId: number;
const admin = () =>
	createAdminCaller(
		createContextInner({
			...handle,
			now,
			user: { ...staff(['admin']), id: adminId },
			source: 'test',
			mail: { enabled: true, kick: () => {} }
		})
	);

const registerPerson = (overrides: Record<string, unknown> = {}, mailEnabled = true) =>
	attendee(mailEnabled).registration.register({
		conferenceId: SENSOR.id,
		category: 'visitor',
		name: '李娜',
		organisation: '汉威科技',
		title: '工程师',
		mobile: '',
		email: 'li.na@example.cn',
		country: 'CN',
		language: 'zh-CN',
		consent: true,
		...overrides
	});

const outbox = () => {
	const { outbox } = tables(handle.db);
	return handle.db.select().from(outbox).orderBy(outbox.id);
};

beforeEach(async () => {
	clock = Date.parse('2026-11-26T10:00:00+08:00');
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	const [stored] = await handle.db
		.insert(tables(handle.db).staffUsers)
		.values({ login: 'admin', displayName: 'Admin', passwordHash: '$argon2id$not-used-here' })
		.returning();
	adminId = stored!.id;
	mailServer = await startMailbox();
});

afterEach(async () => {
	for (const dispatcher of dispatchers.splice(0)) await dispatcher.stop();
	await mailServer.close();
	await handle.close();
});

describe('the confirmation email', () => {
	test('arrives after registering, in Chinese, with the reference and the ticket link', async () => {
		const outcome = await registerPerson();
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		expect(await outbox()).toMatchObject([{ kind: 'registration_confirmed', status: 'pending' }]);

		expect(await dispatcherFor(mailServer.url).drain()).toEqual({
			sent: 1,
			failed: 0,
			skipped: 0,
			deferred: 0
		});

		expect(mailServer.received).toHaveLength(1);
		const [mail] = mailServer.received;
		expect(mail?.to).toMatchObject({ value: [{ address: 'li.na@example.cn' }] });
		expect(mail?.subject).toBe(`【2027世界传感器大会】报名成功 · ${outcome.reference}`);
		expect(mail?.text).toContain('尊敬的李娜：');
		expect(mail?.text).toContain(`https://expo.example.cn/ticket/${outcome.ticketSecret}`);
		expect(mail?.html).toContain(`href="https://expo.example.cn/ticket/${outcome.ticketSecret}"`);
		expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 1, lastError: null }]);
	});

	test('is in English for someone who registered in English', async () => {
		const outcome = await registerPerson({ language: 'en', name: 'Anna Schmidt' });
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		await dispatcherFor(mailServer.url).drain();
		expect(mailServer.received[0]?.subject).toBe(
			`2027 World Sensor Conference: you are registered · ${outcome.reference}`
		);
		expect(mailServer.received[0]?.text).toContain('Dear Anna Schmidt,');
	});

	test('is not queued when no channel is configured', async () => {
		await registerPerson({}, false);
		expect(await outbox()).toEqual([]);
	});

	test('is queued by SMS alone for a registration with only a mobile', async () => {
		await registerPerson({ email: '', mobile: '13800138000', name: '王强' });
		expect(await outbox()).toMatchObject([{ channel: 'sms', kind: 'registration_confirmed' }]);
	});

	test('a registration with both is written to on both channels', async () => {
		await registerPerson({ mobile: '13800138000' });
		expect((await outbox()).map((m) => m.channel)).toEqual(['mail', 'sms']);
	});

	test('a rejected registration is told so, in neutral words', async () => {
		const outcome = await registerPerson({ category: 'media', name: '赵敏' });
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		const dispatcher = dispatcherFor(mailServer.url);
		await dispatcher.drain();
		await admin().registrations.decide({
			registrationId: outcome.registrationId,
			decision: 'reject'
		});
		expect(await dispatcher.drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0 });
		expect(mailServer.received[1]?.subject).toBe(
			`【2027世界传感器大会】报名结果 · ${outcome.reference}`
		);
		expect(mailServer.received[1]?.text).toContain('未能通过审核');
	});

	test('a category that needs approval is told it is awaiting review; approval sends the ticket', async () => {
		const outcome = await registerPerson({ category: 'media', name: '赵敏' });
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		expect(outcome.status).toBe('pending');
		const dispatcher = dispatcherFor(mailServer.url);
		await dispatcher.drain();
		expect(mailServer.received[0]?.subject).toBe(
			`【2027世界传感器大会】报名已收到，等待审核 · ${outcome.reference}`
		);

		await admin().registrations.decide({
			registrationId: outcome.registrationId,
			decision: 'approve'
		});
		await dispatcher.drain();
		expect(mailServer.received.map((m) => m.subject)).toEqual([
			`【2027世界传感器大会】报名已收到，等待审核 · ${outcome.reference}`,
			`【2027世界传感器大会】报名成功 · ${outcome.reference}`
		]);
	});

	test('a registration cancelled before its message went out is not written to', async () => {
		const outcome = await registerPerson();
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');
		await attendee().registration.cancel({ secret: outcome.ticketSecret });
		expect(await dispatcherFor(mailServer.url).drain()).toEqual({
			sent: 0,
			failed: 0,
			skipped: 1,
			deferred: 0
		});
		expect(mailServer.received).toEqual([]);
		expect(await outbox()).toMatchObject([
			{ status: 'skipped', lastError: 'registration is cancelled' }
		]);
	});

	test('names and organisations are escaped in the HTML part', () => {
		const mail = composeMail({
			kind: 'registration_confirmed',
			language: 'en',
			name: '<img src=x onerror=alert(1)>',
			reference: 'WSC-7K3Q9M',
			link: 'https://expo.example.cn/ticket/abc',
			conference: {
				nameZh: '大会',
				nameEn: 'Summit',
				startsOn: '2024-11-03',
				endsOn: '2024-11-05',
				venueZh: '会展中心',
				venueEn: 'Expo Centre'
			}
		});
		expect(mail.html).not.toContain('<img');
		expect(mail.html).toContain('&lt;img src=x onerror=alert(1)&gt;');
	});
});

test('stored errors carry neither addresses nor mobile numbers', () => {
	expect(
		withoutAddresses('550 <li.na@example.cn> refused; +8613800138000 and 138 0013 8000 invalid')
	).toBe('550 <<address>> refused; <mobile> and <mobile> invalid');
});

describe('when the mail server fails', () => {
	test('the registration stands and the message is tried again later, then delivered', async () => {
		const outcome = await registerPerson();
		if (outcome.outcome !== 'registered') throw new Error('expected a registration');

		const down = dispatcherFor(`smtp://127.0.0.1:${await deadPort()}`);
		expect(await down.drain()).toEqual({ sent: 0, failed: 1, skipped: 0, deferred: 0 });
		const [message] = await outbox();
		expect(message).toMatchObject({ status: 'pending', attempts: 1 });
		expect(message?.nextAttemptAt.getTime()).toBe(clock + retryDelayMs(1));
		expect(message?.lastError).toMatch(/ECONNREFUSED|connect/i);
		const { registrations } = tables(handle.db);
		const [registration] = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.id, outcome.registrationId));
		expect(registration?.status).toBe('confirmed');

		// Not due yet: a second pass right away sends nothing.
		const up = dispatcherFor(mailServer.url);
		expect(await up.drain()).toEqual({ sent: 0, failed: 0, skipped: 0, deferred: 0 });
		clock += retryDelayMs(1);
		expect(await up.drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0 });
		expect(mailServer.received).toHaveLength(1);
		expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 2, lastError: null }]);
	});

	test('a refused recipient fails at once, the error is kept without the address, and an admin can retry', async () => {
		mailServer.refused.add('li.na@example.cn');
		await registerPerson();
		const dispatcher = dispatcherFor(mailServer.url);
		expect(await dispatcher.drain()).toEqual({ sent: 0, failed: 1, skipped: 0, deferred: 0 });
		const [message] = await outbox();
		expect(message?.status).toBe('failed');
		expect(message?.lastError).toContain('<address>');
		expect(message?.lastError).not.toContain('li.na@example.cn');

		const view = await admin().mail.outbox({ status: 'failed' });
		expect(view.counts.mail.failed).toBe(1);
		expect(view.rows).toMatchObject([{ id: message?.id, status: 'failed', attempts: 1 }]);
		expect(JSON.stringify(view)).not.toContain('li.na@example.cn');

		mailServer.refused.clear();
		expect(await admin().mail.retry({ id: message!.id })).toEqual({ queued: 1 });
		expect(await dispatcher.drain()).toEqual({ sent: 1, failed: 0, skipped: 0, deferred: 0 });
		const { auditLog } = tables(handle.db);
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'mail_retried'));
		expect(audit).toMatchObject([{ subjectType: 'mail', subjectId: String(message?.id) }]);
	});

	test('retrying a message that has not failed is refused', async () => {
		await registerPerson();
		const [message] = await outbox();
		await expect(admin().mail.retry({ id: message!.id })).rejects.toMatchObject({
			code: 'CONFLICT'
		});
	});

	test(`after ${MAX_ATTEMPTS} failed attempts a message waits for an admin`, async () => {
		await registerPerson();
		const down = dispatcherFor(`smtp://127.0.0.1:${await deadPort()}`);
		for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
			expect(await down.drain()).toEqual({ sent: 0, failed: 1, skipped: 0, deferred: 0 });
			clock += retryDelayMs(attempt);
		}
		expect(await outbox()).toMatchObject([{ status: 'failed', attempts: MAX_ATTEMPTS }]);
		expect(await down.drain()).toEqual({ sent: 0, failed: 0, skipped: 0, deferred: 0 });
	});

	test('a sender that dies after claiming leaves the message to be sent once its claim lapses', async () => {
		await registerPerson();
		expect(await claimDue(handle.db, 'mail', now(), 10)).toHaveLength(1);
		// Nobody else may take it while the claim holds…
		expect(await claimDue(handle.db, 'mail', now(), 10)).toHaveLength(0);
		clock += CLAIM_LEASE_MS;
		// …and once it lapses, the next sender does.
		expect(await dispatcherFor(mailServer.url).drain()).toEqual({
			sent: 1,
			failed: 0,
			skipped: 0,
			deferred: 0
		});
		expect(await outbox()).toMatchObject([{ status: 'sent', attempts: 2 }]);
	});
});

test('the dispatcher sends what is kicked without waiting for its timer', async () => {
	const dispatcher = dispatcherFor(mailServer.url);
	dispatcher.start();
	await registerPerson();
	dispatcher.kick();
	await expect.poll(() => mailServer.received.length, { timeout: 5_000 }).toBe(1);
});
