import { expect, test } from '@playwright/test';
import { ATTENDEE } from '../support/origins.ts';
import { current } from '../support/editions.ts';

test('a visitor on a phone sees both conferences in Chinese, then switches to English and stays there', async ({
	page
}) => {
	const { sensor, diamond } = current();
	await page.goto(`${ATTENDEE}/`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	// This year's editions open for registration, 2024's still listed as history.
	await expect(page.getByRole('heading', { level: 2, name: sensor.nameZh })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: diamond.nameZh })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '2024世界传感器大会' })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: '2024世界金刚石大会' })).toBeVisible();
	for (const id of [sensor.id, diamond.id])
		await expect(page.locator(`[data-conference="${id}"] [data-status]`)).toHaveAttribute(
			'data-status',
			'open'
		);
	for (const id of ['wsc-2024', 'diamond-2024'])
		await expect(page.locator(`[data-conference="${id}"] [data-status]`)).toHaveAttribute(
			'data-status',
			'closed'
		);
	await expect(page.getByText('郑州国际会展中心').first()).toBeVisible();

	await page.getByRole('button', { name: /English/ }).click();

	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 2, name: sensor.nameEn })).toBeVisible();
	await expect(page.getByRole('heading', { level: 2, name: diamond.nameEn })).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 2, name: '2024 World Sensor Conference' })
	).toBeVisible();
	await expect(
		page.getByRole('heading', { level: 2, name: '2024 World Diamond Conference' })
	).toBeVisible();
	await expect(page.getByText('3–5 November 2024')).toBeVisible();
	await expect(page.getByText(`3–5 November ${sensor.year}`)).toBeVisible();

	// Remembered: a new visit in the same browser opens in English.
	await page.goto(`${ATTENDEE}/`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');

	// And back to Chinese with the same switch.
	await page.getByRole('button', { name: /中文/ }).click();
	await expect(page.getByRole('heading', { level: 2, name: sensor.nameZh })).toBeVisible();
});

test('the home page fits a phone screen without sideways scrolling', async ({ page }) => {
	await page.goto(`${ATTENDEE}/`);
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);
});
