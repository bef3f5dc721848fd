import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { ArchiveError, checkArchive } from './archive.ts';
import { DATA_SHEET, HEADER_OF, MAX_IMPORT_ROWS, MAX_SHEET_BYTES } from './columns.ts';

/** A cell as read: text, a number, a date, a boolean, a formula's error (`#N/A`), or empty. */
export type CellValue = string | number | boolean | Date | { error: string } | null;

export interface SheetRow {
	/** The row number the spreadsheet program shows (1 is the first line of the file). */
	row: number;
	/** By column, left to right; shorter than the header when trailing cells are empty. */
	cells: CellValue[];
}

export interface Sheet {
	/** The row holding the headers: 1 in the template, lower when a title sits above. */
	headerRow: number;
	headers: string[];
	/** Rows below the header that hold anything. */
	rows: SheetRow[];
}

export type SheetReadProblem =
	'file_too_large' | 'archive_too_large' | 'unsupported_file' | 'unreadable_file' | 'empty_file';

/** The file cannot be read as a sheet at all; no row or column to name. */
export class SheetReadError extends Error {
	constructor(readonly code: SheetReadProblem) {
		super(`cannot read the spreadsheet: ${code}`);
		this.name = 'SheetReadError';
	}
}

const startsWith = (bytes: Uint8Array, prefix: number[]) =>
	prefix.every((byte, i) => bytes[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** The OLE container of Excel 97–2003 `.xls`, which exceljs cannot read. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

/**
 * Reads an uploaded .xlsx or .csv into rows of cells. The content decides the format, not the
 * name: a CSV renamed .xlsx (or the reverse) still reads. `headerMark` is the header that marks
 * the header row: the deal import's 项目名称 unless another import says otherwise.
 */
export async function readSheet(
	bytes: Uint8Array,
	headerMark: string = HEADER_OF.projectName
): Promise<Sheet> {
	if (bytes.byteLength > MAX_SHEET_BYTES) throw new SheetReadError('file_too_large');
	if (bytes.byteLength === 0) throw new SheetReadError('empty_file');
	if (startsWith(bytes, ZIP)) return findHeader(await readWorkbook(bytes), headerMark);
	if (startsWith(bytes, OLE)) throw new SheetReadError('unsupported_file');
	return findHeader(readCsv(decodeText(bytes)), headerMark);
}

/* ---------------------------------------------------------------- .xlsx */

/** How far down a title block above the header may reach. */
const HEADER_SEARCH_ROWS = 10;

/**
 * Rows read from a workbook at most: the import's own cap, the title rows the header may sit
 * below, and one more so the check of the rows can say there are too many. Reading stops there,
 * however many rows the file holds.
 */
export const MAX_READ_ROWS = MAX_IMPORT_ROWS + HEADER_SEARCH_ROWS + 1;

async function readWorkbook(bytes: Uint8Array): Promise<SheetRow[]> {
	// Before exceljs sees it: a workbook that would unpack past the limit is never opened, so
	// what the reader below builds is bounded by that limit, not by the upload's ratio.
	try {
		checkArchive(bytes);
	} catch (error) {
		if (error instanceof ArchiveError) throw new SheetReadError(error.code);
		throw error;
	}
	/*
	 * The whole-workbook reader, not exceljs's streaming WorkbookReader: that one decodes each
	 * chunk of XML on its own, so a Chinese character split across two chunks comes out as
	 * U+FFFD (seen on a 5,000-row import: "1703万" read as "1703\ufffd\ufffd\ufffd").
	 */
	const workbook = new ExcelJS.Workbook();
	try {
		// Validations and conditional formats are not data, and exceljs expands a validation over
		// a whole column (common in WPS files) into a million cells: skip them.
		await workbook.xlsx.load(bytes as unknown as ArrayBuffer, {
			ignoreNodes: ['dataValidations', 'conditionalFormatting', 'extLst']
		});
	} catch {
		throw new SheetReadError('unreadable_file');
	}
	const sheet = workbook.getWorksheet(DATA_SHEET) ?? workbook.worksheets[0];
	if (!sheet) throw new SheetReadError('empty_file');
	const rows: SheetRow[] = [];
	// Row by row up to the cap: what lies beyond it is never turned into cells.
	for (let number = 1; number <= sheet.rowCount && rows.length < MAX_READ_ROWS; number++) {
		const row = sheet.findRow(number);
		if (!row) continue;
		const cells: CellValue[] = [];
		row.eachCell({ includeEmpty: false }, (cell, column) => {
			cells[column - 1] = cellValue(cell.value);
		});
		for (let i = 0; i < cells.length; i++) cells[i] ??= null;
		if (cells.some((c) => !isBlank(c))) rows.push({ row: number, cells });
	}
	return rows;
}

/** One exceljs value as a plain cell: rich text joined, a formula replaced by its result. */
function cellValue(value: ExcelJS.CellValue): CellValue {
	if (value === null || value === undefined) return null;
	if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
		return value;
	if (value instanceof Date) return value;
	if ('richText' in value) return value.richText.map((part) => part.text).join('');
	if ('error' in value) return { error: value.error };
	if ('formula' in value || 'sharedFormula' in value) {
		const result = (value as ExcelJS.CellFormulaValue).result;
		return result === undefined ? null : cellValue(result as ExcelJS.CellValue);
	}
	if ('hyperlink' in value) {
		const text = (value as ExcelJS.CellHyperlinkValue).text;
		return typeof text === 'string' ? text : cellValue(text as ExcelJS.CellValue);
	}
	return null;
}

/* ---------------------------------------------------------------- .csv */

/**
 * The text of a CSV file. Excel on a Chinese Windows saves "CSV" in the system code page
 * (GBK), newer Excel as UTF-8 with a BOM, "Unicode text" as UTF-16 with a BOM; a file that is
 * not valid UTF-8 is taken as GB18030, the superset of GBK and GB2312.
 */
export function decodeText(bytes: Uint8Array): string {
	if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes);
	if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes);
	try {
		// The decoder drops a UTF-8 BOM itself.
		return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
	} catch {
		return new TextDecoder('gb18030').decode(bytes);
	}
}

