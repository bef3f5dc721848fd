import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { startMailbox } from '@huizhan/api/testing/mailbox';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD } from '../support/staff.ts';

const ATTENDEE_PORT = ownPort(3);
const ADMIN_PORT = ownPort(4);
const SITE = `http://127.0.0.1:${ATTENDEE_PORT}`;
const CONSOLE = `http://127.0.0.1:${ADMIN_PORT}`;

/** The sensor edition open for registration in this test's own demo database. */
const openSensor = (databasePath: string) => demoEditionsOn(demoCreatedOn(databasePath)).sensor;

async function register(page: Page, conferenceId: string, person: { name: string; email: string }) {
	await page.goto(`${SITE}/c/${conferenceId}/register`);
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByLabel('姓名').fill(person.name);
	await page.getByLabel('单位').fill('郑州大学');
	await page.getByLabel('职务').fill('研究员');
	await page.getByRole('textbox', { name: /^邮箱/ }).fill(person.email);
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	return (await page.getByTestId('ticket-reference').textContent())?.trim() ?? '';
}

test('with SMTP_URL set, the confirmation email arrives with a link back to the ticket; a refused one is listed for admins and sent again', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-mail-'));
	const mailbox = await startMailbox();
	const env = {
		DATABASE_PATH: join(dir, 'huizhan.db'),
		SMTP_URL: mailbox.url,
		MAIL_FROM: '"2024世界传感器大会" <noreply@expo.test>',
		ATTENDEE_ORIGIN: SITE
	};
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const sensor = openSensor(env.DATABASE_PATH);
	const site = await startApp('attendee', ATTENDEE_PORT, env);
	const console_ = await startApp('admin', ADMIN_PORT, env);
	try {
		// Delivered: the message names the reference shown on the ticket and links to that ticket.
		const reference = await register(page, sensor.id, {
			name: '邮件测试',
			email: 'mail.test@example.cn'
		});
		const ticketUrl = page.url();
		await expect.poll(() => mailbox.to('mail.test@example.cn').length, { timeout: 15_000 }).toBe(1);
		const [mail] = mailbox.to('mail.test@example.cn');
		expect(mail?.subject).toBe(`【${sensor.nameZh}】报名成功 · ${reference}`);
		expect(mail?.from?.text).toContain('noreply@expo.test');
		expect(mail?.text).toContain(ticketUrl);
		const fromMail = await browser.newPage();
		await fromMail.goto(String(mail?.text?.match(/https?:\/\/\S+\/ticket\/\S+/)?.[0]));
		await expect(fromMail.getByTestId('ticket-reference')).toHaveText(reference);
		await fromMail.close();

		// Refused by the mail server: the registration stands, and an admin sees the failure.
		mailbox.refused.add('refused@example.cn');
		const refusedReference = await register(page, sensor.id, {
			name: '退信测试',
			email: 'refused@example.cn'
		});
		await expect(page.getByText('退信测试')).toBeVisible();

		await page.goto(`${CONSOLE}/login`);
		await page.getByLabel('账号').fill('admin');
		await page.getByLabel('密码').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(`${CONSOLE}/`);
		await expect
			.poll(
				async () => {
					await page.goto(`${CONSOLE}/settings/mail`);
					return page.locator('tbody tr').count();
				},
				{ timeout: 15_000 }
			)
			.toBe(1);
		const row = page.locator('tbody tr');
		await expect(row).toContainText(refusedReference);
		await expect(row).toContainText('<address>');
		await expect(row).not.toContainText('refused@example.cn');

		mailbox.refused.clear();
		await row.getByRole('button', { name: '重发' }).click();
		await expect(page.getByRole('status').filter({ hasText: '已重新排队' })).toContainText(
			'已重新排队 1 条通知'
		);
		await expect.poll(() => mailbox.to('refused@example.cn').length, { timeout: 15_000 }).toBe(1);
		await page.goto(`${CONSOLE}/settings/mail?status=sent`);
		await expect(page.locator('tbody tr')).toHaveCount(2);

		// The admin's export of the list holds both, with the email in full.
		await page.goto(`${CONSOLE}/registrations?q=${encodeURIComponent('测试')}`);
		const download = page.waitForEvent('download');
		await page.getByRole('link', { name: '导出当前列表（Excel）' }).click();
		const file = await download;
		expect(file.suggestedFilename()).toMatch(/^报名名单-\d{8}-\d{4}\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.readFile(await file.path());
		const rows = (workbook.getWorksheet('报名名单')?.getSheetValues() ?? []).filter(Boolean);
		expect(
			rows
				.map((r) => (r as unknown[])[1])
				.slice(1)
				.sort()
		).toEqual([reference, refusedReference].sort());
		expect(JSON.stringify(rows)).toContain('refused@example.cn');
	} finally {
		site.kill('SIGTERM');
		console_.kill('SIGTERM');
		await Promise.all([exited(site), exited(console_)]);
		await mailbox.close();
		rmSync(dir, { recursive: true, force: true });
	}
});

