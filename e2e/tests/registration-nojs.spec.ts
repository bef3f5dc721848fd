import { expect, test } from '@playwright/test';
import { current, icsDate } from '../support/editions.ts';
import { ATTENDEE } from '../support/origins.ts';

// Many attendees open the site in WeChat's browser, where scripts may fail to load on a crowded
// venue network: registering, the ticket and cancelling must work as plain HTML forms.
test.use({ javaScriptEnabled: false });

const uniqueMobile = () => `138${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

test('without JavaScript, a refused form shows each error beside its field and keeps what was typed, then registers', async ({
	page,
	request
}) => {
	const { sensor } = current();
	await page.goto(`${ATTENDEE}/c/${sensor.id}/register`);
	await page.getByLabel('姓名').fill('赵敏');
	await page.getByLabel('职务').fill('总工程师');
	await page.getByRole('button', { name: '提交报名' }).click();

	await expect(page.locator('[data-field="category"]')).toHaveText('请选择参会类别。');
	await expect(page.locator('[data-field="organisation"]')).toHaveText('请填写此项。');
	await expect(page.locator('[data-field="consent"]')).toHaveText('请阅读并同意个人信息收集说明。');
	await expect(page.locator('[data-field="name"]')).toHaveCount(0);
	await expect(page.getByLabel('姓名')).toHaveValue('赵敏');
	await expect(page.getByLabel('职务')).toHaveValue('总工程师');

	// 展商, confirmed at once: 嘉宾 are by approval from the current editions on.
	await page.getByRole('radio', { name: /^展商/ }).check();
	await page.getByLabel('单位').fill('河南省传感器产业联盟');
	await page.getByLabel('手机号', { exact: true }).fill(uniqueMobile());
	await page.getByRole('textbox', { name: /^邮箱/ }).fill(`zhao.${Date.now()}@example.cn`);
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '提交报名' }).click();

	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByTestId('ticket-qr').locator('svg')).toBeVisible();
	await expect(page.getByText('赵敏')).toBeVisible();
	await expect(page.getByText('展商', { exact: true })).toBeVisible();
	await expect(page.locator('meta[name="robots"]')).toHaveAttribute('content', 'noindex');

	// The calendar file: an all-day event over the conference days, with the reference.
	const reference = (await page.getByTestId('ticket-reference').textContent())?.trim() ?? '';
	const ics = await request.get(`${page.url()}/calendar.ics`);
	expect(ics.headers()['content-type']).toBe('text/calendar; charset=utf-8');
	const calendar = (await ics.text()).replace(/\r\n[ \t]/g, '');
	expect(calendar).toContain(`DTSTART;VALUE=DATE:${icsDate(sensor.startsOn)}`);
	expect(calendar).toContain(`DTEND;VALUE=DATE:${icsDate(sensor.endsOn, 1)}`);
	expect(calendar).toContain(`SUMMARY:${sensor.nameZh}`);
	expect(calendar).toContain(reference);

	// Cancelling: the confirmation step is a <details>, which opens without scripts.
	await page.getByText('取消报名', { exact: true }).click();
	await page.getByRole('button', { name: '确认取消报名' }).click();
	await expect(page.getByText('您的报名已取消。')).toBeVisible();
	await expect(page.getByText('此报名已取消，门票已失效。')).toBeVisible();
	await expect(page.getByTestId('ticket-qr')).toHaveCount(0);
});

test('in English, without JavaScript, errors read in English and a VIP registration awaits approval', async ({
	page
}) => {
	const { sensor } = current();
	await page.goto(`${ATTENDEE}/c/${sensor.id}/register`);
	await page.getByRole('button', { name: /English/ }).click();
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page).toHaveURL(`${ATTENDEE}/c/${sensor.id}/register`);

	await page.getByRole('radio', { name: /^VIP/ }).check();
	await page.getByLabel('Name').fill('Ada Lovelace');
	await page.getByLabel('Organisation').fill('Analytical Engines Ltd');
	await page.getByLabel('Country or region').selectOption('GB');
	await page.getByLabel('Mobile', { exact: true }).fill('07400 123');
	await page.getByRole('checkbox', { name: /I have read this and agree/ }).check();
	await page.getByRole('button', { name: 'Register' }).click();

	await expect(page.locator('[data-field="mobile"]')).toContainText('Not a valid mobile number.');
	await expect(page.getByLabel('Country or region')).toHaveValue('GB');
	await expect(page.getByRole('radio', { name: /^VIP/ })).toBeChecked();
	await expect(page.getByRole('checkbox', { name: /I have read this and agree/ })).toBeChecked();

	const mobile = `07400 ${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;
	await page.getByLabel('Mobile', { exact: true }).fill(mobile);
	await page.getByRole('button', { name: 'Register' }).click();

	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	await expect(page.getByText('Awaiting approval')).toBeVisible();
	await expect(page.getByTestId('ticket-qr')).toHaveCount(0);
	await expect(page.getByTestId('ticket-reference')).toHaveText(
		new RegExp(`^${sensor.refPrefix}-`)
	);
});
