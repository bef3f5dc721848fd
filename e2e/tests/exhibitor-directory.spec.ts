import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import type { ChildProcess } from 'node:child_process';
import { ATTENDEE, ownPort } from '../support/origins.ts';
import { current, demoCreatedOn, demoEditionsOn, SHARED_DATABASE } from '../support/editions.ts';
import { signInAt } from '../support/live.ts';
import { exited, huizhan, sqlite, sqliteValue, startAdmin } from '../support/processes.ts';

/*
 * The exhibition seen from outside: a visitor on a phone inside WeChat, JavaScript off, finds the
 * exhibitor directory from the conference page, searches it by name, hall and product, pages
 * through it and opens a company's page with its booth; both pages pass axe (with JavaScript,
 * which axe needs). Then leadership's
 * /live shows the demo exhibition's figures, and a lead scanned today shows there within a
 * minute and a bit (the exhibition is read afresh each minute, not per scan).
 */

test.describe.configure({ mode: 'serial' });

/** What axe finds serious or critical on the page, and content outside the landmarks. */
async function seriousFindings(page: Page) {
	const { violations } = await new AxeBuilder({ page }).analyze();
	return violations
		.filter((v) => v.impact === 'serious' || v.impact === 'critical' || v.id === 'region')
		.map((v) => ({ rule: v.id, where: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
}

const approvedIn = (database: string, conferenceId: string) =>
	Number(
		sqliteValue(
			database,
			`SELECT count(*) FROM exhibitors WHERE conference_id = '${conferenceId}' AND status = 'approved'`
		)
	);

test.describe('the directory without JavaScript', () => {
	test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });

	test('searches by name, hall and product, pages, and opens a company with its booth', async ({
		page
	}) => {
		const sensor = current().sensor;
		const approved = approvedIn(SHARED_DATABASE, sensor.id);
		expect(approved).toBeGreaterThan(20);

		await page.goto(`${ATTENDEE}/c/${sensor.id}`);
		await page.getByRole('link', { name: '展商名录' }).click();
		await expect(page).toHaveURL(`${ATTENDEE}/c/${sensor.id}/exhibitors`);
		await expect(page.getByRole('heading', { name: '展商名录', level: 1 })).toBeVisible();
		await expect(page.getByText(`共 ${approved} 家展商`)).toBeVisible();

		// Twenty a page: the next page holds the rest.
		await expect(page.locator('li.exhibitor')).toHaveCount(20);
		await page.getByRole('link', { name: '下一页' }).click();
		await expect(page.locator('li.exhibitor')).toHaveCount(Math.min(20, approved - 20));
		await expect(page.getByText(/第 2 \/ \d+ 页/)).toBeVisible();

		await page.getByLabel('搜索', { exact: true }).fill('芯测');
		await page.getByRole('button', { name: '搜索' }).click();
		await expect(page).toHaveURL(/\?q=%E8%8A%AF%E6%B5%8B/);
		const found = page.locator('li.exhibitor');
		await expect(found.first()).toContainText('芯测');
		for (const text of await found.locator('h2').allTextContents()) expect(text).toContain('芯测');

		// Hall C holds the raw spaces: every company listed has a booth there.
		await page.getByRole('link', { name: '清除条件' }).click();
		await page.getByLabel('展馆').selectOption('C');
		await page.getByRole('button', { name: '搜索' }).click();
		const inC = page.locator('li.exhibitor');
		await expect(inC.first()).toBeVisible();
		for (const booths of await inC.locator('.booths').allTextContents())
			expect(booths).toMatch(/C馆 · C\d\d/);

		await page.getByRole('link', { name: '清除条件' }).click();
		await page.getByLabel('搜索', { exact: true }).fill('不存在的展品');
		await page.getByRole('button', { name: '搜索' }).click();
		await expect(page.getByTestId('no-match')).toBeVisible();
		await expect(page.getByText('找到 0 家展商')).toBeVisible();

		await page.getByLabel('搜索', { exact: true }).fill('MEMS压力传感器');
		await page.getByRole('button', { name: '搜索' }).click();
		const company = page.locator('li.exhibitor').first();
		const name = (await company.locator('h2').textContent())!.trim();
		await company.getByRole('link').click();
		await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
		await expect(page.getByTestId('booths')).toContainText(/馆 · [ABC]\d\d|展位待定/);
		await expect(page.getByText('MEMS压力传感器').first()).toBeVisible();
		// The company's contact is the organisers' alone.
		await expect(page.locator('body')).not.toContainText('展务联系人');
	});
});

// axe runs inside the page: these pages are checked as a browser with JavaScript shows them.
test('the directory and a company’s page pass axe', async ({ page }) => {
	const sensor = current().sensor;
	await page.goto(`${ATTENDEE}/c/${sensor.id}/exhibitors?hall=A`);
	await expect(page.locator('li.exhibitor').first()).toBeVisible();
	expect(await seriousFindings(page)).toEqual([]);
	await page.locator('li.exhibitor h2 a').first().click();
	await expect(page.getByTestId('booths')).toBeVisible();
	expect(await seriousFindings(page)).toEqual([]);
});

test.describe('leadership’s live page', () => {
	test.describe.configure({ timeout: 150_000 });
	const PORT = ownPort(24);
	const ORIGIN = `http://127.0.0.1:${PORT}`;
	let dir: string;
	let database: string;
	let app: ChildProcess;

	test.beforeAll(async () => {
		dir = mkdtempSync(join(tmpdir(), 'huizhan-exhibition-'));
		database = join(dir, 'huizhan.db');
		const env = { DATABASE_PATH: database, HUIZHAN_MODE: 'demo' };
		expect(huizhan(['seed', '--demo'], env).code).toBe(0);
		app = await startAdmin(PORT, env);
	});

	test.afterAll(async () => {
		app.kill('SIGTERM');
		await exited(app);
		rmSync(dir, { recursive: true, force: true });
	});

	test('shows the exhibition, and a lead scanned today within about a minute', async ({ page }) => {
		const sensor = demoEditionsOn(demoCreatedOn(database)).sensor;
		const value = (query: string) => Number(sqliteValue(database, query));
		const booths = value(`SELECT count(*) FROM booths WHERE conference_id = '${sensor.id}'`);
		const assigned = value(
			`SELECT count(*) FROM booth_holds h JOIN booths b ON b.id = h.booth_id
			WHERE b.conference_id = '${sensor.id}' AND h.released_at IS NULL AND h.kind = 'assigned'`
		);

		await signInAt(page, ORIGIN, 'leader');
		await page.goto(`${ORIGIN}/live`);
		const card = page.locator(`[data-exhibition="${sensor.id}"]`);
		await expect(
			card.locator(`[data-exhibitors="${approvedIn(database, sensor.id)}"]`)
		).toBeVisible();
		await expect(card.locator(`[data-booths-assigned="${assigned}"]`)).toContainText(
			`${assigned} / ${booths}`
		);
		await expect(card.locator('[data-leads-today="0"]')).toBeVisible();

		// A staff member of the first approved exhibitor scans a visitor now, behind the app's back.
		const exhibitor = value(
			`SELECT min(id) FROM exhibitors WHERE conference_id = '${sensor.id}' AND status = 'approved'`
		);
		const now = Date.now();
		const person = (n: number, extra: string) =>
			`INSERT INTO registrations (conference_id, category, name, organisation, title, mobile, country,
				language, consent_at, status, reference, ticket_secret, created_at${extra ? ', exhibitor_id, exhibitor_pass' : ''})
			VALUES ('${sensor.id}', '${extra ? 'exhibitor' : 'visitor'}', '线索${n}', '郑州大学', '', '+8613955500${n}0',
				'CN', 'zh-CN', ${now}, 'confirmed', 'E2E-LEAD-${n}', 'e2e-lead-secret-${n}', ${now}${extra})`;
		expect(
			sqlite(database, [
				person(1, `, ${exhibitor}, 'staff'`),
				person(2, ''),
				`INSERT INTO exhibitor_leads (exhibitor_id, registration_id, scanned_by, nonce, scanned_at, created_at)
				VALUES (${exhibitor}, (SELECT id FROM registrations WHERE reference = 'E2E-LEAD-2'),
					(SELECT id FROM registrations WHERE reference = 'E2E-LEAD-1'), 'e2e-lead', ${now}, ${now})`
			])
		).toBe(0);
		await expect(card.locator('[data-leads-today="1"]')).toBeVisible({ timeout: 75_000 });
	});
});
