import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { publicKeyFromRaw, verifyTicket } from '@huizhan/api/tickets';
import { ATTENDEE } from '../support/origins.ts';
import { current } from '../support/editions.ts';

// The narrowest phone the attendee pages are made for (issue #5): nothing may scroll sideways.
test.use({ viewport: { width: 390, height: 844 } });

/** A mobile no other test run uses: the demo database refuses a second registration with it. */
const uniqueMobile = () => `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

/** A public procedure over HTTP, as a scanner or another site would call it. */
async function query<T>(request: APIRequestContext, path: string, input: unknown): Promise<T> {
	const response = await request.get(
		`${ATTENDEE}/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`
	);
	expect(response.ok()).toBe(true);
	return (await response.json()).result.data as T;
}

async function expectNoSidewaysScroll(page: Page) {
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow, page.url()).toBeLessThanOrEqual(0);
}

/** Reads the ticket's QR code the way a camera would: from the pixels on screen. */
async function scanQr(page: Page): Promise<string> {
	const png = PNG.sync.read(await page.getByTestId('ticket-qr').screenshot());
	const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
	expect(code, 'a QR code in the screenshot').not.toBeNull();
	return code!.data;
}

async function fillRegistration(page: Page, person: { name: string; mobile: string }) {
	await page.getByRole('radio', { name: /^观众/ }).check();
	await page.getByLabel('姓名').fill(person.name);
	await page.getByLabel('单位').fill('郑州大学');
	await page.getByLabel('职务').fill('研究员');
	await page.getByLabel('手机号', { exact: true }).fill(person.mobile);
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
}

test('a new attendee registers on a phone, gets a QR that verifies, finds the ticket again and cancels it', async ({
	page,
	request
}) => {
	const mobile = uniqueMobile();
	const { sensor } = current();

	await page.goto(`${ATTENDEE}/`);
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await page.getByRole('link', { name: sensor.nameZh }).click();
	await expect(page).toHaveURL(`${ATTENDEE}/c/${sensor.id}`);
	await expect(page.getByText('郑州国际会展中心')).toBeVisible();
	await expect(page.getByText(/报名开放中，截止时间/)).toBeVisible();
	await expect(page.locator('[data-category="vip"]')).toContainText('需审核');
	await expect(page.locator('[data-category="delegate"]')).toContainText('需审核');
	await expectNoSidewaysScroll(page);

	await page.getByRole('link', { name: '立即报名' }).click();
	await expect(page).toHaveURL(`${ATTENDEE}/c/${sensor.id}/register`);
	await expectNoSidewaysScroll(page);
	await fillRegistration(page, { name: '王小明', mobile });
	await page.getByRole('button', { name: '提交报名' }).click();

	await expect(page).toHaveURL(/\/ticket\/[A-Za-z0-9_-]{22}$/);
	const ticketUrl = page.url();
	await expect(page.getByText('王小明')).toBeVisible();
	await expect(page.getByText('郑州大学')).toBeVisible();
	const reference = (await page.getByTestId('ticket-reference').textContent())?.trim() ?? '';
	expect(reference).toMatch(new RegExp(`^${sensor.refPrefix}-[2-9A-HJKMNP-Z]{6}$`));
	await expectNoSidewaysScroll(page);

	// The QR on screen carries a token signed with the conference's published key.
	const token = await scanQr(page);
	const keys = await query<{ keyId: string; publicKey: string }[]>(
		request,
		'registration.ticketKeys',
		{ conferenceId: sensor.id }
	);
	const keyFor = (keyId: string) => {
		const key = keys.find((k) => k.keyId === keyId);
		return key ? publicKeyFromRaw(key.publicKey) : undefined;
	};
	const check = verifyTicket(token, keyFor);
	expect(check).toMatchObject({ ok: true, claims: { category: 'visitor' } });
	if (!check.ok) throw new Error('the ticket did not verify');
	// The check can fail: one changed character of the token breaks the signature.
	const last = token.at(-2) === 'A' ? 'B' : 'A';
	expect(verifyTicket(`${token.slice(0, -2)}${last}${token.at(-1)}`, keyFor).ok).toBe(false);

	// The same mobile again: recognised, nothing created, nothing about the first one revealed.
	await page.goto(`${ATTENDEE}/c/${sensor.id}/register`);
	await fillRegistration(page, {
		name: '王小明',
		mobile: `${mobile.slice(0, 3)} ${mobile.slice(3)}`
	});
	await page.getByRole('button', { name: '提交报名' }).click();
	const already = page.locator('[data-reason="already_registered"]');
	await expect(already).toContainText('该手机号或邮箱已报名本次大会');
	await expect(already).not.toContainText(reference);
	await expect(page).toHaveURL(`${ATTENDEE}/c/${sensor.id}/register`);

	// Find my ticket, from the link in that message: a wrong contact gets the generic answer.
	await already.getByRole('link', { name: '查找我的门票' }).click();
	await expect(page).toHaveURL(`${ATTENDEE}/find`);
	await expectNoSidewaysScroll(page);
	await page.getByLabel('报名编号').fill(reference);
	await page.getByLabel('手机号或邮箱').fill('13900000000');
	await page.getByRole('button', { name: '查找门票' }).click();
	await expect(page.getByRole('alert')).toHaveText(
		'没有与该报名编号和联系方式相符的门票，请核对后重试。'
	);
	await expect(page.getByLabel('报名编号')).toHaveValue(reference);
	await page.getByLabel('手机号或邮箱').fill(mobile);
	await page.getByRole('button', { name: '查找门票' }).click();
	await expect(page).toHaveURL(ticketUrl);

	// Cancelling takes a second, explicit tap; then the ticket is void and on the revocation list.
	await page.getByText('取消报名', { exact: true }).click();
	await page.getByRole('button', { name: '确认取消报名' }).click();
	await expect(page.getByText('此报名已取消，门票已失效。')).toBeVisible();
	await expect(page.getByTestId('ticket-qr')).toHaveCount(0);
	const { revoked } = await query<{ revoked: number[] }>(request, 'registration.revocations', {
		conferenceId: sensor.id
	});
	expect(revoked).toContain(check.claims.registrationNumber);
});

test('an unknown conference or ticket is the not-found page', async ({ page }) => {
	const conference = await page.goto(`${ATTENDEE}/c/no-such-conference`);
	expect(conference?.status()).toBe(404);
	await expect(page.getByRole('heading', { name: '页面不存在' })).toBeVisible();
	const ticket = await page.goto(`${ATTENDEE}/ticket/AAAAAAAAAAAAAAAAAAAAAA`);
	expect(ticket?.status()).toBe(404);
});

test('what an attendee enters before the page has finished loading is kept, not reset by hydration', async ({
	page
}) => {
	// Hold back the page's scripts, as a crowded venue network does, while the attendee fills in.
	let release!: () => void;
	const scriptsHeld = new Promise<void>((resolve) => (release = resolve));
	await page.route('**/_app/immutable/**/*.js', async (route) => {
		await scriptsHeld;
		await route.continue();
	});
	await page.goto(`${ATTENDEE}/c/${current().sensor.id}/register`, { waitUntil: 'commit' });
	await page.getByRole('radio', { name: /^展商/ }).check();
	await page.getByLabel('姓名').fill('陈静');
	await page.getByLabel('国家/地区').selectOption('HK');
	await page.getByLabel('手机号', { exact: true }).fill('5123 4567');
	await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();

	release();
	await page.waitForLoadState('networkidle');
	await expect(page.getByRole('radio', { name: /^展商/ })).toBeChecked();
	await expect(page.getByLabel('姓名')).toHaveValue('陈静');
	await expect(page.getByLabel('国家/地区')).toHaveValue('HK');
	await expect(page.getByLabel('手机号', { exact: true })).toHaveValue('5123 4567');
	await expect(page.getByRole('checkbox', { name: /我已阅读并同意/ })).toBeChecked();
});