test('registering and approving over the HTTP API send the same mail as the pages do', async () => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-mail-api-'));
	const mailbox = await startMailbox();
	const env = {
		DATABASE_PATH: join(dir, 'huizhan.db'),
		SMTP_URL: mailbox.url,
		ATTENDEE_ORIGIN: SITE
	};
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const sensor = openSensor(env.DATABASE_PATH);
	// Started inside `try`, so a start that fails leaves no app behind on the next test's port.
	const apps: Awaited<ReturnType<typeof startApp>>[] = [];
	const call = async (origin: string, procedure: string, input: unknown, cookie?: string) => {
		const response = await fetch(`${origin}/api/trpc/${procedure}`, {
			method: 'POST',
			// A script that sends the session cookie names the console as its origin (docs/api.md).
			headers: { 'content-type': 'application/json', ...(cookie ? { cookie, origin } : {}) },
			body: JSON.stringify(input)
		});
		expect(response.status, procedure).toBe(200);
		return ((await response.json()) as { result: { data: Record<string, unknown> } }).result.data;
	};
	try {
		apps.push(await startApp('attendee', ATTENDEE_PORT, env));
		apps.push(await startApp('admin', ADMIN_PORT, env));
		// A VIP needs approval: registering mails "received", approving mails the ticket.
		const registered = await call(SITE, 'registration.register', {
			conferenceId: sensor.id,
			category: 'vip',
			name: '接口报名',
			organisation: '郑州大学',
			email: 'api.vip@example.cn',
			consent: true
		});
		expect(registered).toMatchObject({ outcome: 'registered', status: 'pending' });
		const reference = String(registered.reference);
		await expect.poll(() => mailbox.to('api.vip@example.cn').length, { timeout: 15_000 }).toBe(1);
		expect(mailbox.to('api.vip@example.cn')[0]?.subject).toBe(
			`【${sensor.nameZh}】报名已收到，等待审核 · ${reference}`
		);

		const signedIn = await call(CONSOLE, 'auth.signIn', {
			login: 'admin',
			password: DEMO_PASSWORD
		});
		const cookie = `hz_session=${String(signedIn.token)}`;
		const listed = await fetch(
			`${CONSOLE}/api/trpc/registrations.list?input=${encodeURIComponent(JSON.stringify({ text: reference }))}`,
			{ headers: { cookie } }
		);
		const { rows } = ((await listed.json()) as { result: { data: { rows: { id: number }[] } } })
			.result.data;
		expect(rows).toHaveLength(1);
		await call(
			CONSOLE,
			'registrations.decide',
			{ registrationId: rows[0]?.id, decision: 'approve' },
			cookie
		);
		await expect.poll(() => mailbox.to('api.vip@example.cn').length, { timeout: 15_000 }).toBe(2);
		expect(mailbox.to('api.vip@example.cn')[1]?.subject).toBe(
			`【${sensor.nameZh}】报名成功 · ${reference}`
		);
	} finally {
		for (const app of apps) app.kill('SIGTERM');
		await Promise.all(apps.map(exited));
		await mailbox.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
