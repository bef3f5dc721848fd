import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import {
	openGate,
	registerAttendee,
	scan,
	uniqueMobile,
	uniqueName
} from '../support/attendees.ts';
import { chooseDealFacts } from '../support/deals.ts';
import { ownPort } from '../support/origins.ts';
import { huizhan, sqliteValue, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';

// Its own database and apps: a new edition in the shared database would appear on every other
// journey's dashboards and big screen while this test runs.
const ATTENDEE = `http://127.0.0.1:${ownPort(11)}`;
const ADMIN = `http://127.0.0.1:${ownPort(12)}`;

const DAY_MS = 24 * 60 * 60 * 1000;
/** A moment as a `datetime-local` field in Beijing time shows it: `2026-11-29T09:30`. */
const beijingField = (at: Date) => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16);
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/** Signs `login` in at the test's own console, in a browser context of its own. */
async function staffPage(browser: Browser, login: string): Promise<Page> {
	const page = await (await browser.newContext()).newPage();
	await signIn(page, login, DEMO_PASSWORD, login === 'door' ? '/checkin' : '/', ADMIN);
	return page;
}

test('an organiser sets up wsc-2026 from wsc-2024 alone: registration fills up, the door admits, a deal counts against the 2026 target, and 2024 is archived', async ({
	page,
	browser,
	request
}) => {
	test.setTimeout(240_000);
	const path = join(mkdtempSync(join(tmpdir(), 'huizhan-editions-')), 'huizhan.db');
	const env = { DATABASE_PATH: path };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	// Started inside `try`, so a start that fails leaves no app behind on the next test's port.
	const apps: Awaited<ReturnType<typeof startApp>>[] = [];
	try {
		apps.push(await startApp('attendee', ownPort(11), env));
		apps.push(await startApp('admin', ownPort(12), env));
		await journey();
	} finally {
		for (const app of apps) app.kill('SIGTERM');
	}

	async function journey() {
		// 1. The organiser copies last edition's settings into a draft and edits it.
		await signIn(page, 'admin', DEMO_PASSWORD, '/', ADMIN);
		await page.goto(`${ADMIN}/settings/conferences`);
		await page.getByLabel(/复制自|Copy from/).selectOption('wsc-2024');
		await page.getByRole('button', { name: /填入新大会表单|Fill the new edition form/ }).click();
		await expect(
			page.getByRole('heading', {
				name: /新建大会（复制自 wsc-2024）|New edition \(copied from wsc-2024\)/
			})
		).toBeVisible();
		// The copy proposes the dates a year on, and shows the target as it is typed.
		await expect(page.getByLabel(/开始日期|First day/)).toHaveValue('2025-11-03');
		const signedTarget = page
			.locator('fieldset.target')
			.filter({ hasText: /签约额|Signed amount/ });
		await expect(signedTarget.getByLabel(/目标值|Value/)).toHaveValue('500亿元');

		await page.locator('input[name="id"]').fill('wsc-2026');
		await page.getByLabel(/票号前缀|Reference prefix/).fill('WSC26');
		await page.getByLabel(/中文名称|Name \(Chinese\)/).fill('2026世界传感器大会');
		await page.getByLabel(/英文名称|Name \(English\)/).fill('2026 World Sensor Conference');
		await page.getByLabel(/开始日期|First day/).fill('2026-12-08');
		await page.getByLabel(/结束日期|Last day/).fill('2026-12-10');
		await page
			.getByLabel(/报名开始|Registration opens/)
			.fill(beijingField(new Date(Date.now() - DAY_MS)));
		await page
			.getByLabel(/报名截止|Registration closes/)
			.fill(beijingField(new Date(Date.now() + 60 * DAY_MS)));
		await signedTarget.getByLabel(/目标值|Value/).fill('500亿');
		await signedTarget.getByLabel(/起始日期|From/).fill('2026-01-01');
		await signedTarget.getByLabel(/截止日期|Until/).fill('2026-12-31');
		await page.getByRole('button', { name: /保存为草稿|Save as draft/ }).click();
		await expect(page).toHaveURL(`${ADMIN}/settings/conferences/wsc-2026`);
		await expect(page.locator('.status')).toHaveText(/草稿|Draft/);
		expect(
			sqliteValue(
				path,
				`SELECT value FROM targets WHERE conference_id = 'wsc-2026' AND metric = 'signed_amount' AND retired_at IS NULL`
			)
		).toBe(50_000_000_000);

		// A draft is not on the public home page.
		const home = await (await browser.newContext()).newPage();
		await home.goto(ATTENDEE);
		await expect(home.locator('[data-conference="wsc-2024"]')).toBeVisible();
		await expect(home.locator('[data-conference="wsc-2026"]')).toHaveCount(0);

		const visitor = page.locator('form[data-category="visitor"]');
		await visitor.getByLabel(/名额|Capacity/).fill('3');
		await visitor.getByRole('button', { name: /保存类别|Save category/ }).click();
		await expect(page.getByRole('status')).toHaveText(/已保存。|Saved\./);
		await expect(visitor.getByLabel(/名额|Capacity/)).toHaveValue('3');

		await page.getByRole('button', { name: /^(开放|Open)$/ }).click();
		await expect(page.locator('.status')).toHaveText(/^(开放|Open)$/);

		await home.reload();
		const card = home.locator('[data-conference="wsc-2026"]');
		await expect(card).toContainText(/2026世界传感器大会|2026 World Sensor Conference/);

		// 2. Three visitors register with WSC26 references; the fourth is told it is full.
		const registered = [];
		for (const n of [1, 2, 3]) {
			const attendee = await registerAttendee(
				request,
				{ conferenceId: 'wsc-2026', name: uniqueName(`新届${n}`) },
				ATTENDEE
			);
			expect(attendee.reference).toMatch(/^WSC26-[A-Z0-9]+$/);
			registered.push(attendee);
		}
		await home.goto(`${ATTENDEE}/c/wsc-2026`);
		await expect(home.locator('[data-category="visitor"] .seats')).toHaveText(/名额已满|full/i);
		await home.goto(`${ATTENDEE}/c/wsc-2026/register`);
		await expect(home.getByRole('radio', { name: /^(观众|Visitor)/ })).toBeDisabled();
		// Someone with the form still open from before is told so when they send it.
		const fourth = await request.post(`${ATTENDEE}/api/trpc/registration.register`, {
			headers: { 'content-type': 'application/json' },
			data: {
				conferenceId: 'wsc-2026',
				category: 'visitor',
				name: uniqueName('第四位'),
				organisation: '郑州大学',
				mobile: uniqueMobile(),
				consent: true
			}
		});
		expect((await fourth.json()).error?.data?.reason).toBe('category_full');
		expect(
			sqliteValue(
				path,
				`SELECT count(*) FROM registrations WHERE conference_id = 'wsc-2026' AND status IN ('pending', 'confirmed')`
			)
		).toBe(3);

		// 3. Door staff scan one of them at a gate the copy brought along.
		const door = await staffPage(browser, 'door');
		await openGate(door, '2026世界传感器大会', '南门主入口', ADMIN);
		await scan(door, registered[0]!.token, 'ok');

		// 4. A recorder records a 12.5亿 deal signed at wsc-2026.
		const recorder = await staffPage(browser, 'recorder');
		await recorder.goto(`${ADMIN}/deals/new`);
		await recorder.waitForLoadState('networkidle');
		await recorder.getByLabel('项目名称').fill(`新届签约项目${Date.now().toString(36)}`);
		await recorder.getByLabel('投资方', { exact: true }).fill('郑州新届投资有限公司');
		await recorder.getByLabel('签约活动').selectOption('wsc-2026');
		await recorder.getByLabel('签约日期').fill(beijingToday());
		await chooseDealFacts(recorder);
		await recorder.getByLabel('总投资额').fill('12.5亿');
		await recorder.getByRole('button', { name: '保存到台账' }).click();
		await expect(recorder).toHaveURL(/\/deals\/D\d{6}\?recorded$/);

		// 5. /live, for the year 2026, shows it against the edition's 500亿 target.
		await page.goto(`${ADMIN}/live?year=2026`);
		const live = page.locator('[data-conference="wsc-2026"]');
		await expect(live.locator('[data-total]')).toHaveAttribute('data-yuan', '1250000000');
		await expect(live).toContainText(/500(\.00)?亿元|CNY 50(\.00)? billion/);
		await expect(live.locator('[data-remaining]')).toHaveAttribute('data-yuan', '48750000000');
		await expect(live.locator('[data-percent]')).toHaveText('2.50%');

		// 6. Archiving 2024 takes it off the public home page; its tickets still open.
		const ticket2024 = sqliteValue(
			path,
			`SELECT ticket_secret FROM registrations WHERE conference_id = 'wsc-2024' AND status = 'confirmed' ORDER BY id LIMIT 1`
		) as string;
		const reference2024 = sqliteValue(
			path,
			`SELECT reference FROM registrations WHERE ticket_secret = '${ticket2024}'`
		) as string;
		await page.goto(`${ADMIN}/settings/conferences/wsc-2024`);
		await expect(page.locator('.status')).toHaveText(/已关闭|Closed/);
		await page.getByRole('button', { name: /^(归档|Archive)$/ }).click();
		await expect(page.locator('.status')).toHaveText(/已归档|Archived/);

		await home.goto(ATTENDEE);
		await expect(home.locator('[data-conference="wsc-2026"]')).toBeVisible();
		await expect(home.locator('[data-conference="wsc-2024"]')).toHaveCount(0);
		await home.goto(`${ATTENDEE}/ticket/${ticket2024}`);
		await expect(home.getByText(reference2024)).toBeVisible();
		await home.goto(`${ATTENDEE}/ticket/${registered[1]!.secret}`);
		await expect(home.getByText(registered[1]!.reference)).toBeVisible();
	}
});
