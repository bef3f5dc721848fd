import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { registerAttendee, uniqueName } from '../support/attendees.ts';
import { ownPort } from '../support/origins.ts';
import { huizhan, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';

// Its own database and apps: a new edition in the shared database would appear on every other
// journey's dashboards and big screen while this test runs.
const ATTENDEE = `http://127.0.0.1:${ownPort(11)}`;
const ADMIN = `http://127.0.0.1:${ownPort(12)}`;

test('an admin copies wsc-2024 into wsc-2026, opens it for the public, then archives it while its ticket still opens', async ({
	page,
	request
}) => {
	test.setTimeout(120_000);
	const env = {
		DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'huizhan-editions-')), 'huizhan.db')
	};
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
		await signIn(page, 'admin', DEMO_PASSWORD, '/', ADMIN);
		await page.goto(`${ADMIN}/settings/conferences`);
		await page.getByLabel(/复制自|Copy from/).selectOption('wsc-2024');
		await page.getByRole('button', { name: /填入新大会表单|Fill the new edition form/ }).click();
		await expect(
			page.getByRole('heading', {
				name: /新建大会（复制自 wsc-2024）|New edition \(copied from wsc-2024\)/
			})
		).toBeVisible();
		// The copy proposes the dates a year on.
		await expect(page.getByLabel(/开始日期|First day/)).toHaveValue('2025-11-03');

		await page.locator('input[name="id"]').fill('wsc-2026');
		await page.getByLabel(/票号前缀|Reference prefix/).fill('WSC26');
		await page.getByLabel(/中文名称|Name \(Chinese\)/).fill('2026世界传感器大会');
		await page.getByLabel(/英文名称|Name \(English\)/).fill('2026 World Sensor Conference');
		await page.getByLabel(/开始日期|First day/).fill('2026-12-08');
		await page.getByLabel(/结束日期|Last day/).fill('2026-12-10');
		await page.getByRole('button', { name: /保存为草稿|Save as draft/ }).click();
		await expect(page).toHaveURL(`${ADMIN}/settings/conferences/wsc-2026`);
		await expect(page.locator('.status')).toHaveText(/草稿|Draft/);

		// A draft is not on the public home page.
		const home = await page.context().newPage();
		await home.goto(ATTENDEE);
		await expect(home.locator('[data-conference="wsc-2024"]')).toBeVisible();
		await expect(home.locator('[data-conference="wsc-2026"]')).toHaveCount(0);

		const visitor = page.locator('form[data-category="visitor"]');
		await visitor.getByLabel(/名额|Capacity/).fill('5000');
		await visitor.getByRole('button', { name: /保存类别|Save category/ }).click();
		await expect(page.getByRole('status')).toHaveText(/已保存。|Saved\./);
		await expect(visitor.getByLabel(/名额|Capacity/)).toHaveValue('5000');

		await page.getByRole('button', { name: /^(开放|Open)$/ }).click();
		await expect(page.locator('.status')).toHaveText(/^(开放|Open)$/);

		await home.reload();
		const card = home.locator('[data-conference="wsc-2026"]');
		await expect(card).toContainText(/2026世界传感器大会|2026 World Sensor Conference/);

		const attendee = await registerAttendee(
			request,
			{ conferenceId: 'wsc-2026', name: uniqueName('新届') },
			ATTENDEE
		);
		expect(attendee.reference).toMatch(/^WSC26-/);

		await page.getByRole('button', { name: /关闭报名|Close registration/ }).click();
		await expect(page.locator('.status')).toHaveText(/已关闭|Closed/);
		await page.getByRole('button', { name: /^(归档|Archive)$/ }).click();
		await expect(page.locator('.status')).toHaveText(/已归档|Archived/);

		await home.reload();
		await expect(home.locator('[data-conference="wsc-2024"]')).toBeVisible();
		await expect(home.locator('[data-conference="wsc-2026"]')).toHaveCount(0);
		await home.goto(`${ATTENDEE}/ticket/${attendee.secret}`);
		await expect(home.getByText(attendee.reference)).toBeVisible();
	}
});
