import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import { ownPort } from '../support/origins.ts';
import { createScreenLink, HYDRATED_WITHIN } from '../support/live.ts';
import { huizhan, sqlite, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';

// Its own database and app: the editions made here would otherwise take over every other
// journey's dashboards and big screen while this test runs.
const ADMIN = `http://127.0.0.1:${ownPort(15)}`;

/*
 * A year after any demo data, whose editions, open for registration early, show in the current
 * year's views beside its targets. The demo opens its next editions in the year it is made or the
 * one after, so three years on is clear of them.
 */
const YEAR = new Date().getUTCFullYear() + 3;
/** The dashboards' current year: the calendar year in Beijing. */
const THIS_YEAR = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
const EDITIONS = ['later-alpha', 'later-beta', 'later-gamma', 'later-delta'];

/** The hall's smallest readable text at 1920×1080 (as in screen.spec.ts). */
const MIN_TEXT_PX = 24;

async function call(request: APIRequestContext, procedure: string, input: unknown) {
	const response = await request.post(`${ADMIN}/api/trpc/${procedure}`, {
		data: input,
		headers: { origin: ADMIN }
	});
	expect(response.status(), `${procedure}: ${await response.text()}`).toBe(200);
}

/** An edition of YEAR with the standard categories, opened for registration. */
async function openEdition(request: APIRequestContext, id: string, i: number) {
	const day = `${YEAR}-0${i + 3}-10`;
	await call(request, 'editions.create', {
		id,
		refPrefix: `YR${i}`,
		nameZh: `${YEAR}测试大会${i + 1}号`,
		nameEn: `${YEAR} Test Conference ${i + 1}`,
		startsOn: day,
		endsOn: day,
		venueZh: '郑州国际会展中心',
		venueEn: 'Zhengzhou International Convention and Exhibition Centre',
		themeColor: ['#0b5cad', '#6b3fa0', '#c2410c', '#047857'][i],
		registrationOpensAt: `${YEAR - 1}-12-01T00:00:00+08:00`,
		registrationClosesAt: `${day}T18:00:00+08:00`
	});
	await call(request, 'editions.setStatus', { id, status: 'open' });
}

/**
 * The screen fills the display and nothing sticks out of it: no scrolling, no element outside
 * the viewport, no panel whose content overflows it, and (at 1920×1080) no text under the
 * hall's minimum.
 */
async function assertScreenFits(screen: Page, minTextPx: number | null) {
	// The chart follows a resize on its next ResizeObserver callback: measure once it has.
	await expect(() => measureScreen(screen, minTextPx)).toPass({ timeout: 10_000 });
}

async function measureScreen(screen: Page, minTextPx: number | null) {
	const found = await screen.evaluate(() => {
		const width = window.innerWidth;
		const height = window.innerHeight;
		const root = document.querySelector('[data-testid="screen"]')!;
		const outside = [...root.querySelectorAll<HTMLElement>('*')]
			.filter((el) => el.checkVisibility())
			.map((el) => ({ el, r: el.getBoundingClientRect() }))
			.filter(
				({ r }) =>
					r.width > 0 &&
					(r.left < -0.5 || r.top < -0.5 || r.right > width + 0.5 || r.bottom > height + 0.5)
			)
			.map(
				({ el, r }) =>
					`${el.getAttribute('class') ?? el.tagName} ${[r.left, r.top, r.right, r.bottom].map(Math.round).join(',')}`
			);
		const overflowing = [...root.querySelectorAll<HTMLElement>('.panel, header, footer')]
			.filter((el) => el.scrollWidth > el.clientWidth || el.scrollHeight > el.clientHeight)
			.map((el) => el.dataset.conference ?? el.dataset.metric ?? el.className);
		const texts: { text: string; px: number }[] = [];
		const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
		for (let node = walker.nextNode(); node; node = walker.nextNode()) {
			const text = node.textContent!.trim();
			const parent = node.parentElement!;
			if (!text || !parent.checkVisibility()) continue;
			texts.push({ text, px: parseFloat(getComputedStyle(parent).fontSize) });
		}
		return {
			scrollWidth: document.documentElement.scrollWidth,
			scrollHeight: document.documentElement.scrollHeight,
			width,
			height,
			outside,
			overflowing,
			texts
		};
	});
	expect(found.scrollWidth).toBeLessThanOrEqual(found.width);
	expect(found.scrollHeight).toBeLessThanOrEqual(found.height);
	expect(found.outside).toEqual([]);
	expect(found.overflowing).toEqual([]);
	if (minTextPx !== null) expect(found.texts.filter((t) => t.px < minTextPx)).toEqual([]);
}

test('the dashboards follow the current year’s editions, lay out up to four on the big screen, drop an archived one, and show earlier years as history', async ({
	page,
	browser
}) => {
	test.setTimeout(180_000);
	const database = join(mkdtempSync(join(tmpdir(), 'huizhan-live-years-')), 'huizhan.db');
	const env = { DATABASE_PATH: database };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	// A target of the later year too; the current year's own (the demo's 600亿元) sits beside the
	// four editions on the big screen, the widest row.
	expect(
		sqlite(database, [
			`INSERT INTO targets (scope, metric, value, period_start, period_end, created_at)
			 VALUES ('year', 'signed_amount', 50000000000, '${YEAR}-01-01', '${YEAR}-12-31', 0)`
		])
	).toBe(0);
	const app = await startApp('admin', ownPort(15), env);
	try {
		await journey();
	} finally {
		app.kill('SIGTERM');
	}

	async function journey() {
		await signIn(page, 'admin', DEMO_PASSWORD, '/', ADMIN);
		// The demo's next editions would show beside these in the current year: archive them.
		const demo = demoEditionsOn(demoCreatedOn(database));
		for (const { id } of [demo.sensor, demo.diamond]) {
			await call(page.request, 'editions.setStatus', { id, status: 'closed' });
			await call(page.request, 'editions.setStatus', { id, status: 'archived' });
		}
		for (const [i, id] of EDITIONS.entries()) await openEdition(page.request, id, i);
		// A draft of the same year never shows.
		await call(page.request, 'editions.create', {
			id: 'later-draft',
			refPrefix: 'YRD',
			nameZh: `${YEAR}草稿大会`,
			nameEn: `${YEAR} Draft Conference`,
			startsOn: `${YEAR}-09-01`,
			endsOn: `${YEAR}-09-02`,
			venueZh: '郑州',
			venueEn: 'Zhengzhou',
			themeColor: '#111111',
			registrationOpensAt: `${YEAR}-01-01T00:00:00+08:00`,
			registrationClosesAt: `${YEAR}-09-01T18:00:00+08:00`
		});

		const url = await createScreenLink(page, ADMIN, '年份测试大屏');
		const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
		const screen = await venue.newPage();
		await screen.goto(url);
		await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		const panels = screen.locator('.headline [data-conference]');
		await expect(panels).toHaveCount(4);
		expect(await panels.evaluateAll((els) => els.map((el) => el.dataset.conference))).toEqual(
			EDITIONS
		);
		await expect(screen.locator('.headline [data-metric="signed_amount"]')).toBeVisible();
		await assertScreenFits(screen, MIN_TEXT_PX);
		await screen.setViewportSize({ width: 1280, height: 720 });
		await assertScreenFits(screen, null);
		await screen.setViewportSize({ width: 1920, height: 1080 });

		await page.goto(`${ADMIN}/live`);
		const cards = page.locator('.conferences [data-conference]');
		await expect(cards).toHaveCount(4);
		await expect(page.locator('[data-conference="later-draft"]')).toHaveCount(0);
		// The current year is the calendar year; the later editions, open already, show in it.
		await expect(page.getByTestId('year-selector').locator('[aria-current="page"]')).toHaveText(
			new RegExp(String(THIS_YEAR))
		);

		// Archiving one takes it off the open screen and dashboard, each down to three.
		await call(page.request, 'editions.setStatus', { id: 'later-delta', status: 'closed' });
		await call(page.request, 'editions.setStatus', { id: 'later-delta', status: 'archived' });
		await expect(panels).toHaveCount(3, { timeout: 10_000 });
		await expect(screen.locator('[data-conference="later-delta"]')).toHaveCount(0);
		await expect(cards).toHaveCount(3, { timeout: 10_000 });
		await expect(page.locator('[data-conference="later-delta"]')).toHaveCount(0);
		await assertScreenFits(screen, MIN_TEXT_PX);

		// Two, then one: each still fills the row without spilling.
		for (const [id, left] of [
			['later-gamma', 2],
			['later-beta', 1]
		] as const) {
			await call(page.request, 'editions.setStatus', { id, status: 'closed' });
			await call(page.request, 'editions.setStatus', { id, status: 'archived' });
			await expect(panels).toHaveCount(left, { timeout: 10_000 });
			await assertScreenFits(screen, MIN_TEXT_PX);
			await screen.setViewportSize({ width: 1280, height: 720 });
			await assertScreenFits(screen, null);
			await screen.setViewportSize({ width: 1920, height: 1080 });
		}
		await venue.close();

		// An earlier year, chosen with the keyboard: the demo's editions as history, not this year's.
		const years = page.getByTestId('year-selector').locator('a[data-year]');
		const offered = (await years.evaluateAll((links) =>
			links.map((a) => Number((a as HTMLElement).dataset.year))
		)) as number[];
		expect(offered[0]).toBe(YEAR);
		expect(offered).toEqual([...offered].sort((a, b) => b - a));
		const earlier = offered.at(-1)!;
		expect(earlier).toBeLessThan(YEAR);
		await years.last().focus();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(`${ADMIN}/live?year=${earlier}`);
		await expect(page.getByTestId('year-history')).toBeVisible();
		await expect(cards.first()).toBeVisible();
		await expect(page.locator('[data-conference^="later-"]')).toHaveCount(0);
		await expect(page.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});

		// The archived editions of the current year stay off it; browsing back shows the rest.
		await page.goto(`${ADMIN}/live?year=${YEAR}`);
		await expect(cards).toHaveCount(1);
		await expect(page.getByTestId('year-history')).toHaveCount(0);

		// The console home follows the same year and offers the same choice.
		await page.goto(`${ADMIN}/`);
		await expect(page.locator('[data-scope="later-alpha"]')).toBeVisible();
		await expect(page.locator('[data-scope="later-beta"]')).toHaveCount(0);
		await page.goto(`${ADMIN}/?year=${earlier}`);
		await expect(page.getByTestId('year-history')).toBeVisible();
		await expect(page.locator('[data-scope^="later-"]')).toHaveCount(0);
		// A year that is not one: the stream refuses it, the page says so and shows the current year.
		expect((await page.request.get(`${ADMIN}/api/live?year=abc`)).status()).toBe(400);
		await page.goto(`${ADMIN}/?year=abc`);
		await expect(page.getByRole('alert')).toHaveText(/年份无效|not valid/);
	}
});
