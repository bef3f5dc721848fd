import { expect, test, type Locator } from '@playwright/test';
import { registerAttendee, uniqueName } from '../support/attendees.ts';
import { ATTENDEE } from '../support/origins.ts';
import { current } from '../support/editions.ts';

const WECHAT_UA =
	'Mozilla/5.0 (Linux; Android 14; V2229A Build/UP1A; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64';

/** How many lines an element's text takes on screen. */
const lines = (locator: Locator) =>
	locator.evaluate((element) => {
		const range = document.createRange();
		range.selectNodeContents(element);
		return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
	});

test.describe('inside WeChat', () => {
	test.use({ userAgent: WECHAT_UA });

	test('the ticket hides calendar and printing, and offers the QR as an image to long-press, its reference beside it', async ({
		page,
		request
	}) => {
		const attendee = await registerAttendee(request, {
			conferenceId: current().sensor.id,
			name: uniqueName('微信')
		});
		await page.goto(`${ATTENDEE}/ticket/${attendee.secret}`);
		await page.waitForLoadState('networkidle');

		const qr = page.getByTestId('ticket-qr');
		await expect(qr.locator('img')).toHaveAttribute('src', /^data:image\/png;base64,/);
		await expect(qr.locator('img')).toHaveAttribute('alt', '入场二维码');
		await expect(page.getByTestId('long-press-hint')).toContainText('长按二维码');
		await expect(page.getByTestId('wechat-reference')).toHaveText(attendee.reference);

		await expect(page.getByRole('link', { name: '添加到日历' })).toHaveCount(0);
		await expect(page.getByRole('button', { name: '打印胸卡' })).toHaveCount(0);
		await expect(page.getByTestId('wechat-hint')).toContainText('在浏览器打开');
	});
});

test('outside WeChat the same ticket offers the calendar and printing, and no WeChat hints', async ({
	page,
	request
}) => {
	const attendee = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('浏览器')
	});
	await page.goto(`${ATTENDEE}/ticket/${attendee.secret}`);
	await page.waitForLoadState('networkidle');
	await expect(page.getByTestId('ticket-qr').locator('svg')).toBeVisible();
	await expect(page.getByRole('link', { name: '添加到日历' })).toBeVisible();
	await expect(page.getByRole('button', { name: '打印胸卡' })).toBeVisible();
	await expect(page.getByTestId('long-press-hint')).toHaveCount(0);
	await expect(page.getByTestId('wechat-hint')).toHaveCount(0);
});

test.describe('on the narrowest phone', () => {
	test.use({ viewport: { width: 320, height: 640 } });

	test('in English the language button and "Add to calendar" each stay on one line', async ({
		page,
		request
	}) => {
		const attendee = await registerAttendee(request, {
			conferenceId: current().sensor.id,
			name: uniqueName('English')
		});
		await page.goto(`${ATTENDEE}/ticket/${attendee.secret}`);
		await page.getByRole('button', { name: /English/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'en');

		const language = page.getByRole('button', { name: /中文/ });
		const calendar = page.getByRole('link', { name: 'Add to calendar' });
		await expect(calendar).toBeVisible();
		expect(await lines(language)).toBe(1);
		expect(await lines(calendar)).toBe(1);
		await page.getByRole('button', { name: /中文/ }).click();
		await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	});
});
