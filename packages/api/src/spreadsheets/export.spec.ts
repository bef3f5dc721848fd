import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { describe, expect, test } from 'vitest';
import { GENESIS_HASH, type LedgerEntry } from '@huizhan/ledger';
import { DEAL_EXPORT_HEADERS, LEDGER_EXPORT_HEADERS } from './columns.ts';
import {
	beijingTime,
	csvCell,
	dealTable,
	exportFilename,
	ledgerTable,
	writeTable,
	yiText,
	type DealRow
} from './export.ts';
import { REFERENCES } from './fixtures.ts';

const deal = (overrides: Partial<DealRow> = {}): DealRow => ({
	id: 'D000001',
	projectName: '=HYPERLINK("http://evil")',
	investor: '华芯微感科技股份有限公司',
	investorKey: '华芯微感科技',
	investorOrigin: 'out_of_province',
	chainId: 1,
	unitId: 2,
	signingEvent: 'wsc-2024',
	signedOn: '2024-11-03',
	agreementType: 'framework',
	totalInvestment: 1_250_000_000,
	countedAmount: 1_250_000_001,
	foreignCurrency: null,
	foreignAmount: null,
	exchangeRate: null,
	notes: '',
	stage: 'landed',
	landedOn: '2024-12-01',
	startedOn: null,
	inProductionOn: null,
	upgradedOn: null,
	voided: false,
	voidReason: null,
	version: 2,
	firstSeq: 1,
	lastSeq: 2,
	lastRecordedAt: '2024-11-30T16:30:00.000Z',
	lastRecordedBy: 'lina',
	...overrides
});

const entry = (overrides: Partial<LedgerEntry>): LedgerEntry => ({
	seq: 1,
	dealId: 'D000001',
	event: { type: 'voided', reason: '重复录入' },
	recordedAt: '2024-11-03T02:00:00.000Z',
	recordedBy: 'lina',
	occurredOn: '2024-11-03',
	delta: { contract: -560_000_000, framework: 0, intent: 0 },
	prevHash: GENESIS_HASH,
	hash: 'a'.repeat(64),
	...overrides
});

const csvRows = (bytes: Uint8Array) => {
	const text = new TextDecoder().decode(bytes);
	return { text, rows: Papa.parse<string[]>(text.replace(/^\ufeff/, '')).data };
};

describe('amounts in exports', () => {
	test('亿元 is exact to the last 元, with no float rounding', () => {
		expect(yiText(560_000_000)).toBe('5.6');
		expect(yiText(1_250_000_001)).toBe('12.50000001');
		expect(yiText(30_000_000)).toBe('0.3');
		expect(yiText(-10_000_000)).toBe('-0.1');
		expect(yiText(1_000_000_000_000)).toBe('10000');
	});

	test('times are written in Beijing, file names too', () => {
		expect(beijingTime('2024-11-30T16:30:00.000Z')).toBe('2024-12-01 00:30:00');
		expect(exportFilename('签约台账', 'csv', new Date('2024-11-30T16:30:00Z'))).toBe(
			'签约台账-20241201-0030.csv'
		);
	});
});

describe('the deal list export', () => {
	test('writes Chinese headers, names instead of ids and both amount columns to .xlsx', async () => {
		const bytes = await writeTable(
			dealTable([deal(), deal({ id: 'D000002', voided: true, voidReason: '重复' })], REFERENCES),
			'xlsx'
		);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...DEAL_EXPORT_HEADERS]);
		const row = (sheet.getRow(2).values as unknown[]).slice(1);
		const at = (header: string) => row[DEAL_EXPORT_HEADERS.indexOf(header as never)];
		expect(at('编号')).toBe('D000001');
		expect(at('项目名称')).toBe('=HYPERLINK("http://evil")');
		expect(sheet.getCell('B2').formula).toBeUndefined();
		expect(at('投资方来源')).toBe('省外');
		expect(at('产业链')).toBe('智能传感器');
		expect(at('责任单位')).toBe('经济发展部');
		expect(at('签约活动')).toBe('2024世界传感器大会');
		expect(at('协议类型')).toBe('框架协议');
		expect(at('计入金额(亿元)')).toBe('12.50000001');
		expect(at('计入金额(元)')).toBe(1_250_000_001);
		expect(at('状态')).toBe('已落地');
		expect(at('已作废')).toBe('否');
		expect(at('最后记录时间')).toBe('2024-12-01 00:30:00');
		expect(sheet.getCell(3, DEAL_EXPORT_HEADERS.indexOf('已作废') + 1).value).toBe('是');
	});

	test('writes UTF-8 CSV with a BOM and defuses formulas, leaving numbers alone', async () => {
		const bytes = await writeTable(dealTable([deal()], REFERENCES), 'csv');
		expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
		const { rows } = csvRows(bytes);
		expect(rows[0]).toEqual([...DEAL_EXPORT_HEADERS]);
		expect(rows[1]?.[1]).toBe(`'=HYPERLINK("http://evil")`);
		expect(rows[1]?.[10]).toBe('12.50000001');
		expect(rows[1]?.[11]).toBe('1250000001');
	});
});

