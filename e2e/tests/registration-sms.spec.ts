import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startFakeSmsProvider } from '@huizhan/api/testing/sms-provider';
import { uniqueMobile } from '../support/attendees.ts';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD } from '../support/staff.ts';

const ATTENDEE_PORT = ownPort(27);
const ADMIN_PORT = ownPort(28);
const SITE = `http://127.0.0.1:${ATTENDEE_PORT}`;
const CONSOLE = `http://127.0.0.1:${ADMIN_PORT}`;

const KINDS = [
	'registration_received',
	'registration_confirmed',
	'registration_declined',
	'registration_reminder',
	'invitation',
	'delegation_link',
	'notice'
];
const template = (kind: string) => `SMS_${100 + KINDS.indexOf(kind)}`;
const KEY = { accessKeyId: 'LTAI-e2e', accessKeySecret: 'e2e-secret' };
const SIGN = '会展报名';

async function registerMobileOnly(page: Page, conferenceId: string, name: string, mobile: string) {
	await page.goto(`${SITE}/c/${conferenceId}/register`);
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByLabel('姓名').fill(name);
	await page.getByLabel('单位').fill('郑州大学');
	await page.getByLabel('职务').fill('研究员');
	await page.getByRole('textbox', { name: '手机号', exact: true }).fill(mobile);
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	return (await page.getByTestId('ticket-reference').textContent())?.trim() ?? '';
}

test('with Aliyun SMS configured, a mobile-only registrant is texted the ticket; a refused text is listed for admins and sent again', async ({
	page
}) => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-sms-'));
	const provider = await startFakeSmsProvider({
		...KEY,
		signName: SIGN,
		templates: KINDS.map(template)
	});
	const env = {
		DATABASE_PATH: join(dir, 'huizhan.db'),
		ATTENDEE_ORIGIN: SITE,
		SMS_PROVIDER: 'aliyun',
		SMS_ACCESS_KEY_ID: KEY.accessKeyId,
		SMS_ACCESS_KEY_SECRET: KEY.accessKeySecret,
		SMS_SIGN_NAME: SIGN,
		SMS_ENDPOINT: provider.url,
		...Object.fromEntries(KINDS.map((k) => [`SMS_TEMPLATE_${k.toUpperCase()}`, template(k)]))
	};
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const sensor = demoEditionsOn(demoCreatedOn(env.DATABASE_PATH)).sensor;
	const apps: Awaited<ReturnType<typeof startApp>>[] = [];
	const textsTo = (mobile: string) => provider.received.filter((t) => t.mobile === mobile);
	try {
		apps.push(await startApp('attendee', ATTENDEE_PORT, env));
		apps.push(await startApp('admin', ADMIN_PORT, env));

		// Delivered, with a signature the provider accepted: the text carries the ticket's link.
		const mobile = uniqueMobile();
		const reference = await registerMobileOnly(page, sensor.id, '短信测试', mobile);
		await expect.poll(() => textsTo(mobile).length, { timeout: 15_000 }).toBe(1);
		expect(provider.refusals).toEqual([]);
		expect(textsTo(mobile)[0]).toMatchObject({
			templateId: template('registration_confirmed'),
			signName: SIGN,
			params: { name: '短信测试', reference, link: page.url() }
		});

		// Refused by the provider: the registration stands, and an admin sees the failure.
		provider.answerNext('isv.MOBILE_NUMBER_ILLEGAL');
		const refusedMobile = uniqueMobile();
		const refusedReference = await registerMobileOnly(page, sensor.id, '短信退回', refusedMobile);

		await page.goto(`${CONSOLE}/login`);
		await page.getByLabel('账号').fill('admin');
		await page.getByLabel('密码').fill(DEMO_PASSWORD);
		await page.getByRole('button', { name: '登录' }).click();
		await expect(page).toHaveURL(`${CONSOLE}/`);
		await expect
			.poll(
				async () => {
					await page.goto(`${CONSOLE}/settings/mail?status=failed&channel=sms`);
					return page.locator('tbody tr').count();
				},
				{ timeout: 15_000 }
			)
			.toBe(1);
		await expect(page.locator('[data-off="mail"]')).toBeVisible();
		await expect(page.locator('[data-off="sms"]')).toHaveCount(0);
		const row = page.locator('tbody tr');
		await expect(row).toContainText(refusedReference);
		await expect(row).toContainText('短信');
		await expect(row).toContainText('isv.MOBILE_NUMBER_ILLEGAL');
		await expect(row).not.toContainText(refusedMobile);

		await row.getByRole('button', { name: '重发' }).click();
		await expect(page.getByRole('status').filter({ hasText: '已重新排队' })).toContainText(
			'已重新排队 1 条通知'
		);
		await expect.poll(() => textsTo(refusedMobile).length, { timeout: 15_000 }).toBe(1);
		await page.goto(`${CONSOLE}/settings/mail?status=sent&channel=sms`);
		await expect(page.locator('tbody tr')).toHaveCount(2);
	} finally {
		for (const app of apps) app.kill('SIGTERM');
		await Promise.all(apps.map(exited));
		await provider.close();
		rmSync(dir, { recursive: true, force: true });
	}
});
