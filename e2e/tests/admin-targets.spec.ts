import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

test('a leader sees each conference target and the year targets on the home page', async ({
	page
}) => {
	await signIn(page, 'leader');
	// 2024, as history: the demo's work plan is set there.
	await page.goto(`${ADMIN}/?year=2024`);
	const sensor = page.locator('[data-scope="wsc-2024"]');
	await expect(sensor.getByRole('heading')).toHaveText('2024世界传感器大会');
	await expect(sensor.locator('[data-metric="signed_amount"] td').first()).toHaveText('500亿元');
	await expect(
		page.locator('[data-scope="diamond-2024"] [data-metric="signed_amount"] td').first()
	).toHaveText('200亿元');

	const year = page.locator('[data-scope="year"]');
	await expect(year.locator('[data-metric="signed_amount"] td').first()).toHaveText('600亿元');
	await expect(year.locator('[data-metric="formal_signing_count"] td').first()).toHaveText('10个');
	await expect(year.locator('[data-metric="landed_100yi_count"] td').first()).toHaveText('2个');
	await expect(page.locator('.intro')).toHaveText(
		'各大会、全年及各责任单位的签约目标。管理员可在 设置 › 目标 中修改。'
	);
	// The units ranked against their own targets; a leader is not sent to the settings.
	const ranking = page.getByTestId('unit-ranking');
	await expect(ranking.getByRole('heading')).toHaveText('责任单位目标完成排名');
	await expect(ranking.locator('tr[data-unit="投资促进部"] [data-target]')).toHaveText(
		'200.00亿元'
	);
	await expect(ranking.getByRole('link')).toHaveCount(0);
});

test('the console speaks English after the switch, the sign-in page included', async ({ page }) => {
	await page.goto(`${ADMIN}/login`);
	await page.getByRole('button', { name: /English/ }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await signIn(page, 'recorder');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Signing targets');
	await page.goto(`${ADMIN}/?year=2024`);
	await expect(
		page.locator('[data-scope="wsc-2024"] [data-metric="signed_amount"] td').first()
	).toHaveText('CNY 50 billion');
});

test('door staff are not shown the signing targets', async ({ page }) => {
	await signIn(page, 'door');
	await page.goto(`${ADMIN}/`);
	await expect(page.locator('[data-scope]')).toHaveCount(0);
	await expect(page.getByText('现场检票')).toBeVisible();
});