describe('a CSV cell', () => {
	test('is plain text when it only looks like a formula inside or at the end', () => {
		expect(csvCell('华芯 = 传感器')).toBe('华芯 = 传感器');
		expect(csvCell('a@b.cn')).toBe('a@b.cn');
		expect(csvCell('第一行\n=第二行')).toBe('第一行\n=第二行');
		expect(csvCell(-560_000_000)).toBe('-560000000');
		expect(csvCell(null)).toBe('');
	});

	test('gets an apostrophe when a spreadsheet would run it', () => {
		for (const text of [
			'=1+1',
			'=HYPERLINK("http://x")\n张三',
			' +1',
			'\u3000@SUM(A1)',
			'＝1+1',
			'＋1',
			'－1',
			'＠SUM(A1)',
			'\r=1',
			'\n1'
		])
			expect(csvCell(text)).toBe(`'${text}`);
	});
});

describe('the ledger export', () => {
	test('has one row per entry with its deltas per bucket, reason and hashes', async () => {
		const entries = [
			entry({
				seq: 1,
				event: {
					type: 'increased',
					amount: 5,
					signingEvent: 'wsc-2024',
					signedOn: '2024-11-03',
					note: '二期'
				},
				delta: { contract: 0, framework: 5, intent: 0 }
			}),
			entry({ seq: 2, prevHash: 'a'.repeat(64), hash: 'b'.repeat(64) })
		];
		const { rows } = csvRows(await writeTable(ledgerTable(entries), 'csv'));
		expect(rows[0]).toEqual([...LEDGER_EXPORT_HEADERS]);
		expect(rows[1]?.slice(0, 10)).toEqual([
			'1',
			'D000001',
			'增资',
			'lina',
			'2024-11-03 10:00:00',
			'2024-11-03',
			'0',
			'5',
			'0',
			'二期'
		]);
		expect(rows[2]?.slice(2, 3)).toEqual(['作废']);
		// A negative delta is a number, not a formula to defuse.
		expect(rows[2]?.[6]).toBe('-560000000');
		expect(rows[2]?.[9]).toBe('重复录入');
		expect(rows[2]?.slice(11)).toEqual(['b'.repeat(64), 'a'.repeat(64)]);
		expect(JSON.parse(rows[2]?.[10] ?? '')).toEqual({ type: 'voided', reason: '重复录入' });
	});
});

describe('the ledger head on exports', () => {
	const head = { seq: 42, hash: 'c'.repeat(64) };

	test('the deal list carries the head under its rows and in the .xlsx file properties', async () => {
		const { rows } = csvRows(await writeTable(dealTable([deal()], REFERENCES, head), 'csv'));
		expect(rows).toHaveLength(4);
		expect(rows[2]).toEqual(['']);
		expect(rows[3]?.slice(0, 2)).toEqual(['台账头', `42:${'c'.repeat(64)}`]);

		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(
			(await writeTable(dealTable([deal()], REFERENCES, head), 'xlsx')) as unknown as ArrayBuffer
		);
		expect(workbook.description).toBe(`台账头 42:${'c'.repeat(64)}`);
		const sheet = workbook.worksheets[0]!;
		expect(sheet.getCell('A4').value).toBe('台账头');
		expect(sheet.getCell('B4').value).toBe(`42:${'c'.repeat(64)}`);
	});

	test('the ledger export ends with its last entry as the head, or the genesis hash when empty', async () => {
		const { rows } = csvRows(
			await writeTable(ledgerTable([entry({ seq: 1, hash: 'd'.repeat(64) })]), 'csv')
		);
		expect(rows.at(-1)?.slice(0, 2)).toEqual(['台账头', `1:${'d'.repeat(64)}`]);
		const empty = csvRows(await writeTable(ledgerTable([]), 'csv')).rows;
		expect(empty.at(-1)?.slice(0, 2)).toEqual(['台账头', `0:${GENESIS_HASH}`]);
	});
});
