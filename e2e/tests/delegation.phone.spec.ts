import { randomInt } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { current } from '../support/editions.ts';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/* A delegation leader on their phone adds a member by hand and opens the member's ticket. */
test('a leader adds a member from a phone and the page fits the screen', async ({ page }) => {
	const { sensor } = current();
	const name = `手机代表团${randomInt(1_000_000)}`;
	const mobile = `139${randomInt(10_000_000, 99_999_999)}`;
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/delegations`);
	const form = page.locator('form[action="?/create"]');
	await form.getByLabel('大会').selectOption(sensor.id);
	await form.getByLabel('代表团名称').fill(name);
	await form.getByLabel('单位', { exact: true }).fill('郑州市商务局');
	await form.getByLabel('团长（联络人）').fill('王芳');
	await form.getByLabel('团长邮箱').fill(`leader${randomInt(1_000_000)}@example.cn`);
	await form.getByLabel('名额').fill('2');
	await form.getByRole('button', { name: '创建并发送链接' }).click();
	await page.getByRole('status').getByRole('link').click();
	await expect(page).toHaveURL(/\/delegations\/\d+$/);
	const link = await page.getByTestId('leader-link').innerText();

	await page.goto(`${ATTENDEE}${link.slice(link.indexOf('/d/'))}`);
	await expect(page.getByTestId('places')).toContainText('还可添加 2 人');
	// A mobile typed with a bad digit count is refused beside the field; nothing is added.
	const add = page.locator('form[action="?/add"]');
	await add.getByLabel('姓名', { exact: true }).fill('赵敏');
	await add.getByLabel('手机', { exact: true }).fill('1380013800');
	await add.getByRole('checkbox').check();
	await add.getByRole('button', { name: '添加', exact: true }).click();
	await expect(add.locator('[data-field="mobile"]')).toBeVisible();
	await expect(page.getByTestId('members')).toHaveCount(0);

	await add.getByLabel('手机', { exact: true }).fill(mobile);
	await add.getByRole('checkbox').check();
	await add.getByRole('button', { name: '添加', exact: true }).click();
	await expect(page.getByRole('status').first()).toContainText('已添加 赵敏');
	const member = page.getByTestId('members').locator('li');
	await expect(member).toHaveCount(1);
	await expect(member).toHaveAttribute('data-status', 'confirmed');
	await expect(page.getByTestId('places')).toContainText('还可添加 1 人');
	const width = await page.evaluate(() => document.documentElement.scrollWidth);
	expect(width).toBeLessThanOrEqual(page.viewportSize()!.width);

	await member.getByRole('link', { name: '电子票' }).click();
	await expect(page.getByTestId('ticket-qr')).toBeVisible();
	await expect(page.getByText('郑州市商务局')).toBeVisible();
});
