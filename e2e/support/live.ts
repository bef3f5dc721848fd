import { expect, type Page } from '@playwright/test';
import { DEMO_PASSWORD } from './staff.ts';

/**
 * How long a page may take to load its scripts and open its stream, or to reconnect after a
 * restart. Not a speed claim (the one timed expectation is the "within a second"): a
 * machine running several suites at once has been seen to take over five seconds to hydrate.
 */
export const HYDRATED_WITHIN = 20_000;

/** Signs in at `origin` (the shared app or an own instance) through the real form. */
export async function signInAt(page: Page, origin: string, login: string) {
	await page.goto(`${origin}/login`);
	await page.getByLabel(/账号|Login name/).fill(login);
	await page.getByLabel(/密码|Password/).fill(DEMO_PASSWORD);
	await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
	await expect(page).toHaveURL(`${origin}/`);
}

/** An amount as the dashboard shows it: two decimals of 亿元, rounded toward zero. */
export function yi(yuan: number): string {
	const whole = Math.trunc(yuan / 100_000_000);
	const cents = Math.trunc((yuan % 100_000_000) / 1_000_000);
	return `${whole.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}亿元`;
}

/** A conference's signed total on /live, in 元, from the figure's `data-yuan`. */
export async function liveTotal(page: Page, conference: string): Promise<number> {
	const value = await page
		.locator(`[data-conference="${conference}"] [data-total]`)
		.getAttribute('data-yuan');
	return Number(value);
}

/** The admin makes a screen link in settings and reads its address, shown this once. */
export async function createScreenLink(page: Page, origin: string, label: string) {
	await page.goto(`${origin}/settings/screens`);
	await page.getByLabel('名称').fill(label);
	await page.getByRole('button', { name: '创建链接' }).click();
	const shown = page.getByTestId('new-screen-link').locator('code');
	await expect(shown).toHaveText(/\/screen\/[A-Za-z0-9_-]{43}$/);
	return (await shown.textContent())!.trim();
}
