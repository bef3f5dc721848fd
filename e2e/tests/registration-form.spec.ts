import { expect, test } from '@playwright/test';
import { uniqueMobile } from '../support/attendees.ts';
import { current } from '../support/editions.ts';
import { ATTENDEE } from '../support/origins.ts';

/** The register page of the demo's open sensor edition (asked once the run's database exists). */
const register = () => `${ATTENDEE}/c/${current().sensor.id}/register`;

test.describe('with JavaScript', () => {
	test.beforeEach(async ({ page }) => {
		await page.goto(register());
		// The form is enhanced once the page's scripts have run.
		await page.waitForLoadState('networkidle');
	});

	test('an empty form reports every problem at once, in a focused summary that links to each field', async ({
		page
	}) => {
		await page.getByRole('button', { name: '提交报名' }).click();

		const summary = page.getByTestId('error-summary');
		await expect(summary).toBeFocused();
		await expect(summary.getByRole('link')).toHaveText([
			/^参会类别：/,
			/^姓名：请填写此项。/,
			/^单位：请填写此项。/,
			/^手机号：手机号和邮箱至少填写一项。/,
			/^个人信息授权：/
		]);
		// Each problem is also beside its field.
		await expect(page.locator('[data-field="mobile"]')).toHaveText('手机号和邮箱至少填写一项。');
		await expect(page.locator('[data-field="name"]')).toBeVisible();

		await summary.getByRole('link', { name: /^单位：/ }).click();
		await expect(page.getByLabel('单位')).toBeFocused();
		await summary.getByRole('link', { name: /^个人信息授权：/ }).click();
		await expect(page.getByRole('checkbox', { name: /我已阅读并同意/ })).toBeFocused();
	});

	test('a field’s message goes away as soon as it is fixed, and the summary with it', async ({
		page
	}) => {
		await page.getByLabel('手机号', { exact: true }).fill('1390000123');
		await page.getByRole('button', { name: '提交报名' }).click();
		await expect(page.locator('[data-field="mobile"]')).toHaveText(/手机号无效/);
		await expect(page.locator('[data-field="name"]')).toBeVisible();

		await page.getByLabel('姓名').fill('钱多多');
		await expect(page.locator('[data-field="name"]')).toHaveCount(0);
		await expect(page.getByLabel('姓名')).not.toHaveAttribute('aria-invalid', 'true');
		await expect(
			page.getByTestId('error-summary').getByRole('link', { name: /^姓名：/ })
		).toHaveCount(0);
		await expect(page.locator('[data-field="mobile"]')).toBeVisible();

		// Ten digits refused by the server; eleven in a real range clear the message.
		await page.getByLabel('手机号', { exact: true }).fill(uniqueMobile());
		await expect(page.locator('[data-field="mobile"]')).toHaveCount(0);
		await page.getByRole('radio', { name: /^嘉宾/ }).check();
		await page.getByLabel('单位').fill('郑州大学');
		await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
		await expect(page.getByTestId('error-summary')).toHaveCount(0);

		await page.getByRole('button', { name: '提交报名' }).click();
		await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	});

	test('an email with a mistyped domain gets a suggestion that one tap applies, and registering is not blocked', async ({
		page
	}) => {
		const email = page.getByRole('textbox', { name: /^邮箱/ });
		await email.fill('qian.duoduo@qq.con');
		await email.blur();
		await expect(page.getByTestId('email-suggestion')).toContainText(
			'您是不是要输入 qian.duoduo@qq.com？'
		);
		await page.getByRole('button', { name: '改用这个地址' }).click();
		await expect(email).toHaveValue('qian.duoduo@qq.com');
		await expect(page.getByTestId('email-suggestion')).toHaveCount(0);

		await email.fill('li.lei@gmial.com');
		await email.blur();
		await expect(page.getByTestId('email-suggestion')).toContainText('li.lei@gmail.com');
		// Not taken up: the address stays as typed and the form still goes through.
		await page.getByRole('radio', { name: /^嘉宾/ }).check();
		await page.getByLabel('姓名').fill('李雷');
		await page.getByLabel('单位').fill('郑州大学');
		await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
		await page.getByRole('button', { name: '提交报名' }).click();
		await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	});

	test('a correct address gets no suggestion', async ({ page }) => {
		const email = page.getByRole('textbox', { name: /^邮箱/ });
		await email.fill('wang.fang@163.com');
		await email.blur();
		await expect(page.getByLabel('手机号', { exact: true })).toBeVisible();
		await expect(page.getByTestId('email-suggestion')).toHaveCount(0);
	});
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the summary lists and links every problem, and the email suggestion is shown on the returned page', async ({
		page
	}) => {
		await page.goto(register());
		await page.getByRole('textbox', { name: /^邮箱/ }).fill('zhou@163.con');
		await page.getByRole('button', { name: '提交报名' }).click();

		const summary = page.getByTestId('error-summary');
		await expect(summary.getByRole('link', { name: /^姓名：/ })).toHaveAttribute('href', '#name');
		await expect(summary.getByRole('link', { name: /^参会类别：/ })).toHaveAttribute(
			'href',
			'#category-first'
		);
		await expect(page.locator('#category-first')).toHaveCount(1);
		await expect(page.getByTestId('email-suggestion')).toContainText('zhou@163.com');
		// An email alone is contact enough: no "mobile or email" problem.
		await expect(page.locator('[data-field="mobile"]')).toHaveCount(0);
	});
});

test('find my ticket takes the reference in lower case and without its dash', async ({ page }) => {
	await page.goto(register());
	await page.waitForLoadState('networkidle');
	const mobile = uniqueMobile();
	await page.getByRole('radio', { name: /^嘉宾/ }).check();
	await page.getByLabel('姓名').fill('孙找票');
	await page.getByLabel('单位').fill('郑州大学');
	await page.getByLabel('手机号', { exact: true }).fill(mobile);
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
	await page.getByRole('button', { name: '提交报名' }).click();
	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	const ticketUrl = page.url();
	const reference = (await page.getByTestId('ticket-reference').textContent())?.trim() ?? '';
	expect(reference).toMatch(new RegExp(`^${current().sensor.refPrefix}-[A-Z0-9]{6}$`));

	await page.goto(`${ATTENDEE}/find`);
	await page.getByLabel('报名编号').fill(reference.toLowerCase().replace('-', ''));
	await page.getByLabel('手机号或邮箱').fill(mobile);
	await page.getByRole('button', { name: '查找门票' }).click();
	await expect(page).toHaveURL(ticketUrl);
});