function readCsv(text: string): SheetRow[] {
	// A NUL in text means a binary file (a PDF, an image) that only looked like a CSV by elimination.
	if (text.slice(0, 4096).includes('\u0000')) throw new SheetReadError('unsupported_file');
	const parsed = Papa.parse<string[]>(text, { skipEmptyLines: false });
	if (parsed.errors.some((e) => e.type === 'Quotes')) throw new SheetReadError('unreadable_file');
	const rows: SheetRow[] = [];
	// Each record is one spreadsheet row, even when a quoted cell spans several lines.
	parsed.data.forEach((record, index) => {
		const cells = record.map((text) => (text.trim() === '' ? null : text));
		if (cells.some((c) => c !== null)) rows.push({ row: index + 1, cells });
	});
	return rows;
}

/* ---------------------------------------------------------------- header */

const isBlank = (cell: CellValue) =>
	cell === null || (typeof cell === 'string' && cell.trim() === '');

/** A cell as a header: its text, trimmed, inner line breaks removed (`项目\n名称`). */
const headerText = (cell: CellValue | undefined): string =>
	typeof cell === 'string' ? cell.replace(/\s+/gu, '').trim() : cell == null ? '' : String(cell);

/**
 * The header is the first row naming the `headerMark` column (项目名称), within the first rows: a
 * title line above it (`2024年世界传感器大会签约项目汇总表`) is common and harmless. Without one,
 * the first row is taken as the header, and the check of the columns says what is missing.
 */
function findHeader(rows: SheetRow[], headerMark: string): Sheet {
	const first = rows[0];
	if (!first) throw new SheetReadError('empty_file');
	const index = rows
		.slice(0, HEADER_SEARCH_ROWS)
		.findIndex((r) => r.cells.some((c) => headerText(c) === headerMark));
	const header = rows[Math.max(index, 0)] ?? first;
	return {
		headerRow: header.row,
		headers: header.cells.map(headerText),
		rows: rows.slice(Math.max(index, 0) + 1)
	};
}
