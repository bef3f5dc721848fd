import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { current } from '../support/editions.ts';
import { createScreenLink, HYDRATED_WITHIN } from '../support/live.ts';

test.use({ viewport: { width: 1920, height: 1080 } });
// Several pages and two browsers per test: on a machine running other suites this takes a while.
test.describe.configure({ timeout: 90_000 });

/** The screen fits the display: the document does not scroll, and no panel is cut off. */
async function assertFits(page: Page) {
	const sizes = await page.evaluate(() => ({
		scrollWidth: document.documentElement.scrollWidth,
		scrollHeight: document.documentElement.scrollHeight,
		width: window.innerWidth,
		height: window.innerHeight,
		panels: [...document.querySelectorAll<HTMLElement>('.panel, header, footer')].map((el) => ({
			name: el.dataset.conference ?? el.dataset.metric ?? el.className,
			over: el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight
		}))
	}));
	expect(sizes.width).toBe(1920);
	expect(sizes.height).toBe(1080);
	expect(sizes.scrollWidth).toBeLessThanOrEqual(sizes.width);
	expect(sizes.scrollHeight).toBeLessThanOrEqual(sizes.height);
	expect(sizes.panels.length).toBeGreaterThanOrEqual(6);
	expect(sizes.panels.filter((p) => p.over)).toEqual([]);
}

for (const locale of ['zh-CN', 'en'] as const) {
	test(`the big screen at 1920×1080 in ${locale} fits without scrolling`, async ({
		page,
		browser
	}, testInfo) => {
		await signIn(page, 'admin');
		const url = await createScreenLink(page, ADMIN, `大屏 ${locale}`);

		// The venue PC: no sign-in, only the link.
		const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await venue.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ADMIN }]);
		const screen = await venue.newPage();
		await screen.goto(url);
		await expect(screen.locator('html')).toHaveAttribute('lang', locale);
		await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		// The big screen follows the current year: the demo's open editions.
		await expect(
			screen.locator(`[data-conference="${current().sensor.id}"] [data-total]`)
		).toBeVisible();
		await expect(screen.getByTestId('clock')).toContainText(/\d{2}:\d{2}:\d{2}/);
		// The demo exhibition has its line in the footer, which still fits.
		await expect(screen.getByTestId('screen-exhibition')).toBeVisible();
		await assertFits(screen);
		await screen.screenshot({ path: testInfo.outputPath(`big-screen-${locale}.png`) });
		await venue.close();
	});
}

test('revoking a screen link blanks that screen with a message within 10 s', async ({
	page,
	browser
}) => {
	await signIn(page, 'admin');
	const url = await createScreenLink(page, ADMIN, '撤销测试大屏');
	const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	const screen = await venue.newPage();
	await screen.goto(url);
	await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});

	page.on('dialog', (dialog) => dialog.accept());
	const row = page.locator('tr', { hasText: '撤销测试大屏' });
	await row.getByRole('button', { name: '撤销' }).click();
	await expect(page.getByRole('status')).toHaveText('已撤销：撤销测试大屏');
	await expect(row).toContainText('已撤销');

	await expect(screen.getByTestId('screen-closed')).toHaveText(/此大屏链接已被撤销/, {
		timeout: 10_000
	});
	await expect(screen.getByTestId('screen')).toHaveCount(0);
	// Opening it again shows the same, and its stream is refused.
	await screen.reload();
	await expect(screen.getByTestId('screen-closed')).toContainText('此大屏链接已被撤销');
	const token = url.split('/screen/')[1]!;
	expect((await venue.request.get(`${ADMIN}/api/live?screen=${token}`)).status()).toBe(410);

	// The audit log has both the creation and the revocation.
	await page.goto(`${ADMIN}/settings/audit`);
	const log = page.locator('tbody');
	await expect(log.getByText('撤销大屏链接').first()).toBeVisible();
	await expect(log.getByText('创建大屏链接').first()).toBeVisible();
	await venue.close();
});

test('only admins manage screen links', async ({ page }) => {
	await signIn(page, 'leader');
	expect((await page.goto(`${ADMIN}/settings/screens`))?.status()).toBe(403);
});

/** The hall's smallest readable text at 1920×1080: nothing on the screen is set smaller. */
const MIN_TEXT_PX = 24;

for (const locale of ['zh-CN', 'en'] as const) {
	test(`the big screen in ${locale} has no text under ${MIN_TEXT_PX} px and no overlapping axis labels`, async ({
		page,
		browser
	}) => {
		await signIn(page, 'admin');
		const url = await createScreenLink(page, ADMIN, `字号 ${locale}`);
		const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		await venue.addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ADMIN }]);
		const screen = await venue.newPage();
		await screen.goto(url);
		await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		const ticks = screen.locator('.lc-axis-tick-label');
		await expect(ticks.first()).toBeVisible();

		// Every piece of text a person can see, with the size it is drawn at.
		const texts = await screen.evaluate(() => {
			const found: { text: string; px: number }[] = [];
			const walker = document.createTreeWalker(
				document.querySelector('[data-testid="screen"]')!,
				NodeFilter.SHOW_TEXT
			);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const text = node.textContent!.trim();
				const parent = node.parentElement!;
				if (!text || !parent.checkVisibility()) continue;
				found.push({ text, px: parseFloat(getComputedStyle(parent).fontSize) });
			}
			return found;
		});
		expect(texts.length).toBeGreaterThan(20);
		expect(texts.filter((t) => t.px < MIN_TEXT_PX)).toEqual([]);

		// The chart's labels, amounts and dates alike: no two boxes share a pixel.
		const boxes = await ticks.evaluateAll((labels) =>
			labels
				.filter((label) => label.textContent!.trim() !== '')
				.map((label) => {
					const r = label.getBoundingClientRect();
					return { text: label.textContent!, x: r.x, y: r.y, right: r.right, bottom: r.bottom };
				})
		);
		expect(boxes.length).toBeGreaterThanOrEqual(5);
		const overlapping = boxes.flatMap((a, i) =>
			boxes
				.slice(i + 1)
				.filter((b) => a.x < b.right && b.x < a.right && a.y < b.bottom && b.y < a.bottom)
				.map((b) => `${a.text} × ${b.text}`)
		);
		expect(overlapping).toEqual([]);
		await venue.close();
	});
}
