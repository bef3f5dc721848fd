import { expect, test } from '@playwright/test';
import { chooseDealFacts } from '../support/deals.ts';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

/** Today in Beijing, as the form should default the signing date. */
const beijingToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

test('the new-deal form pre-selects nothing the recorder must decide and dates the signing today in Beijing', async ({
	page
}) => {
	await signIn(page, 'recorder');
	await page.goto(`${ADMIN}/deals/new`);
	for (const label of ['签约活动', '产业链', '责任单位', '投资方来源', '协议类型']) {
		await expect(page.getByLabel(label), label).toHaveValue('');
	}
	await expect(page.getByLabel('签约日期')).toHaveValue(beijingToday());
	// A text keyboard on phones: a decimal pad cannot type 亿 or 万.
	await expect(page.getByLabel('总投资额')).toHaveAttribute('inputmode', 'text');

	// Leaving a choice empty is refused by the browser before anything is sent.
	await page.getByLabel('项目名称').fill('未选择的项目');
	await page.getByLabel('投资方', { exact: true }).fill('某投资公司');
	await page.getByLabel('总投资额').fill('2亿');
	await page.getByRole('button', { name: '保存到台账' }).click();
	await expect(page).toHaveURL(`${ADMIN}/deals/new`);
	expect(
		await page.getByLabel('签约活动').evaluate((s: HTMLSelectElement) => s.validity.valid)
	).toBe(false);
});

test('an amount under 1万元 asks whether 亿 or 万 was left out, without refusing it', async ({
	page
}) => {
	await signIn(page, 'recorder');
	await page.goto(`${ADMIN}/deals/new`);
	await page.waitForLoadState('networkidle');
	const amount = page.getByLabel('总投资额');
	await amount.fill('5000');
	await expect(page.getByTestId('amount-preview')).toContainText('= 5,000元');
	await expect(page.getByTestId('amount-preview-question')).toHaveText(
		'金额不足 1 万元：是不是漏写了“亿”或“万”？'
	);
	await amount.fill('5000万');
	await expect(page.getByTestId('amount-preview')).toHaveText('= 5,000万元');
	await expect(page.getByTestId('amount-preview-question')).toHaveCount(0);
});

test('a recorded deal is at the top of the list, its history names the recorder, and 增资 previews its amount', async ({
	page
}) => {
	await signIn(page, 'recorder');
	await page.goto(`${ADMIN}/deals/new`);
	await page.waitForLoadState('networkidle');
	const project = `补录项目${Date.now().toString(36)}`;
	await page.getByLabel('项目名称').fill(project);
	await page.getByLabel('投资方', { exact: true }).fill('洛阳补录投资有限公司');
	await page.getByLabel('签约活动').selectOption('wsc-2024');
	// Signed long before the demo deals: newest-recorded first still puts it on top.
	await page.getByLabel('签约日期').fill('2023-03-01');
	await chooseDealFacts(page);
	await page.getByLabel('总投资额').fill('3亿');
	await page.getByRole('button', { name: '保存到台账' }).click();
	await expect(page).toHaveURL(/\/deals\/D\d{6}\?recorded$/);
	const dealId = /\/deals\/(D\d{6})/.exec(page.url())![1]!;

	// The history shows the demo recorder's display name, not the login.
	const history = page.locator('.timeline > li').first();
	await expect(history).toContainText('签约录入员 · 记录于');
	await expect(history).not.toContainText('recorder');

	await page.getByText('登记增资', { exact: true }).click();
	const increase = page.getByLabel('增资金额');
	await expect(increase).toHaveAttribute('inputmode', 'text');
	await increase.fill('1.5亿');
	await expect(page.getByTestId('increase-amount-preview')).toHaveText('= 1.5亿元');
	await increase.fill('800');
	await expect(page.getByTestId('increase-amount-preview-question')).toBeVisible();
	const increaseForm = page.locator('form[action="?/increase"]');
	await expect(increaseForm.getByLabel('签约活动')).toHaveValue('');
	await expect(increaseForm.getByLabel('签约日期')).toHaveValue(beijingToday());

	// Newest activity first. Tests running beside this one record and change deals in the same
	// database, so ours is on top of everything before it, under only deals changed after it.
	await page.goto(`${ADMIN}/deals`);
	const ids = await page
		.locator('tbody tr')
		.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-deal') ?? ''));
	const at = ids.indexOf(dealId);
	expect(at, `${dealId} on the first page: ${ids.join(' ')}`).toBeGreaterThanOrEqual(0);
	await expect(page.locator(`tbody tr[data-deal="${dealId}"]`)).toContainText(project);
	const listed = await page.request.get(`${ADMIN}/api/trpc/deals.list?input=%7B%7D`);
	const lastChange = new Map<string, number>(
		((await listed.json()).result.data.rows as { id: string; lastRecordedAt: string }[]).map(
			(row) => [row.id, Date.parse(row.lastRecordedAt)]
		)
	);
	for (const above of ids.slice(0, at))
		expect(lastChange.get(above), above).toBeGreaterThanOrEqual(lastChange.get(dealId)!);
});
