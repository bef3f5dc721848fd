import { expect, test } from '@playwright/test';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { current } from '../support/editions.ts';

// A browser set to English: it sends `Accept-Language: en` and has no language cookie yet.
test.use({ locale: 'en' });

test('the attendee site speaks English to a browser asking for it, until the visitor picks Chinese', async ({
	page
}) => {
	await page.goto(`${ATTENDEE}/`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Conferences');
	await page.waitForLoadState('networkidle');

	// Rendered in the browser after a client-side navigation: still English.
	const { sensor } = current();
	await page.getByRole('link', { name: sensor.nameEn }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(sensor.nameEn);
	await expect(page.getByText('Venue', { exact: true })).toBeVisible();

	// The switch's cookie wins over the browser's header, now and on the next visit.
	await page.locator('.language-switch button').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText(sensor.nameZh);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.goto(`${ATTENDEE}/`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('大会');
});

test('the staff console speaks English to a browser asking for it, until the user picks Chinese', async ({
	page
}) => {
	await page.goto(`${ADMIN}/login`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sign in');
	await page.waitForLoadState('networkidle');

	// The refusal is rendered in the browser (the form is enhanced): in English too.
	await page.getByLabel('Login name').fill('nobody-speaks-english');
	await page.getByLabel('Password').fill('not-a-password');
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByText('The login name or password is not correct.')).toBeVisible();

	await page.locator('.language-switch button').click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
	await page.goto(`${ADMIN}/login`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('登录');
});
