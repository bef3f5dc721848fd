import ExcelJS from 'exceljs';
import { describe, expect, test } from 'vitest';
import { csvOf, gbkBytes, HEADERS, sampleRow, xlsxOf } from './fixtures.ts';
import { MAX_IMPORT_ROWS } from './columns.ts';
import { decodeText, MAX_READ_ROWS, readSheet, SheetReadError } from './read.ts';

const utf8 = (text: string) => new TextEncoder().encode(text);

async function problem(bytes: Uint8Array): Promise<string> {
	try {
		await readSheet(bytes);
		return 'none';
	} catch (error) {
		if (error instanceof SheetReadError) return error.code;
		throw error;
	}
}

describe('reading an .xlsx', () => {
	test('gives the header and each row with the row number Excel shows', async () => {
		const sheet = await readSheet(await xlsxOf([sampleRow(1), sampleRow(2)]));
		expect(sheet.headerRow).toBe(1);
		expect(sheet.headers).toEqual(HEADERS);
		expect(sheet.rows.map((r) => r.row)).toEqual([2, 3]);
		expect(sheet.rows[0]?.cells[0]).toBe('第1号传感器产线项目');
	});

	test('takes a formula by its result, rich text by its text and skips empty rows', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('其他名字');
		sheet.addRow(HEADERS);
		sheet.addRow([]);
		sheet.getCell('A3').value = {
			richText: [{ text: '富文本' }, { font: { bold: true }, text: '项目' }]
		};
		sheet.getCell('I3').value = { formula: '2*3', result: 6 };
		sheet.getCell('B3').value = { formula: 'VLOOKUP(1,Z1:Z2,1)', result: { error: '#N/A' } };
		const read = await readSheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
		expect(read.rows).toHaveLength(1);
		expect(read.rows[0]?.row).toBe(3);
		expect(read.rows[0]?.cells.slice(0, 2)).toEqual(['富文本项目', { error: '#N/A' }]);
		expect(read.rows[0]?.cells[8]).toBe(6);
	});

	test('stops reading at the row cap however many rows the file holds', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('签约项目');
		sheet.addRow(HEADERS);
		for (let i = 1; i <= MAX_READ_ROWS + 500; i++) sheet.addRow([`项目${i}`]);
		const read = await readSheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
		expect(read.rows).toHaveLength(MAX_READ_ROWS - 1);
		expect(read.rows.length).toBeGreaterThan(MAX_IMPORT_ROWS);
	}, 60_000);

	test('finds the header below a title line and keeps counting rows as Excel does', async () => {
		const workbook = new ExcelJS.Workbook();
		const sheet = workbook.addWorksheet('签约项目');
		sheet.addRow(['2024年世界传感器大会签约项目汇总表']);
		sheet.addRow(HEADERS);
		sheet.addRow(sampleRow(1));
		const read = await readSheet(new Uint8Array(await workbook.xlsx.writeBuffer()));
		expect(read.headerRow).toBe(2);
		expect(read.rows.map((r) => r.row)).toEqual([3]);
	});

	test('refuses an Excel 97–2003 .xls and a damaged .xlsx with codes of their own', async () => {
		expect(await problem(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe(
			'unsupported_file'
		);
		const damaged = (await xlsxOf([sampleRow(1)])).slice(0, 200);
		expect(await problem(damaged)).toBe('unreadable_file');
		expect(await problem(new Uint8Array())).toBe('empty_file');
	});
});

describe('reading a .csv', () => {
	test('decodes GBK from Chinese Excel, where the bytes are not valid UTF-8', async () => {
		const bytes = gbkBytes(csvOf([sampleRow(1, { 备注: '郑州高新区' })]));
		expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
		const sheet = await readSheet(bytes);
		expect(sheet.headers).toEqual(HEADERS);
		expect(sheet.rows[0]?.cells[0]).toBe('第1号传感器产线项目');
		expect(sheet.rows[0]?.cells[12]).toBe('郑州高新区');
	});

	test('reads UTF-8 with a BOM without the BOM reaching the first header', async () => {
		const sheet = await readSheet(utf8(`\ufeff${csvOf([sampleRow(1)])}`));
		expect(sheet.headers[0]).toBe('项目名称');
	});

	test('reads UTF-16 "Unicode text", tab separated', () => {
		const text = '\ufeff项目名称\t投资方\r\n甲\t乙';
		const bytes = new Uint8Array(text.length * 2);
		for (let i = 0; i < text.length; i++) bytes[i * 2] = text.charCodeAt(i) & 0xff;
		for (let i = 0; i < text.length; i++) bytes[i * 2 + 1] = text.charCodeAt(i) >> 8;
		expect(decodeText(bytes)).toBe('项目名称\t投资方\r\n甲\t乙');
	});

	test('counts a quoted cell spanning lines as one row, as Excel does', async () => {
		const text = `${HEADERS.join(',')}\r\n"多行\r\n项目",甲\r\n乙项目,乙`;
		const sheet = await readSheet(utf8(text));
		expect(sheet.rows.map((r) => [r.row, r.cells[0]])).toEqual([
			[2, '多行\r\n项目'],
			[3, '乙项目']
		]);
	});

	test('refuses a binary file that is neither a workbook nor text', async () => {
		expect(await problem(new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 0, 0, 1]))).toBe(
			'unsupported_file'
		);
	});
});
