import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { ownPort } from '../support/origins.ts';
import { ROOT, startApp } from '../support/processes.ts';
import { signIn } from '../support/staff.ts';

// Its own empty production database and apps: the shared run's database is a demo one.
const ATTENDEE = `http://127.0.0.1:${ownPort(21)}`;
const ADMIN = `http://127.0.0.1:${ownPort(22)}`;
const PASSWORD = 'first-admin-password-2026';

/** `pnpm huizhan user add chief --role admin`, the password piped on stdin as an operator would. */
function addFirstAdmin(env: NodeJS.ProcessEnv) {
	const result = spawnSync(
		process.execPath,
		['--import', 'tsx', 'apps/cli/src/main.ts', 'user', 'add', 'chief', '--role', 'admin'],
		{ cwd: ROOT, env: { ...process.env, ...env }, input: `${PASSWORD}\n`, encoding: 'utf8' }
	);
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

const checklistItem = (page: Page, item: string) =>
	page.getByTestId('setup-checklist').locator(`li[data-item="${item}"]`);

test('an empty production database: the first admin sees the setup checklist, previews a draft that the public cannot see, and opens it', async ({
	page,
	browser
}) => {
	test.setTimeout(120_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-first-run-'));
	const env = {
		DATABASE_PATH: join(dir, 'huizhan.db'),
		HUIZHAN_MODE: 'production',
		ATTENDEE_ORIGIN: ATTENDEE
	};
	const created = addFirstAdmin(env);
	expect(created.out).toContain('created staff account chief (admin)');
	expect(created.code).toBe(0);
	const apps: Awaited<ReturnType<typeof startApp>>[] = [];
	try {
		apps.push(await startApp('attendee', ownPort(21), env));
		apps.push(await startApp('admin', ownPort(22), env));
		await journey();
	} finally {
		for (const app of apps) app.kill('SIGTERM');
		rmSync(dir, { recursive: true, force: true });
	}

	async function journey() {
		// The public site of an empty install: a calm word, no demo conference, no error.
		const visitor = await browser.newContext();
		const publicPage = await visitor.newPage();
		await publicPage.goto(ATTENDEE);
		await expect(publicPage.locator('[data-home-state="nothing"]')).toContainText(
			/下一届大会正在筹备中|The next conferences are being prepared/
		);
		await expect(publicPage.locator('[data-conference]')).toHaveCount(0);

		// The console: every item of the checklist is missing.
		await signIn(page, 'chief', PASSWORD, '/', ADMIN);
		const checklist = page.getByTestId('setup-checklist');
		await expect(checklist).toBeVisible();
		for (const item of ['edition', 'categories', 'gates', 'targets', 'devices', 'staff', 'mail']) {
			await expect(checklistItem(page, item)).toHaveAttribute('data-done', 'false');
		}
		await expect(checklist).toContainText(/已完成 0\/7|0 of 7 done/);

		// Its first item leads to the page that fixes it: a new edition, saved as a draft.
		await checklistItem(page, 'edition').getByRole('link').click();
		await expect(page).toHaveURL(`${ADMIN}/settings/conferences`);
		await page.locator('input[name="id"]').fill('wsc-2027');
		await page.getByLabel(/票号前缀|Reference prefix/).fill('WSC27');
		await page.getByLabel(/中文名称|Name \(Chinese\)/).fill('2027世界传感器大会');
		await page.getByLabel(/英文名称|Name \(English\)/).fill('2027 World Sensor Conference');
		await page.getByLabel(/开始日期|First day/).fill('2027-11-03');
		await page.getByLabel(/结束日期|Last day/).fill('2027-11-05');
		await page.getByLabel(/场馆（中文）|Venue \(Chinese\)/).fill('郑州国际会展中心');
		await page
			.getByLabel(/场馆（英文）|Venue \(English\)/)
			.fill('Zhengzhou International Convention Centre');
		await page.getByLabel(/报名开始|Registration opens/).fill('2027-08-01T09:00');
		await page.getByLabel(/报名截止|Registration closes/).fill('2027-11-05T18:00');
		await page.getByRole('button', { name: /保存为草稿|Save as draft/ }).click();
		await expect(page).toHaveURL(`${ADMIN}/settings/conferences/wsc-2027`);

		// A draft is invisible to the public…
		expect((await publicPage.goto(`${ATTENDEE}/c/wsc-2027`))?.status()).toBe(404);
		expect((await publicPage.goto(`${ATTENDEE}/preview?grant=forged.grant`))?.status()).toBe(404);

		// …but the admin previews it on the attendee site, the grant leaving the address at once.
		await page.getByRole('button', { name: /^(预览|Preview)$/ }).click();
		const link = page.getByRole('link', {
			name: /在新窗口打开预览|Open the preview in a new window/
		});
		const [preview] = await Promise.all([page.waitForEvent('popup'), link.click()]);
		await expect(preview).toHaveURL(`${ATTENDEE}/c/wsc-2027`);
		await expect(preview.getByTestId('preview-notice')).toContainText(/预览，不能报名|Preview/);
		await expect(preview.getByRole('heading', { level: 1 })).toContainText(
			/2027世界传感器大会|2027 World Sensor Conference/
		);
		await preview.goto(`${ATTENDEE}/`);
		await expect(preview.locator('[data-conference="wsc-2027"]')).toBeVisible();
		await preview.goto(`${ATTENDEE}/c/wsc-2027/register`);
		await expect(preview.getByTestId('preview-refusal')).toBeVisible();
		await preview.locator('form[method="POST"] button[type="submit"]').last().click();
		await expect(preview.locator('[data-reason="preview_only"]')).toContainText(
			/预览，不能报名|Preview: registration is not possible/
		);
		// The public still gets nothing.
		expect((await publicPage.goto(`${ATTENDEE}/c/wsc-2027`))?.status()).toBe(404);

		// Opened, with its window in the future: the public home says when registration opens.
		await page.getByRole('button', { name: /^(开放|Open)$/ }).click();
		await expect(page.locator('.status')).toHaveText(/^(开放|Open)$/);
		await publicPage.goto(ATTENDEE);
		await expect(publicPage.locator('[data-home-state="upcoming"]')).toContainText(
			/报名将于 8月1日 开放|Registration opens on 1 August/
		);

		// The checklist ticks the edition and its categories; gates are still missing.
		await page.goto(`${ADMIN}/`);
		await expect(checklistItem(page, 'edition')).toHaveAttribute('data-done', 'true');
		await expect(checklistItem(page, 'categories')).toHaveAttribute('data-done', 'true');
		await expect(checklistItem(page, 'gates')).toHaveAttribute('data-done', 'false');
		await expect(checklistItem(page, 'gates')).toContainText('wsc-2027');
		await visitor.close();
	}
});
