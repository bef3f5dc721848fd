import { expect, test } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';
import { HYDRATED_WITHIN, liveTotal, yi } from '../support/live.ts';

// Several pages and two browsers per test: on a machine running other suites this takes a while.
test.describe.configure({ timeout: 90_000 });

interface Snapshot {
	conferences: { id: string; totals: { contract: number; includingFramework: number } }[];
}

/** `live.snapshot`'s input for the year 2024, in the address of a tRPC query. */
const YEAR_2024 = encodeURIComponent(JSON.stringify({ year: 2024 }));
test('the dashboard switches between contracts only and including framework/intent', async ({
	page
}) => {
	await signIn(page, 'leader');
	// 2024, browsed as history: the demo's deals were signed there.
	await page.goto(`${ADMIN}/live?year=2024`);
	const total = page.locator('[data-conference="wsc-2024"] [data-total]');
	const all = await liveTotal(page, 'wsc-2024');

	await page.getByRole('link', { name: '仅正式合同' }).click();
	await expect(page).toHaveURL(`${ADMIN}/live?year=2024&basis=contract`);
	const contract = Number(await total.getAttribute('data-yuan'));
	expect(contract).toBeLessThan(all);
	const response = await page.request.get(`${ADMIN}/api/trpc/live.snapshot?input=${YEAR_2024}`);
	const snapshot = (await response.json()).result.data as Snapshot;
	const sensor = snapshot.conferences.find((c) => c.id === 'wsc-2024')!;
	// Other tests may record deals meanwhile; the page and the API agree with each other.
	expect(sensor.totals.contract).toBeGreaterThanOrEqual(contract);
	await expect(total).toHaveText(yi(contract));

	await page.getByRole('link', { name: '含框架/意向协议' }).click();
	await expect(page).toHaveURL(`${ADMIN}/live?year=2024`);
	expect(await liveTotal(page, 'wsc-2024')).toBeGreaterThan(contract);
});

test('the year’s targets show their deadline and a pace projection, and the curve is drawn', async ({
	page
}) => {
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/live?year=2024`);
	const year = page.locator('[data-metric]');
	await expect(year).toHaveCount(3);
	for (const metric of ['signed_amount', 'formal_signing_count', 'landed_100yi_count']) {
		const card = page.locator(`[data-metric="${metric}"]`);
		await expect(card).toContainText('截止');
		await expect(card).toContainText(/按当前进度|已完成目标|尚无进展/);
	}
	await expect(page.locator('[data-metric="signed_amount"]')).toContainText('600.00亿元');
	await expect(page.locator('[data-metric="formal_signing_count"]')).toContainText('10个');
	await expect(page.locator('[data-metric="landed_100yi_count"]')).toContainText('2个');
	// layerchart draws the curve and the target line as SVG paths, with axes.
	const chart = page.locator('figure.curve svg');
	await expect(chart.first()).toBeVisible();
	expect(await chart.locator('path').count()).toBeGreaterThanOrEqual(2);
	await expect(page.getByTestId('by-chain')).toContainText('智能传感器');
	await expect(page.getByTestId('by-unit').locator('li').first()).toContainText('亿元');
	await expect(page.getByTestId('turnout')).toContainText('已报名');
});

test('"as of" replays the ledger: before the first entry nothing was signed', async ({ page }) => {
	await signIn(page, 'recorder');
	await page.goto(`${ADMIN}/live?year=2024`);
	await page.getByLabel('回看时刻（北京时间）').fill('2020-01-01T08:00:00');
	await page.getByRole('button', { name: '回看' }).click();
	await expect(page).toHaveURL(/asOf=2020-01-01T08%3A00/);
	await expect(page.getByTestId('as-of-banner')).toContainText('2020');
	await expect(page.getByTestId('live-indicator')).toHaveCount(0);
	expect(await liveTotal(page, 'wsc-2024')).toBe(0);
	await expect(page.getByTestId('turnout')).toHaveCount(0);

	// A moment after every entry so far gives the totals the live ledger had then.
	const live = await page.request.get(`${ADMIN}/api/trpc/live.snapshot?input=${YEAR_2024}`);
	const liveTotalNow = ((await live.json()).result.data as Snapshot).conferences.find(
		(c) => c.id === 'wsc-2024'
	)!.totals.includingFramework;
	const soon = new Date(Date.now() + 8 * 3600_000 + 60_000).toISOString().slice(0, 19);
	await page.goto(`${ADMIN}/live?year=2024&asOf=${soon}`);
	await expect(page.getByTestId('as-of-banner')).toBeVisible();
	expect(await liveTotal(page, 'wsc-2024')).toBeGreaterThanOrEqual(liveTotalNow);
	await page.getByRole('link', { name: '回到实时' }).click();
	await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
});

test('door staff cannot open the dashboard or its stream', async ({ page }) => {
	await signIn(page, 'door');
	expect((await page.goto(`${ADMIN}/live`))?.status()).toBe(403);
	expect((await page.request.get(`${ADMIN}/api/live`)).status()).toBe(403);
	expect((await page.request.get(`${ADMIN}/api/live?screen=made-up`)).status()).toBe(404);
});

test('the stream is Server-Sent Events that nothing between may buffer', async ({ page }) => {
	await signIn(page, 'leader');
	const headers = await page.evaluate(async (url) => {
		const abort = new AbortController();
		const response = await fetch(url, { signal: abort.signal });
		const reader = response.body!.getReader();
		const { value } = await reader.read();
		abort.abort();
		return {
			type: response.headers.get('content-type'),
			cache: response.headers.get('cache-control'),
			buffering: response.headers.get('x-accel-buffering'),
			first: new TextDecoder().decode(value)
		};
	}, `${ADMIN}/api/live`);
	expect(headers.type).toBe('text/event-stream; charset=utf-8');
	expect(headers.cache).toContain('no-cache');
	expect(headers.buffering).toBe('no');
	expect(headers.first).toContain('retry: 1000');
});
