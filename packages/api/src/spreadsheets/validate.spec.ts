import { describe, expect, test } from 'vitest';
import { EXAMPLE_MARK } from './columns.ts';
import { HEADERS, REFERENCES, sampleRow, type SheetInput } from './fixtures.ts';
import type { Sheet } from './read.ts';
import { parseSheetDate, validateSheet } from './validate.ts';

/** A sheet as the reader gives it: header on row 1, data from row 2. */
const sheetOf = (rows: SheetInput[], headers: string[] = HEADERS): Sheet => ({
	headerRow: 1,
	headers,
	rows: rows.map((cells, i) => ({ row: i + 2, cells }))
});

describe('turning rows into deal facts', () => {
	test('reads names, labels, dates and amounts into the facts the ledger records', () => {
		const { rows, errors, warnings } = validateSheet(
			sheetOf([
				sampleRow(1, {
					投资方来源: '境外',
					产业链: 'Superhard materials',
					责任单位: ' 经济发展部 ',
					签约活动: 'diamond-2024',
					签约日期: '2024/11/3',
					协议类型: '框架协议',
					总投资额: '５.６亿',
					外币币种: 'usd',
					外币金额: '80,000,000',
					汇率: 7.1234,
					备注: '二期'
				}),
				sampleRow(2, { 签约活动: '日常签约', 签约日期: '2024年1月9日', 总投资额: 560_000_000 })
			]),
			REFERENCES
		);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([]);
		expect(rows[0]).toEqual({
			row: 2,
			facts: {
				projectName: '第1号传感器产线项目',
				investor: '测试投资方1有限公司',
				investorOrigin: 'overseas',
				chainId: 2,
				unitId: 2,
				signingEvent: 'diamond-2024',
				signedOn: '2024-11-03',
				agreementType: 'framework',
				totalInvestment: 560_000_000,
				foreignCurrency: 'USD',
				foreignAmount: 80_000_000,
				exchangeRate: '7.1234',
				notes: '二期'
			}
		});
		expect(rows[1]?.facts).toMatchObject({
			signingEvent: 'everyday',
			signedOn: '2024-01-09',
			totalInvestment: 560_000_000
		});
	});

	test('names every bad cell by the row Excel shows and the Chinese header', () => {
		const { rows, errors } = validateSheet(
			sheetOf([
				sampleRow(1),
				sampleRow(2, { 总投资额: '五亿', 产业链: '不存在的链' }),
				sampleRow(3, { 签约日期: '2024-02-30', 协议类型: '合作备忘录', 投资方来源: '外省' }),
				sampleRow(4, { 项目名称: '', 总投资额: 5.6, 责任单位: '某某局', 签约活动: '2023大会' })
			]),
			REFERENCES
		);
		expect(rows).toHaveLength(1);
		expect(errors).toEqual([
			{ row: 3, column: '产业链', code: 'unknown_chain' },
			{ row: 3, column: '总投资额', code: 'amount_not_a_number' },
			{ row: 4, column: '投资方来源', code: 'unknown_origin' },
			{ row: 4, column: '签约日期', code: 'date_format' },
			{ row: 4, column: '协议类型', code: 'unknown_agreement' },
			{ row: 5, column: '项目名称', code: 'required' },
			{ row: 5, column: '责任单位', code: 'unknown_unit' },
			{ row: 5, column: '签约活动', code: 'unknown_signing_event' },
			{ row: 5, column: '总投资额', code: 'amount_too_precise' }
		]);
	});

	test('gives each amount refusal the code the deal form uses', () => {
		const codes = ['-5亿', '0', '1.234567891亿', '20000亿', '5,6亿'].map(
			(amount) =>
				validateSheet(sheetOf([sampleRow(1, { 总投资额: amount })]), REFERENCES).errors[0]?.code
		);
		expect(codes).toEqual([
			'amount_negative',
			'amount_zero',
			'amount_too_precise',
			'amount_too_large',
			'amount_not_a_number'
		]);
	});

	test('refuses the template example row left in the file', () => {
		const { errors } = validateSheet(
			sheetOf([sampleRow(1, { 项目名称: `${EXAMPLE_MARK}智能传感器产业园项目` })]),
			REFERENCES
		);
		expect(errors).toEqual([{ row: 2, column: '项目名称', code: 'example_row' }]);
	});

	test('wants currency, amount and rate together, each well formed', () => {
		const { errors } = validateSheet(
			sheetOf([
				sampleRow(1, { 外币币种: 'USD' }),
				sampleRow(2, { 外币币种: 'US$', 外币金额: '1.5', 汇率: '0' })
			]),
			REFERENCES
		);
		expect(errors).toEqual([
			{ row: 2, column: '外币金额', code: 'foreign_incomplete' },
			{ row: 2, column: '汇率', code: 'foreign_incomplete' },
			{ row: 3, column: '外币币种', code: 'currency_format' },
			{ row: 3, column: '外币金额', code: 'foreign_amount_format' },
			{ row: 3, column: '汇率', code: 'rate_format' }
		]);
	});

	test('refuses overlong text and a formula that ended in an error', () => {
		const { errors } = validateSheet(
			sheetOf([
				sampleRow(1, { 投资方: '长'.repeat(201) }),
				[{ error: '#REF!' }, ...sampleRow(2).slice(1)] as never
			]),
			REFERENCES
		);
		expect(errors).toEqual([
			{ row: 2, column: '投资方', code: 'too_long' },
			{ row: 3, column: '项目名称', code: 'formula_error' }
		]);
	});
});

