import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';
import { openGate, registerAttendee, scan, uniqueName, wedgeScan } from '../support/attendees.ts';
import { current } from '../support/editions.ts';

const GATE = '南门主入口';
const DESKTOP = { width: 1280, height: 720 };
const PHONE = { width: 390, height: 844 };

/** A confirmed ticket and a cancelled one, registered through the attendee site's procedures. */
async function tickets(request: Parameters<typeof registerAttendee>[0]) {
	const admitted = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('重复')
	});
	const cancelled = await registerAttendee(request, {
		conferenceId: current().sensor.id,
		name: uniqueName('作废')
	});
	const cancel = await request.post(`${ATTENDEE}/api/trpc/registration.cancel`, {
		headers: { 'content-type': 'application/json' },
		data: { secret: cancelled.secret }
	});
	expect(cancel.ok()).toBe(true);
	return { admitted, cancelled };
}

/**
 * Stops the page's clock (installed before it loaded) a moment from now: timers then fire only
 * when the test moves time on, so "still shown after 1.4 s" needs no real waiting.
 */
async function pauseClock(page: Page) {
	const now = await page.evaluate(() => Date.now());
	await page.clock.pauseAt(now + 200);
}

/** Scans with the clock paused and waits for the verdict of that reason. */
async function showVerdict(page: Page, code: string, reason: string) {
	await wedgeScan(page, code);
	const verdict = page.locator(`[data-testid="verdict"][data-reason="${reason}"]`);
	await expect(verdict).toBeVisible();
	return verdict;
}

/**
 * axe's serious and critical findings on the page as it is, verdict included. axe runs in the
 * page under its own Content-Security-Policy (the context does not bypass it). Its internal
 * timers run on the page's paused clock, so time is moved on in 1 ms steps while it works —
 * far too little to close the verdict being checked.
 */
async function seriousViolations(page: Page): Promise<string[]> {
	let done = false;
	const analysis = new AxeBuilder({ page }).analyze().finally(() => (done = true));
	while (!done) {
		// axe finishes its run in a blank page of its own that it then closes; a tick that lands
		// as that page goes away fails with "Target page closed". The tick is ours to retry, and
		// the analysis itself must still succeed below.
		await page.clock.runFor(1).catch(() => undefined);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
	const { violations } = await analysis;
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical')
		.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('a ticket scanned twice says "重复入场 · 请核实" with what to do, and stays until Escape or the next scan', async ({
	page,
	request
}) => {
	const { admitted, cancelled } = await tickets(request);
	await page.clock.install();
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, GATE);
	await scan(page, admitted.token, 'ok');
	await pauseClock(page);

	const duplicate = await showVerdict(page, admitted.token, 'already_checked_in');
	await expect(duplicate).toHaveAttribute('data-tone', 'warn');
	await expect(duplicate.getByRole('heading', { name: '重复入场 · 请核实' })).toBeVisible();
	await expect(duplicate.getByTestId('verdict-instruction')).toHaveText(
		'此票已经入场过。请核对持票人是否本人；不是本人或有疑问，请勿放行，并联系现场主管。'
	);
	await expect(duplicate.locator('svg')).toHaveCount(1);
	// Well past the old 1.4 s it is still there.
	await page.clock.runFor(2_000);
	await expect(duplicate).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('verdict')).toHaveCount(0);
	await expect(page.getByTestId('wedge')).toBeFocused();

	// Shown again, then replaced by the next scan's red verdict.
	await showVerdict(page, admitted.token, 'already_checked_in');
	const refused = await showVerdict(page, cancelled.token, 'cancelled');
	await expect(page.getByTestId('verdict')).toHaveCount(1);
	await expect(refused.getByRole('heading', { name: '不能入场' })).toBeVisible();
	await expect(refused.getByTestId('verdict-instruction')).toHaveText(
		'请勿放行。请引导持票人到服务台。'
	);
	await page.clock.runFor(2_000);
	await expect(refused).toBeVisible();
	// Left alone, it goes after a few seconds.
	await page.clock.runFor(10_000);
	await expect(page.getByTestId('verdict')).toHaveCount(0);
});

test('in English the duplicate reads "Already in — check before admitting" with its instruction', async ({
	page,
	request
}) => {
	const { admitted } = await tickets(request);
	await page.clock.install();
	await signIn(page, 'door');
	await openGate(page, current().sensor.nameZh, GATE);
	await page.getByRole('button', { name: /English/ }).click();
	await expect(page.getByTestId('gate-name')).toHaveText('South Gate (main entrance)');
	await scan(page, admitted.token, 'ok');
	await pauseClock(page);

	const duplicate = await showVerdict(page, admitted.token, 'already_checked_in');
	await expect(
		duplicate.getByRole('heading', { name: 'Already in — check before admitting' })
	).toBeVisible();
	await expect(duplicate.getByTestId('verdict-instruction')).toHaveText(
		'This ticket has been used already. Check that the holder is the person named; if not, or if in doubt, do not admit them and call the supervisor.'
	);
	await page.clock.runFor(2_000);
	await expect(duplicate).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(page.getByTestId('verdict')).toHaveCount(0);
});

for (const language of ['zh-CN', 'en'] as const) {
	test(`axe finds nothing serious on the green, amber and red verdicts (${language})`, async ({
		page,
		request
	}) => {
		// Six axe runs over a whole page: minutes on a busy two-core machine.
		test.setTimeout(300_000);
		const { admitted, cancelled } = await tickets(request);
		await page.clock.install();
		await signIn(page, 'door');
		await openGate(page, current().sensor.nameZh, GATE);
		if (language === 'en') {
			await page.getByRole('button', { name: /English/ }).click();
			await expect(page.getByTestId('gate-name')).toHaveText('South Gate (main entrance)');
		}
		await expect(page.locator('html')).toHaveAttribute('lang', language);
		await pauseClock(page);

		for (const [code, reason] of [
			[admitted.token, 'ok'],
			[admitted.token, 'already_checked_in'],
			[cancelled.token, 'cancelled']
		] as const) {
			const verdict = await showVerdict(page, code, reason);
			// On a laptop the verdict's lines are all large text (3:1 suffices); on a phone's width
			// its smaller lines need the full 4.5:1, which is where white on the old amber failed.
			for (const size of [DESKTOP, PHONE]) {
				await page.setViewportSize(size);
				expect(await seriousViolations(page), `${reason} at ${size.width} px`).toEqual([]);
			}
			await expect(verdict).toBeVisible();
			await page.keyboard.press('Escape');
			await expect(page.getByTestId('verdict')).toHaveCount(0);
		}
	});
}

test('door staff signing in land on check-in, and the home page no longer says check-in is coming', async ({
	page
}) => {
	await signIn(page, 'door', DEMO_PASSWORD, '/checkin');
	await expect(page.getByRole('heading', { level: 1, name: '现场检票' })).toBeVisible();

	await page.goto(`${ADMIN}/`);
	await expect(page.getByText('您的账号用于现场检票。')).toBeVisible();
	await expect(page.getByText(/检票功能上线后/)).toHaveCount(0);
	await page.getByRole('main').getByRole('link', { name: '打开检票' }).click();
	await expect(page).toHaveURL(`${ADMIN}/checkin`);
});
