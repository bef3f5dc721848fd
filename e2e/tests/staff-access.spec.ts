import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { DEMO_PASSWORD, DEMO_ROLES, fillSignIn, signIn } from '../support/staff.ts';

const STAFF_PAGES = [
	'/',
	'/account',
	'/live',
	'/deals',
	'/deals/new',
	'/deals/D000001',
	'/registrations',
	'/agenda',
	'/agenda/new',
	'/checkin',
	'/checkin/review',
	'/settings',
	'/settings/users',
	'/settings/audit',
	'/settings/checkpoints',
	'/settings/devices',
	'/settings/screens'
];

test('anonymous requests to every staff page go to the sign-in page, and come back after', async ({
	page,
	request
}) => {
	for (const path of STAFF_PAGES) {
		const response = await request.get(`${ADMIN}${path}`, { maxRedirects: 0 });
		expect(response.status(), path).toBe(303);
		expect(response.headers().location, path).toBe(`/login?next=${encodeURIComponent(path)}`);
	}
	await page.goto(`${ADMIN}/settings/audit`);
	await expect(page).toHaveURL(`${ADMIN}/login?next=%2Fsettings%2Faudit`);
	await fillSignIn(page, 'admin', DEMO_PASSWORD, '/settings/audit');
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('审计日志');
});

const EXPECTED_NAV: Record<(typeof DEMO_ROLES)[number], string[]> = {
	admin: [
		'/',
		'/live',
		'/checkin',
		'/deals',
		'/agenda/ceremony',
		'/registrations',
		'/agenda',
		'/invitations',
		'/delegations',
		'/badges',
		'/exhibition',
		'/notices',
		'/settings',
		'/account'
	],
	recorder: ['/', '/live', '/deals', '/agenda/ceremony', '/account'],
	door: ['/', '/checkin', '/registrations', '/account'],
	leader: ['/', '/live', '/deals', '/agenda/ceremony', '/account']
};

for (const role of DEMO_ROLES) {
	test(`${role} sees exactly the navigation the role allows`, async ({ page }) => {
		await signIn(page, role);
		const nav = page.getByRole('navigation', { name: '主导航' });
		await expect(nav.locator('a')).toHaveCount(EXPECTED_NAV[role].length);
		expect(
			await nav.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('data-nav')))
		).toEqual(EXPECTED_NAV[role]);
	});
}

test('a role without access gets a 403 page naming the role needed', async ({ page }) => {
	await signIn(page, 'door');
	const response = await page.goto(`${ADMIN}/settings/users`);
	expect(response?.status()).toBe(403);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('无权访问');
	await expect(page.getByText('此页面需要以下角色之一：管理员')).toBeVisible();
});

test('signing out makes the old cookie useless, even replayed', async ({ page, browser }) => {
	await signIn(page, 'recorder');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'hz_session');
	expect(cookie).toBeDefined();
	await page.getByRole('button', { name: '退出登录' }).click();
	await expect(page).toHaveURL(`${ADMIN}/login?signed-out`);

	const replay = await browser.newContext();
	await replay.addCookies([cookie!]);
	const response = await replay.request.get(`${ADMIN}/`, { maxRedirects: 0 });
	expect(response.status()).toBe(303);
	expect(response.headers().location).toBe('/login?next=%2F');
	await replay.close();
});

test('the session cookie is HttpOnly and SameSite=Lax, and pages carry the security headers', async ({
	page
}) => {
	await signIn(page, 'leader');
	const cookie = (await page.context().cookies()).find((c) => c.name === 'hz_session');
	expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
	// Served over plain http here, so not Secure (a Secure cookie would never come back).
	expect(cookie?.secure).toBe(false);
	expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);

	const response = await page.goto(`${ADMIN}/`);
	const headers = response!.headers();
	expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
	expect(headers['content-security-policy']).toMatch(/script-src 'self' 'nonce-[^']+'/);
	expect(headers['x-content-type-options']).toBe('nosniff');
	expect(headers['referrer-policy']).toBe('same-origin');
});

test('staff procedures answer 401 anonymously and 403 to a wrong role over HTTP', async ({
	page,
	request
}) => {
	expect((await request.get(`${ADMIN}/api/trpc/users.list`)).status()).toBe(401);
	await signIn(page, 'door');
	const asDoor = await page.context().request.get(`${ADMIN}/api/trpc/users.list`);
	expect(asDoor.status()).toBe(403);
	const body = await asDoor.text();
	expect(body).not.toContain('stack');
});

test('a cross-origin mutation riding the session cookie is refused', async ({ page }) => {
	await signIn(page, 'admin');
	const response = await page.context().request.post(`${ADMIN}/api/trpc/auth.signOut`, {
		headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
		data: {}
	});
	expect(response.status()).toBe(403);
	// Still signed in: the forged sign-out did nothing.
	await page.goto(`${ADMIN}/account`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('我的账户');
});

test('20 wrong passwords lock an account even against the right one, while another signs in', async ({
	page,
	request
}) => {
	test.setTimeout(90_000);
	let locked = false;
	for (let i = 0; i < 20 && !locked; i++) {
		const response = await request.post(`${ADMIN}/login`, {
			headers: { origin: ADMIN, accept: 'application/json', 'x-sveltekit-action': 'true' },
			form: { login: 'locktarget', password: `wrong password ${i}`, next: '/' }
		});
		const result = await response.json();
		const data = JSON.parse(result.data ?? '[]');
		const reason = data[data[0]?.reason] as string | undefined;
		if (reason === 'locked') locked = true;
		if (reason === 'throttled') {
			// A patient guesser waits out each delay; the delays grow, then the lock comes.
			const seconds = data[data[0].waitSeconds] as number;
			await new Promise((r) => setTimeout(r, seconds * 1000 + 50));
		}
	}
	expect(locked).toBe(true);

	await page.goto(`${ADMIN}/login`);
	await page.getByLabel('账号').fill('locktarget');
	await page.getByLabel('密码').fill('lock target password');
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('alert')).toContainText('登录已暂时锁定');
	await expect(page).toHaveURL(/\/login/);

	const other = await page.context().browser()!.newContext();
	const otherPage = await other.newPage();
	await signIn(otherPage, 'leader');
	await other.close();
});
