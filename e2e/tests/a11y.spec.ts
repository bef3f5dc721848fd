import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN, ATTENDEE } from '../support/origins.ts';
import { registerAttendee, uniqueName } from '../support/attendees.ts';
import { createScreenLink, HYDRATED_WITHIN } from '../support/live.ts';
import { signIn } from '../support/staff.ts';
import { current } from '../support/editions.ts';

/*
 * Every page of both apps through axe, as the browser really serves it: the apps' Content
 * Security Policy stays on (no bypassCSP), so what axe sees is what people get. Serious and
 * critical findings fail (and a few lesser ones, below); each page is its own test so one finding does not hide the next.
 */

// A page's scripts hydrate, the stream opens, then axe walks the whole document: on a busy
// machine that is slow, not wrong.
test.describe.configure({ timeout: 90_000 });

/**
 * Findings a page may not have: anything serious or critical, and — though axe rates them lower —
 * table headers without text and content outside the page's landmarks, which screen readers
 * use to move around the dashboards.
 */
const refused = (v: { id: string; impact?: string | null }) =>
	v.impact === 'serious' ||
	v.impact === 'critical' ||
	v.id === 'empty-table-header' ||
	v.id === 'region' ||
	v.id.startsWith('landmark-');

async function expectAccessible(page: Page) {
	const results = await new AxeBuilder({ page }).analyze();
	const serious = results.violations.filter(refused).map((v) => ({
		rule: v.id,
		impact: v.impact,
		help: v.help,
		where: v.nodes.map((n) => n.target.join(' ')).slice(0, 5)
	}));
	expect(serious).toEqual([]);
}

/** Waits for the page's scripts: axe must see what a person sees once the page is running. */
async function hydrated(page: Page) {
	// The live pages keep a stream open, so the network never goes quiet: their indicator says
	// when the scripts run instead.
	const indicator = page.getByTestId('live-indicator');
	if (await indicator.count())
		await expect(indicator).toHaveAttribute('data-status', 'live', { timeout: HYDRATED_WITHIN });
	else await page.waitForLoadState('networkidle');
}

test.describe('the attendee site', () => {
	let secret: string;
	test.beforeAll(async ({ request }) => {
		secret = (
			await registerAttendee(request, {
				conferenceId: current().sensor.id,
				name: uniqueName('无障碍')
			})
		).secret;
	});

	const pages: [string, () => string, number][] = [
		['the home page', () => '/', 200],
		['a conference', () => `/c/${current().sensor.id}`, 200],
		['the registration form', () => `/c/${current().sensor.id}/register`, 200],
		['the exhibitor directory', () => `/c/${current().sensor.id}/exhibitors`, 200],
		['a ticket', () => `/ticket/${secret}`, 200],
		['finding a ticket', () => '/find', 200],
		['the error page', () => '/c/no-such-conference', 404]
	];
	for (const [name, path, status] of pages) {
		test(`${name} passes the axe check`, async ({ page }) => {
			expect((await page.goto(`${ATTENDEE}${path()}`))?.status()).toBe(status);
			await hydrated(page);
			await expectAccessible(page);
		});
	}
});

test.describe('the staff console', () => {
	test('the sign-in page passes the axe check', async ({ page }) => {
		await page.goto(`${ADMIN}/login`);
		await hydrated(page);
		await expectAccessible(page);
	});

	const pages: [string, string][] = [
		['the console home', '/'],
		['the check-in page (choosing a gate)', '/checkin'],
		['the deals list', '/deals'],
		['a new deal', '/deals/new'],
		['the deal import', '/deals/import'],
		['the registrations', '/registrations'],
		['the agenda', '/agenda'],
		['the live dashboard', '/live'],
		['the settings', '/settings'],
		['staff accounts', '/settings/users'],
		['gates', '/settings/checkpoints'],
		['scanner devices', '/settings/devices'],
		['screen links', '/settings/screens'],
		['targets', '/settings/targets'],
		['industry chains and responsible units', '/settings/organisation'],
		['the audit log', '/settings/audit'],
		['mail', '/settings/mail'],
		['notices', '/notices'],
		['the exhibition', '/exhibition'],
		['halls and booths', '/exhibition/booths'],
		['importing booths', '/exhibition/booths/import'],
		['the exhibition settings', '/exhibition/settings'],
		['offline conflicts', '/checkin/review'],
		['the own account', '/account'],
		['the error page', '/no-such-page']
	];
	for (const [name, path] of pages) {
		test(`${name} passes the axe check`, async ({ page }) => {
			await signIn(page, 'admin');
			await page.goto(`${ADMIN}${path}`);
			await hydrated(page);
			await expectAccessible(page);
		});
	}

	test('a deal passes the axe check', async ({ page }) => {
		await signIn(page, 'admin');
		await page.goto(`${ADMIN}/deals`);
		const first = page.locator('tbody a[href^="/deals/"]').first();
		const href = await first.getAttribute('href');
		expect(href).toMatch(/^\/deals\/[^/]+$/);
		await page.goto(`${ADMIN}${href}`);
		await hydrated(page);
		await expectAccessible(page);
	});

	test('the big screen passes the axe check', async ({ page, browser }) => {
		await signIn(page, 'admin');
		const url = await createScreenLink(page, ADMIN, '无障碍检查大屏');
		const screen = await venuePage(browser);
		await screen.goto(url);
		await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
			timeout: HYDRATED_WITHIN
		});
		await expectAccessible(screen);
		// And what it shows once the link no longer opens it.
		await screen.goto(`${ADMIN}/screen/no-such-link-${'x'.repeat(30)}`);
		await expect(screen.getByTestId('screen-closed')).toBeVisible();
		await expectAccessible(screen);
		await screen.context().close();
	});
});

/** The venue's PC: a browser of its own, no sign-in, the hall's resolution. */
async function venuePage(browser: Browser): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	return context.newPage();
}
