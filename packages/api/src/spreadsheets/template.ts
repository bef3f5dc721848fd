import ExcelJS from 'exceljs';
import {
	AGREEMENT_LABELS,
	DATA_SHEET,
	EVERYDAY_LABEL,
	EXAMPLE_MARK,
	HEADER_OF,
	IMPORT_COLUMNS,
	MAX_IMPORT_ROWS,
	ORIGIN_LABELS,
	type ImportColumnKey
} from './columns.ts';
import type { ReferenceData } from './validate.ts';

export const TEMPLATE_FILENAME = '签约项目导入模板.xlsx';

const OPTIONS_SHEET = '选项';
const HEADER_FILL: ExcelJS.Fill = {
	type: 'pattern',
	pattern: 'solid',
	fgColor: { argb: 'FFDCE6F2' }
};

/** exceljs applies range validations but its typings only declare the per-cell form. */
interface RangeValidations {
	dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void };
}

/** Spreadsheet column letter of a field in the template (`A`, `B`, …). */
const letterOf = (key: ImportColumnKey): string =>
	String.fromCharCode(65 + IMPORT_COLUMNS.findIndex((c) => c.key === key));

/**
 * The import template: the header row, one example row, and drop-down lists for the columns
 * with a closed set of values, drawn from the console's current conferences, chains and units.
 * The lists warn rather than forbid, because the reader also accepts English names.
 */
export async function buildTemplate(references: ReferenceData, today: string): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'huizhan';
	const sheet = workbook.addWorksheet(DATA_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
	const guide = workbook.addWorksheet('说明');
	const options = workbook.addWorksheet(OPTIONS_SHEET, { state: 'hidden' });

	sheet.columns = IMPORT_COLUMNS.map((c) => ({
		header: c.header,
		key: c.key,
		width: c.width,
		style:
			c.key === 'signedOn'
				? { numFmt: 'yyyy-mm-dd' }
				: // Text, so `5.6亿` stays as typed and a long number is not shown as 1.2E+10.
					c.key === 'totalInvestment'
					? { numFmt: '@' }
					: {}
	}));
	const activeChains = references.chains.filter((c) => c.active !== false);
	const activeUnits = references.units.filter((u) => u.active !== false);
	const header = sheet.getRow(1);
	header.font = { bold: true };
	header.eachCell((cell, column) => {
		cell.fill = HEADER_FILL;
		const spec = IMPORT_COLUMNS[column - 1];
		if (spec) cell.note = `${spec.required ? '必填。' : '选填。'}${spec.hint}`;
	});

	const conference = references.conferences[0];
	sheet.addRow({
		projectName: `${EXAMPLE_MARK}智能传感器产业园项目`,
		investor: '示例传感科技有限公司',
		investorOrigin: ORIGIN_LABELS.out_of_province,
		chainId: activeChains[0]?.nameZh ?? '',
		unitId: activeUnits[0]?.nameZh ?? '',
		signingEvent: conference?.nameZh ?? EVERYDAY_LABEL,
		// Midnight UTC is the serial day exceljs writes and Excel shows.
		signedOn: new Date(`${today}T00:00:00Z`),
		agreementType: AGREEMENT_LABELS.contract,
		totalInvestment: '5.6亿',
		notes: '示例行：导入前请删除本行'
	});
	sheet.getRow(2).font = { italic: true, color: { argb: 'FF7F7F7F' } };

	const lists: [string, string[]][] = [
		[HEADER_OF.chainId, activeChains.map((c) => c.nameZh)],
		[HEADER_OF.unitId, activeUnits.map((u) => u.nameZh)],
		[HEADER_OF.signingEvent, [...references.conferences.map((c) => c.nameZh), EVERYDAY_LABEL]]
	];
	lists.forEach(([title, values], index) => {
		const column = options.getColumn(index + 1);
		column.values = [title, ...values];
		column.width = 30;
	});
	const listRange = (index: number, length: number) => {
		const letter = String.fromCharCode(65 + index);
		return `'${OPTIONS_SHEET}'!$${letter}$2:$${letter}$${Math.max(length + 1, 2)}`;
	};

	const lastRow = MAX_IMPORT_ROWS + 1;
	const validations = (sheet as unknown as RangeValidations).dataValidations;
	const list = (key: ImportColumnKey, formula: string) =>
		validations.add(`${letterOf(key)}2:${letterOf(key)}${lastRow}`, {
			type: 'list',
			allowBlank: true,
			formulae: [formula],
			showErrorMessage: true,
			errorStyle: 'warning',
			error: '请从列表中选择，或填写系统中已有的名称。'
		});
	list('investorOrigin', `"${Object.values(ORIGIN_LABELS).join(',')}"`);
	list('agreementType', `"${Object.values(AGREEMENT_LABELS).join(',')}"`);
	list('chainId', listRange(0, activeChains.length));
	list('unitId', listRange(1, activeUnits.length));
	list('signingEvent', listRange(2, references.conferences.length + 1));

	guide.columns = [
		{ header: '列名', width: 14 },
		{ header: '是否必填', width: 10 },
		{ header: '填写说明', width: 80 }
	];
	guide.getRow(1).font = { bold: true };
	for (const c of IMPORT_COLUMNS) guide.addRow([c.header, c.required ? '必填' : '选填', c.hint]);
	guide.addRow([]);
	for (const line of [
		`第 2 行是示例，项目名称以“${EXAMPLE_MARK}”开头；导入前请删除该行，否则导入会被拒绝。`,
		`每行一个签约项目，最多 ${MAX_IMPORT_ROWS.toLocaleString('en')} 行。任何一格有误，整个文件都不会导入，页面会列出每个错误所在的行和列。`,
		'产业链、责任单位、签约活动须与系统中的名称完全一致（可用中文或英文名称）。'
	])
		guide.addRow(['', '', line]);

	return new Uint8Array(await workbook.xlsx.writeBuffer());
}
