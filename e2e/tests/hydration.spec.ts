import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';

test('what staff type before the page has finished loading is kept, not wiped by hydration', async ({
	page
}) => {
	// Hold back the page's scripts, as a slow venue network does, while the user types.
	let release!: () => void;
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	// 'commit': the HTML is arriving; module scripts (held) would delay DOMContentLoaded.
	await page.goto(`${ADMIN}/login`, { waitUntil: 'commit' });
	await page.getByLabel('账号').fill('admin');
	await page.getByLabel('密码').fill('huizhan-demo');

	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByLabel('账号')).toHaveValue('admin');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page).toHaveURL(`${ADMIN}/`);
});
