import { readFile } from 'node:fs/promises';
import ExcelJS from 'exceljs';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN } from '../support/origins.ts';
import { signIn } from '../support/staff.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Everyday signings' total (日常签约), in 元. The import uses that event so that tests running
 * alongside, which record at the conferences, neither disturb this figure nor are disturbed.
 */
async function everydayTotal(page: Page): Promise<number> {
	const input = encodeURIComponent(JSON.stringify({ signingEvent: 'everyday' }));
	const response = await page
		.context()
		.request.get(`${ADMIN}/api/trpc/deals.totals?input=${input}`);
	expect(response.ok()).toBe(true);
	return (await response.json()).result.data.includingFramework;
}

/** The downloaded template with its example row replaced by these rows, as a recorder fills it. */
async function filledTemplate(template: Buffer, rows: string[][]): Promise<Buffer> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(template as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('签约项目')!;
	sheet.spliceRows(2, 1);
	for (const row of rows) sheet.addRow(row);
	return Buffer.from(await workbook.xlsx.writeBuffer());
}

test('a recorder imports deals from the template: a bad cell is named and blocks, the corrected file commits', async ({
	page
}) => {
	await signIn(page, 'recorder');
	const run = Date.now().toString(36);
	const before = await everydayTotal(page);

	await page.goto(`${ADMIN}/deals/import`);
	const [download] = await Promise.all([
		page.waitForEvent('download'),
		page.getByRole('link', { name: '下载导入模板（.xlsx）' }).click()
	]);
	expect(download.suggestedFilename()).toBe('签约项目导入模板.xlsx');
	const template = await readFile(await download.path());

	const row = (name: string, amount: string) => [
		`导入测试${run}${name}项目`,
		`导入测试${name}${run}有限公司`,
		'省外',
		'智能传感器',
		'投资促进部',
		'日常签约',
		'2024-11-06',
		'正式合同',
		amount
	];
	const rows = [row('甲', '1.5亿'), row('乙', '20,000万'), row('丙', '五亿')];
	const upload = async (buffer: Buffer) => {
		await page
			.getByLabel('选择文件')
			.setInputFiles({ name: '签约项目.xlsx', mimeType: XLSX, buffer });
		await page.getByRole('button', { name: '上传并预览' }).click();
	};

	await upload(await filledTemplate(template, rows));
	await expect(page.getByTestId('import-errors')).toHaveText(
		'第 4 行 · 总投资额：无法识别的金额，请输入如 5.6亿、56000万 或 560000000。'
	);
	await expect(page.locator('[data-cell="4:总投资额"]')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.locator('[data-cell="3:总投资额"]')).not.toHaveAttribute('aria-invalid');
	await expect(page.getByRole('button', { name: /确认导入/ })).toHaveCount(0);

	rows[2] = row('丙', '5亿');
	await upload(await filledTemplate(template, rows));
	await expect(page).toHaveURL(/\/deals\/import\?id=[\w-]+$/);
	await expect(page.getByTestId('import-preview')).toContainText('共 3 行，总投资额合计 8.5亿元。');
	await page.getByRole('button', { name: '确认导入 3 个项目' }).click();
	await expect(page).toHaveURL(`${ADMIN}/deals?imported=3`);

	expect((await everydayTotal(page)) - before).toBe(850_000_000);
	await page.goto(`${ADMIN}/deals?q=${encodeURIComponent(run)}`);
	await expect(page.locator('tbody tr[data-deal]')).toHaveCount(3);
	await expect(page.locator('tbody')).toContainText(`导入测试${run}丙项目`);
	await expect(page.locator('[data-total="all"]')).toHaveText('8.50亿元');
});