describe('the header row', () => {
	test('a missing required column is named on the header row; an optional one may be absent', () => {
		const headers = HEADERS.filter((h) => h !== '签约日期' && h !== '备注');
		const { errors } = validateSheet(sheetOf([], headers), REFERENCES);
		expect(errors).toEqual([{ row: 1, column: '签约日期', code: 'missing_column' }]);
	});

	test('a column with a unit in its header is not taken for the amount', () => {
		const headers = HEADERS.map((h) => (h === '总投资额' ? '总投资额（万元）' : h));
		const { errors, warnings } = validateSheet(sheetOf([sampleRow(1)], headers), REFERENCES);
		expect(errors).toEqual([{ row: 1, column: '总投资额', code: 'missing_column' }]);
		expect(warnings).toEqual([{ row: 1, column: '总投资额（万元）', code: 'ignored_column' }]);
	});

	test('columns may come in any order', () => {
		const order = [...HEADERS.keys()].reverse();
		const { rows, errors } = validateSheet(
			sheetOf(
				[order.map((i) => sampleRow(7)[i]!)],
				order.map((i) => HEADERS[i]!)
			),
			REFERENCES
		);
		expect(errors).toEqual([]);
		expect(rows[0]?.facts.totalInvestment).toBe(700_000_000);
	});

	test('a row filled only in a column it ignores (序号 filled down) is not a deal', () => {
		const headers = ['序号', ...HEADERS];
		const { rows, errors } = validateSheet(
			sheetOf([[1, ...sampleRow(1)], [2], [3]], headers),
			REFERENCES
		);
		expect(errors).toEqual([]);
		expect(rows.map((r) => r.row)).toEqual([2]);
	});

	test('a file with only a header is refused as a whole', () => {
		expect(validateSheet(sheetOf([]), REFERENCES).errors).toEqual([
			{ row: 0, column: '', code: 'no_rows' }
		]);
	});
});

describe('warnings, which do not block', () => {
	test('flags a project repeated in the file and one already in the ledger', () => {
		const { rows, errors, warnings } = validateSheet(
			sheetOf([
				sampleRow(1),
				sampleRow(2),
				sampleRow(3, { 项目名称: '第1号传感器产线', 投资方: '测试投资方1有限公司' })
			]),
			REFERENCES,
			(facts) => (facts.investor === '测试投资方2有限公司' ? ['D000007'] : [])
		);
		expect(errors).toEqual([]);
		expect(rows).toHaveLength(3);
		expect(warnings).toEqual([
			{ row: 3, column: '项目名称', code: 'probable_duplicate', detail: 'D000007' },
			{ row: 4, column: '项目名称', code: 'duplicate_in_file', detail: '2' }
		]);
	});

	test('an amount under 1万元 is almost surely a unit slip and is flagged', () => {
		const { errors, warnings } = validateSheet(
			sheetOf([sampleRow(1, { 总投资额: 5600 })]),
			REFERENCES
		);
		expect(errors).toEqual([]);
		expect(warnings).toEqual([{ row: 2, column: '总投资额', code: 'amount_below_wan' }]);
	});
});

describe('dates in cells', () => {
	test('a date cell is the day it shows, even with a late time of day', () => {
		expect(parseSheetDate(new Date(Date.UTC(2024, 10, 3)))).toBe('2024-11-03');
		expect(parseSheetDate(new Date(Date.UTC(2024, 10, 3, 20, 30)))).toBe('2024-11-03');
	});

	test('typed dates in the usual Chinese forms are read; a day count or nonsense is not', () => {
		expect(parseSheetDate('2024.1.9')).toBe('2024-01-09');
		expect(parseSheetDate('２０２４－１１－０３')).toBe('2024-11-03');
		expect(parseSheetDate(45599)).toBeNull();
		expect(parseSheetDate('11/3/2024')).toBeNull();
		expect(parseSheetDate('2023-02-29')).toBeNull();
	});
});
