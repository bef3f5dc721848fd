import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { current } from '../support/editions.ts';
import { HYDRATED_WITHIN } from '../support/live.ts';

test('a leader on a phone gets the same figures in one column, with nothing wider than the screen', async ({
	page
}) => {
	await signIn(page, 'leader');
	// 2024, browsed as history: a year with deals in every list.
	await page.goto(`${ADMIN}/live?year=2024`);
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
	const sensor = page.locator('[data-conference="wsc-2024"]');
	const diamond = page.locator('[data-conference="diamond-2024"]');
	await expect(sensor.locator('[data-total]')).toContainText('亿元');
	const [a, b] = [await sensor.boundingBox(), await diamond.boundingBox()];
	// One column: the cards sit one above the other, each as wide as the other.
	expect(a!.x).toBe(b!.x);
	expect(a!.width).toBe(b!.width);
	expect(Math.abs(b!.y - a!.y)).toBeGreaterThanOrEqual(a!.height);
	const widths = await page.evaluate(() => [
		document.documentElement.scrollWidth,
		document.documentElement.clientWidth
	]);
	expect(widths[0]).toBeLessThanOrEqual(widths[1]!);
	await expect(page.locator('[data-metric="signed_amount"]')).toBeVisible();
	await expect(page.getByTestId('ticker')).toBeVisible();
});

for (const locale of ['zh-CN', 'en'] as const) {
	test(`on a phone in ${locale} the conferences’ totals and the year’s target are on the first screen`, async ({
		page
	}) => {
		await page.context().addCookies([{ name: 'PARAGLIDE_LOCALE', value: locale, url: ADMIN }]);
		await signIn(page, 'leader');
		// The current year, as leadership opens it: the demo's open editions and their year.
		await page.goto(`${ADMIN}/live`);
		await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		const viewport = page.viewportSize()!;
		/** Wholly inside the first screen, before any scrolling. */
		const onFirstScreen = async (selector: string) => {
			const box = await page.locator(selector).boundingBox();
			expect(box, selector).not.toBeNull();
			expect(box!.y, selector).toBeGreaterThanOrEqual(0);
			expect(box!.y + box!.height, selector).toBeLessThanOrEqual(viewport.height);
		};
		const { sensor, diamond } = current();
		for (const conference of [sensor.id, diamond.id]) {
			await onFirstScreen(`[data-conference="${conference}"] h2`);
			await onFirstScreen(`[data-conference="${conference}"] [data-total]`);
			await onFirstScreen(`[data-conference="${conference}"] [data-percent]`);
		}
		// The year's signing target (600亿元): what has been signed against it.
		await onFirstScreen('.year [data-metric="signed_amount"] h3');
		await onFirstScreen('.year [data-metric="signed_amount"] .achieved');
		// Turnout and the breakdowns follow further down.
		const turnout = await page.getByTestId('turnout').boundingBox();
		expect(turnout!.y).toBeGreaterThan(viewport.height);
	});
}
