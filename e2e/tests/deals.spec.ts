import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { chooseDealFacts } from '../support/deals.ts';
import { signIn } from '../support/staff.ts';

/** The contracts-only total shown above the deal list for the sensor conference, in 元. */
async function sensorTotal(page: Page): Promise<number> {
	const response = await page
		.context()
		.request.get(
			`${ADMIN}/api/trpc/deals.totals?input=${encodeURIComponent(JSON.stringify({ signingEvent: 'wsc-2024' }))}`
		);
	expect(response.ok()).toBe(true);
	return (await response.json()).result.data.includingFramework;
}

test('a recorder records a 12.5亿元 deal: the amount is read back as typed and the total rises by exactly that', async ({
	page
}) => {
	await signIn(page, 'recorder');
	const before = await sensorTotal(page);

	await page.goto(`${ADMIN}/deals/new`);
	await page.getByLabel('项目名称').fill('量子惯性传感器研发基地');
	await page.getByLabel('投资方', { exact: true }).fill('合肥量感科技有限公司');
	await page.getByLabel('签约活动').selectOption('wsc-2024');
	await page.getByLabel('签约日期').fill('2024-11-04');
	await chooseDealFacts(page);
	await page.getByLabel('总投资额').fill('12.5亿');
	await expect(page.getByTestId('amount-preview')).toHaveText('= 12.5亿元');
	await page.getByLabel('总投资额').fill('５.６亿');
	await expect(page.getByTestId('amount-preview')).toHaveText('= 5.6亿元');
	await page.getByLabel('总投资额').fill('-3亿');
	await expect(page.getByTestId('amount-preview')).toHaveText('金额不能为负数。');
	await page.getByLabel('总投资额').fill('125,000万元');
	await expect(page.getByTestId('amount-preview')).toHaveText('= 12.5亿元');
	await page.getByRole('button', { name: '保存到台账' }).click();

	await expect(page).toHaveURL(/\/deals\/D\d{6}\?recorded$/);
	await expect(page.getByRole('status')).toHaveText('已录入：量子惯性传感器研发基地');
	await expect(page.getByTestId('counted-amount')).toHaveText('12.5亿元');
	expect((await sensorTotal(page)) - before).toBe(1_250_000_000);
});

test('a probable duplicate is shown before saving and needs the recorder to confirm', async ({
	page
}) => {
	await signIn(page, 'recorder');
	await page.goto(`${ADMIN}/deals/new`);
	// The demo ledger has 华芯微感科技股份有限公司's MEMS wafer base at the sensor conference.
	await page.getByLabel('项目名称').fill('MEMS传感器晶圆制造基地二期');
	await page.getByLabel('投资方', { exact: true }).fill('华芯微感科技有限公司');
	await page.getByLabel('签约活动').selectOption('diamond-2024');
	await page.getByLabel('签约日期').fill('2024-09-27');
	await chooseDealFacts(page);
	await page.getByLabel('总投资额').fill('30亿');
	await expect(page.getByTestId('duplicates')).toContainText('MEMS传感器晶圆制造基地');

	await page.getByRole('button', { name: '保存到台账' }).click();
	await expect(page).toHaveURL(`${ADMIN}/deals/new`);
	await expect(page.getByTestId('duplicates')).toBeVisible();

	await page.getByLabel('我已核对，这是不同的项目').check();
	await page.getByRole('button', { name: '保存到台账' }).click();
	await expect(page).toHaveURL(/\/deals\/D\d{6}\?recorded$/);
});

test('voiding a deal with a reason takes it out of the totals and keeps its history', async ({
	page
}) => {
	await signIn(page, 'recorder');
	const before = await sensorTotal(page);
	await page.goto(`${ADMIN}/deals/new`);
	await page.getByLabel('项目名称').fill('待作废的测试项目');
	await page.getByLabel('投资方', { exact: true }).fill('测试投资有限公司');
	await page.getByLabel('签约活动').selectOption('wsc-2024');
	await page.getByLabel('签约日期').fill('2024-11-05');
	await chooseDealFacts(page);
	await page.getByLabel('总投资额').fill('7亿');
	await page.getByRole('button', { name: '保存到台账' }).click();
	await expect(page).toHaveURL(/\?recorded$/);
	expect((await sensorTotal(page)) - before).toBe(700_000_000);

	page.on('dialog', (dialog) => dialog.accept());
	await page.getByText('作废', { exact: true }).click();
	const reason = page.getByLabel('原因（必填）').last();
	await page.getByRole('button', { name: '确认作废' }).click();
	// No reason, no void: the browser holds the form back (and the server refuses it too).
	expect(await reason.evaluate((input: HTMLInputElement) => input.validity.valueMissing)).toBe(
		true
	);
	await expect(page.getByTestId('counted-amount')).toHaveText('7亿元');
	await reason.fill('录入测试，撤回');
	await page.getByRole('button', { name: '确认作废' }).click();
	await expect(page.getByRole('status')).toHaveText('已作废。');
	await expect(page.locator('[data-type="voided"]')).toContainText('录入测试，撤回');
	await expect(page.locator('[data-type="signed"]')).toBeVisible();
	expect(await sensorTotal(page)).toBe(before);
});

test('leadership reads the deal list and its totals but cannot record', async ({ page }) => {
	await signIn(page, 'leader');
	await page.goto(`${ADMIN}/deals?event=wsc-2024`);
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('签约项目');
	await expect(page.locator('[data-total="all"]')).toContainText('亿元');
	await expect(page.getByRole('link', { name: '录入签约' })).toHaveCount(0);
	expect((await page.goto(`${ADMIN}/deals/new`))?.status()).toBe(403);
});

test('filters narrow the list and an empty result says so', async ({ page }) => {
	await signIn(page, 'admin');
	await page.goto(`${ADMIN}/deals?q=${encodeURIComponent('不存在的项目名称')}`);
	await expect(page.getByText('没有符合条件的签约项目。')).toBeVisible();
	await page.goto(`${ADMIN}/deals?agreement=intent`);
	const agreements = await page.locator('tbody tr td:nth-child(6)').allTextContents();
	expect(agreements.length).toBeGreaterThan(0);
	expect(new Set(agreements)).toEqual(new Set(['意向协议']));
});
