import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

test('door staff find a registration by mobile tail and see the contact masked', async ({
	page
}) => {
	await signIn(page, 'door');
	await page.goto(`${ADMIN}/registrations?status=confirmed`);
	const firstMobile = (await page.locator('tbody tr td:nth-child(4)').first().innerText()).split(
		'\n'
	)[0]!;
	expect(firstMobile).toMatch(/^\d{3}\*{4}\d{4}$/);
	await page.getByLabel('姓名、单位、报名编号或手机尾号').fill(firstMobile.slice(-4));
	await page.getByRole('button', { name: '筛选' }).click();
	await expect(page.locator('tbody tr').first()).toContainText(firstMobile);
	// Door staff do not decide registrations.
	await expect(page.getByRole('button', { name: '通过' })).toHaveCount(0);
});

test('an admin approves a pending VIP registration and sees the contact in full', async ({
	page
}) => {
	await signIn(page, 'admin');
	// A seeded 2024 VIP (invented +86170 numbers), not one another journey has just registered.
	await page.goto(`${ADMIN}/registrations?status=pending&category=vip&conference=wsc-2024`);
	const row = page.locator('tbody tr').first();
	const reference = await row.getAttribute('data-reference');
	await expect(row.locator('td:nth-child(4)')).toContainText(/\+86170\d{8}/);
	await row.getByRole('button', { name: '通过' }).click();
	await expect(page.getByRole('status')).toContainText('已通过');
	await page.goto(`${ADMIN}/registrations?q=${reference}`);
	await expect(page.locator(`tr[data-reference="${reference}"]`)).toHaveAttribute(
		'data-status',
		'confirmed'
	);
});
