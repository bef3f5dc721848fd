import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

test('an admin creates an account, the new user signs in, and disabling it ends their session', async ({
	page,
	browser
}) => {
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/settings/users`);

	const create = page.locator('section.create');
	await create.getByLabel('账号').fill('gate-07');
	await create.getByLabel('姓名').fill('七号门检票员');
	await create.getByLabel('初始密码').fill('1234567890');
	await create.getByLabel('检票员').check();
	await create.getByRole('button', { name: '创建账号' }).click();
	await expect(create.getByText('这是常见密码')).toBeVisible();
	await expect(create.getByLabel('账号')).toHaveValue('gate-07');

	await create.getByLabel('初始密码').fill('south gate lane 7');
	await create.getByRole('button', { name: '创建账号' }).click();
	await expect(page.getByRole('status')).toHaveText('已创建账号 gate-07。');
	await expect(page.locator('tr[data-login="gate-07"] [data-role="door"]')).toBeVisible();

	const doorContext = await browser.newContext();
	const doorPage = await doorContext.newPage();
	// Door staff land on check-in.
	await signIn(doorPage, 'gate-07', 'south gate lane 7', '/checkin');

	page.on('dialog', (dialog) => dialog.accept());
	await page.locator('tr[data-login="gate-07"]').getByRole('button', { name: '停用' }).click();
	await expect(page.getByRole('status')).toContainText('已停用 gate-07');

	await doorPage.goto(`${ADMIN}/account`);
	await expect(doorPage).toHaveURL(/\/login\?next=%2Faccount/);
	await doorContext.close();

	await page.goto(`${ADMIN}/settings/audit?action=user_disabled`);
	await expect(page.locator('tr[data-action="user_disabled"]').first()).toContainText('gate-07');
});

test('a user changes their own password; a wrong current password is refused beside its field', async ({
	page
}) => {
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/settings/users`);
	const create = page.locator('section.create');
	await create.getByLabel('账号').fill('writer-02');
	await create.getByLabel('姓名').fill('录入员二');
	await create.getByLabel('初始密码').fill('first password 02');
	await create.getByLabel('签约录入').check();
	await create.getByRole('button', { name: '创建账号' }).click();
	await expect(page.getByRole('status')).toHaveText('已创建账号 writer-02。');

	const context = await page.context().browser()!.newContext();
	const own = await context.newPage();
	await signIn(own, 'writer-02', 'first password 02');
	await own.goto(`${ADMIN}/account`);
	await own.getByLabel('当前密码').fill('not my password');
	await own.getByLabel('新密码', { exact: true }).fill('second password 02');
	await own.getByLabel('再次输入新密码').fill('second password 02');
	await own.getByRole('button', { name: '保存新密码' }).click();
	await expect(own.locator('[data-field="currentPassword"]')).toHaveText('当前密码不正确。');

	await own.getByLabel('当前密码').fill('first password 02');
	await own.getByLabel('新密码', { exact: true }).fill('second password 02');
	await own.getByLabel('再次输入新密码').fill('second password 02');
	await own.getByRole('button', { name: '保存新密码' }).click();
	await expect(own.getByRole('status')).toContainText('密码已修改');
	await context.close();

	const fresh = await page.context().browser()!.newContext();
	const again = await fresh.newPage();
	await signIn(again, 'writer-02', 'second password 02');
	await fresh.close();
});
