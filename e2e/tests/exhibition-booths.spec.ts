import { mkdtempSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { expect, test } from '@playwright/test';
import { demoCreatedOn, demoEditionsOn } from '../support/editions.ts';
import {
	assignBooth,
	clearExhibitionFloor,
	createBooth,
	pickExhibitor,
	seedApprovedExhibitor
} from '../support/exhibition-booths.ts';
import { ownPort } from '../support/origins.ts';
import { huizhan, startApp } from '../support/processes.ts';
import { DEMO_PASSWORD, signIn } from '../support/staff.ts';

// Its own database and console: booth A-101 is this journey's, and other parts' journeys may
// number their own A-101 in the shared one.
const CONSOLE = `http://127.0.0.1:${ownPort(16)}`;

test('an admin imports a hall plan, assigns A-101 (18 ㎡) to an approved exhibitor, a second assignment is refused naming the holder, and the plan is exported', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const databasePath = join(mkdtempSync(join(tmpdir(), 'huizhan-booths-')), 'huizhan.db');
	const env = { DATABASE_PATH: databasePath };
	expect(huizhan(['seed', '--demo'], env).code).toBe(0);
	const conferenceId = demoEditionsOn(demoCreatedOn(databasePath)).sensor.id;
	clearExhibitionFloor(databasePath, conferenceId);
	seedApprovedExhibitor(databasePath, {
		conferenceId,
		companyZh: '汉威科技',
		companyEn: 'Hanwei',
		creditCode: '91350100M000100Y43'
	});
	seedApprovedExhibitor(databasePath, {
		conferenceId,
		companyZh: '森萨塔科技',
		companyEn: 'Sensata',
		creditCode: '91350100M000200Y40'
	});
	const app = await startApp('admin', ownPort(16), env);
	try {
		const where = { console: CONSOLE, conferenceId };
		const first = await (await browser.newContext()).newPage();
		await signIn(first, 'admin', DEMO_PASSWORD, '/', CONSOLE);
		await first
			.getByRole('navigation', { name: '主导航' })
			.getByRole('link', { name: '展览' })
			.click();
		await expect(first.getByRole('heading', { level: 1 })).toHaveText('展览');

		// Hall A first (a file names halls, it does not make them), then the plan from a file:
		// the bad cells are named and nothing is created; the corrected file commits whole.
		await createBooth(first, { hall: 'A', number: 'A-001', area: 9, type: 'standard' }, where);
		await first.goto(`${CONSOLE}/exhibition/booths/import?conference=${conferenceId}`);
		const upload = async (rows: string[][]) => {
			const csv = [['展馆', '展位号', '面积', '类型'], ...rows]
				.map((r) => r.join(','))
				.join('\r\n');
			await first.getByLabel('选择文件').setInputFiles({
				name: '展位图.csv',
				mimeType: 'text/csv',
				buffer: Buffer.from(`\ufeff${csv}`)
			});
			await first.getByRole('button', { name: '预览' }).click();
		};
		await upload([
			['A', 'A-101', '18', '标准展位'],
			['B', 'B-101', '36', '光地'],
			['A', 'A-101', '9.5', '展台']
		]);
		await expect(first.getByTestId('import-errors').locator('li')).toHaveText([
			'第 3 行 · 展馆：本届没有这个展馆。请填写展馆代号或名称，或先添加展馆。 (B)',
			'第 4 行 · 展位号：展位号与本文件前面某行重复。 (2)',
			'第 4 行 · 面积：面积须为大于 0 的整数平方米。',
			'第 4 行 · 类型：类型须为“标准展位”或“光地”（standard / raw）。 (展台)'
		]);
		await upload([
			['A', 'A-101', '18', '标准展位'],
			['A馆', 'A-102', '36㎡', '光地']
		]);
		await expect(first.getByTestId('import-rows').locator('tbody tr')).toHaveCount(2);
		await first.getByRole('button', { name: '导入 2 个展位' }).click();
		await expect(first.getByTestId('imported')).toHaveText('已导入 2 个展位。');
		await expect(first.locator('tr[data-booth="A-101"]')).toContainText('18 ㎡');

		// Two admins open A-101's assignment at once; the first to click holds it, the other is told.
		const second = await (await browser.newContext()).newPage();
		await signIn(second, 'admin', DEMO_PASSWORD, '/', CONSOLE);
		await pickExhibitor(second, 'A-101', '森萨塔科技', where);
		expect(await assignBooth(first, 'A-101', '汉威科技', where)).toBe('A-101 已分配给 汉威科技。');
		expect(await assignBooth(second, 'A-101', '森萨塔科技', where)).toBe(
			'A-101 已分配给 汉威科技，未作更改。请先释放该展位，或另选展位。'
		);
		const row = second.locator('tr[data-booth="A-101"]');
		await expect(row).toHaveAttribute('data-status', 'assigned');
		await expect(row.getByTestId('holder')).toHaveText('汉威科技');
		await expect(second.locator('tr[data-hall="A"]').getByTestId('hall-fill')).toHaveText('29%');

		// The plan as a file: every booth with its status and holder.
		const [download] = await Promise.all([
			first.waitForEvent('download'),
			first.getByRole('link', { name: '导出展位图（.xlsx）' }).click()
		]);
		expect(download.suggestedFilename()).toMatch(/^展位-\d{8}-\d{4}\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		const rows = sheet
			.getSheetValues()
			.slice(1)
			.map((r) => (r as unknown[]).slice(1));
		expect(rows).toEqual([
			['展馆', '展位号', '面积(㎡)', '类型', '状态', '展商'],
			['A馆', 'A-001', 9, '标准展位', '空闲', ''],
			['A馆', 'A-101', 18, '标准展位', '已分配', '汉威科技'],
			['A馆', 'A-102', 36, '光地', '空闲', '']
		]);
	} finally {
		app.kill('SIGTERM');
	}
});
