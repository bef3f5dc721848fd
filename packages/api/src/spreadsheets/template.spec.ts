import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { DATA_SHEET, EXAMPLE_MARK } from './columns.ts';
import { HEADERS, REFERENCES } from './fixtures.ts';
import { readSheet } from './read.ts';
import { buildTemplate } from './template.ts';
import { validateSheet } from './validate.ts';

async function openTemplate() {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(
		(await buildTemplate(REFERENCES, '2024-11-03')) as unknown as ArrayBuffer
	);
	return workbook;
}

describe('the import template', () => {
	test('has the Chinese header row, an example row and drop-down lists', async () => {
		const workbook = await openTemplate();
		const sheet = workbook.getWorksheet(DATA_SHEET)!;
		expect(workbook.worksheets[0]?.name).toBe(DATA_SHEET);
		expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
		expect(String(sheet.getCell('A2').value)).toMatch(new RegExp(`^${EXAMPLE_MARK}`));
		expect(sheet.getColumn(1).width).toBeGreaterThan(20);
		expect(sheet.getCell('C500').dataValidation).toMatchObject({
			type: 'list',
			formulae: ['"本省,省外,境外"']
		});
		expect(sheet.getCell('D2').dataValidation?.formulae).toEqual([`'选项'!$A$2:$A$3`]);
		const options = workbook.getWorksheet('选项')!;
		expect(options.state).toBe('hidden');
		expect(options.getColumn(3).values.slice(1)).toEqual([
			'签约活动',
			'2024世界传感器大会',
			'2024世界金刚石大会',
			'日常签约'
		]);
	});

	test('left as downloaded, it is refused because of its example row', async () => {
		const sheet = await readSheet(await buildTemplate(REFERENCES, '2024-11-03'));
		expect(validateSheet(sheet, REFERENCES).errors).toEqual([
			{ row: 2, column: '项目名称', code: 'example_row' }
		]);
	});

	test('filled in as a recorder would, it reads back cell for cell', async () => {
		const workbook = await openTemplate();
		const sheet = workbook.getWorksheet(DATA_SHEET)!;
		sheet.spliceRows(2, 1);
		sheet.addRow([
			'MEMS传感器晶圆制造基地',
			'华芯微感科技股份有限公司',
			'省外',
			'智能传感器',
			'投资促进部',
			'2024世界传感器大会',
			new Date(Date.UTC(2024, 10, 3)),
			'正式合同',
			'12.5亿',
			'USD',
			175_000_000,
			'7.1429',
			'一期'
		]);
		sheet.addRow([
			'金刚石功能材料项目',
			'Diamond Materials GmbH',
			'境外',
			'超硬材料',
			'经济发展部',
			'日常签约',
			'2024-12-01',
			'意向协议',
			'3,000万'
		]);
		const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
		const read = await readSheet(bytes);
		const { rows, errors } = validateSheet(read, REFERENCES);
		expect(errors).toEqual([]);
		expect(rows).toEqual([
			{
				row: 2,
				facts: {
					projectName: 'MEMS传感器晶圆制造基地',
					investor: '华芯微感科技股份有限公司',
					investorOrigin: 'out_of_province',
					chainId: 1,
					unitId: 1,
					signingEvent: 'wsc-2024',
					signedOn: '2024-11-03',
					agreementType: 'contract',
					totalInvestment: 1_250_000_000,
					foreignCurrency: 'USD',
					foreignAmount: 175_000_000,
					exchangeRate: '7.1429',
					notes: '一期'
				}
			},
			{
				row: 3,
				facts: {
					projectName: '金刚石功能材料项目',
					investor: 'Diamond Materials GmbH',
					investorOrigin: 'overseas',
					chainId: 2,
					unitId: 2,
					signingEvent: 'everyday',
					signedOn: '2024-12-01',
					agreementType: 'intent',
					totalInvestment: 30_000_000,
					foreignCurrency: null,
					foreignAmount: null,
					exchangeRate: null,
					notes: ''
				}
			}
		]);
	});
});
