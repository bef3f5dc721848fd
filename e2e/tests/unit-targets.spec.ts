import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { chooseDealFacts } from '../support/deals.ts';
import { ownPort } from '../support/origins.ts';
import { huizhan, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';

// Its own database and console: a new target, a new deal and a renamed chain would otherwise
// reach every other journey's dashboards and deal pages while this one runs.
const ADMIN = `http://127.0.0.1:${ownPort(13)}`;

test('an admin sets a unit a 50亿 target, a recorder signs a deal for it, /live ranks it, and a renamed chain shows on the deal page', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const env = {
		DATABASE_PATH: join(mkdtempSync(join(tmpdir(), 'huizhan-unit-targets-')), 'huizhan.db')
	};
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const apps: Awaited<ReturnType<typeof startApp>>[] = [];
	try {
		apps.push(await startApp('admin', ownPort(13), env));
		await journey();
	} finally {
		for (const app of apps) app.kill('SIGTERM');
	}

	async function journey() {
		const admin = await (await browser.newContext()).newPage();
		await signIn(admin, 'admin', DEMO_PASSWORD, '/', ADMIN);
		await admin.goto(`${ADMIN}/settings/targets`);
		await admin.waitForLoadState('networkidle');

		// A unit the demo's deals in progress do not name, so what it signed this year is this test's.
		// A typo is refused in words, beside the field, and nothing is added.
		const create = admin.locator('form[action="?/create"]');
		// The labels wrap their selects, so a label's words also appear in another's options.
		await create.locator('select[name="scope"]').selectOption('unit');
		await create
			.locator('select[name="unitId"]')
			.selectOption({ label: '自贸区郑州片区管委会高新区办公室' });
		await create.locator('select[name="metric"]').selectOption('signed_amount');
		const value = create.getByLabel('目标值');
		await value.fill('五十亿');
		await expect(create.getByTestId('target-value-preview')).toContainText('无法识别的金额');
		await value.fill('50亿');
		await expect(create.getByTestId('target-value-preview')).toHaveText('即 50亿元');
		await create.getByRole('button', { name: '添加目标' }).click();
		await expect(admin.getByRole('status')).toHaveText('已添加目标。');
		const row = admin.locator('tr[data-scope="unit"]', {
			hasText: '自贸区郑州片区管委会高新区办公室'
		});
		await expect(row.locator('[data-value]')).toHaveText('50亿元');

		// A recorder signs a 100亿 everyday deal for that unit today.
		const recorder = await (await browser.newContext()).newPage();
		await signIn(recorder, 'recorder', DEMO_PASSWORD, '/', ADMIN);
		await recorder.goto(`${ADMIN}/deals/new`);
		await recorder.waitForLoadState('networkidle');
		await recorder.getByLabel('项目名称').fill('园区智能传感器中试基地');
		await recorder.getByLabel('投资方', { exact: true }).fill('郑州园区测试投资有限公司');
		await recorder.getByLabel('签约活动').selectOption('everyday');
		await chooseDealFacts(recorder, {
			unit: '自贸区郑州片区管委会高新区办公室',
			chain: '智能传感器'
		});
		await recorder.getByLabel('总投资额').fill('100亿');
		await recorder.getByRole('button', { name: '保存到台账' }).click();
		await expect(recorder).toHaveURL(/\/deals\/D\d{6}\?recorded$/);
		const dealPage = recorder.url().replace(/\?recorded$/, '');

		// /live ranks the unit by its own target: 100亿 of 50亿 is 200%.
		await recorder.goto(`${ADMIN}/live`);
		const ranking = recorder.getByTestId('unit-ranking');
		const ranked = ranking.locator('tr[data-unit="自贸区郑州片区管委会高新区办公室"]');
		await expect(ranked.locator('[data-achieved]')).toHaveText('100.00亿元');
		await expect(ranked.locator('[data-target]')).toHaveText('50.00亿元');
		await expect(ranked.locator('[data-percent]')).toContainText('200.00%');
		await expect(ranked.locator('.rank')).toHaveText(/^\d+$/);

		// The admin lowers the target to 40亿; the ranking follows without a reload.
		await admin.goto(`${ADMIN}/settings/targets`);
		await admin.waitForLoadState('networkidle');
		const edited = admin.locator('tr[data-scope="unit"]', {
			hasText: '自贸区郑州片区管委会高新区办公室'
		});
		await edited.getByText('修改', { exact: true }).click();
		await expect(edited.getByLabel('目标值')).toHaveValue('50亿');
		await edited.getByLabel('目标值').fill('40亿');
		await edited.getByRole('button', { name: '保存' }).click();
		await expect(admin.getByRole('status')).toHaveText('已保存目标。');
		await expect(edited.locator('[data-value]')).toHaveText('40亿元');
		await expect(ranked.locator('[data-percent]')).toContainText('250.00%');

		// The admin renames the chain; the deal names its chain by id and shows the new name.
		await admin.goto(`${ADMIN}/settings/organisation`);
		await admin.waitForLoadState('networkidle');
		const chain = admin.locator('[data-kind="chain"] li[data-item="智能传感器"]');
		await chain.getByText('改名').click();
		await chain.getByLabel('中文名称').fill('智能传感器与物联网');
		await chain.getByLabel('英文名称').fill('Smart sensors and IoT');
		await chain.getByRole('button', { name: '保存' }).click();
		await expect(admin.getByRole('status')).toHaveText('已改名：智能传感器与物联网');

		await recorder.goto(dealPage);
		await expect(recorder.locator('main')).toContainText('智能传感器与物联网');
	}
});
