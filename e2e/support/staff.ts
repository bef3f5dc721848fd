import { expect, type Page } from '@playwright/test';
import { ADMIN } from './origins.ts';

/** The demo accounts' password (`HUIZHAN_DEMO_PASSWORD`, default of demo mode). */
export const DEMO_PASSWORD = process.env.HUIZHAN_DEMO_PASSWORD ?? 'huizhan-demo';
export const DEMO_ROLES = ['admin', 'recorder', 'door', 'leader'] as const;

/** Where a demo account lands after signing in: door staff go straight to check-in. */
export const landingOf = (login: string) => (login === 'door' ? '/checkin' : '/');

/** Signs in through the real form and waits to land on `expectPath` (of `origin`'s console). */
export async function signIn(
	page: Page,
	login: string,
	password = DEMO_PASSWORD,
	expectPath = landingOf(login),
	origin = ADMIN
) {
	await page.goto(`${origin}/login`);
	await fillSignIn(page, login, password, expectPath, origin);
}

/** Fills in the sign-in form already on screen (e.g. after a redirect with `?next=`). */
export async function fillSignIn(
	page: Page,
	login: string,
	password: string,
	expectPath: string,
	origin = ADMIN
) {
	await page.getByLabel(/账号|Login name/).fill(login);
	await page.getByLabel(/密码|Password/).fill(password);
	await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
	await expect(page).toHaveURL(`${origin}${expectPath}`);
}
