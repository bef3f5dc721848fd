import {
	AGREEMENT_TYPES,
	EVERYDAY_SIGNING,
	factsRefusal,
	INVESTOR_ORIGINS,
	isIsoDate,
	isSimilarProjectName,
	normaliseInvestor,
	normaliseProjectName,
	parseYuan,
	WAN,
	type AgreementType,
	type DealFacts,
	type InvestorOrigin
} from '@huizhan/ledger';
import {
	AGREEMENT_LABELS,
	EVERYDAY_LABEL,
	EXAMPLE_MARK,
	HEADER_OF,
	IMPORT_COLUMNS,
	MAX_IMPORT_ROWS,
	ORIGIN_LABELS,
	type ImportColumnKey
} from './columns.ts';
import type { CellValue, Sheet } from './read.ts';

/**
 * A bad or doubtful cell. `row` is the row number the spreadsheet program shows (header = 1) and
 * `column` the Chinese header, so a recorder can go straight to the cell; row 0 means the file as
 * a whole. `code` is stable: the console translates it (`error_<code>`), API clients match on it.
 */
export interface SheetIssue {
	row: number;
	column: string;
	code: string;
	/** More to name: the other row of an in-file duplicate, the ids of deals already recorded. */
	detail?: string;
}

export interface ValidatedRow {
	row: number;
	facts: DealFacts;
}

export interface SheetValidation {
	/** Rows that can be recorded, in file order; only meaningful when `errors` is empty. */
	rows: ValidatedRow[];
	/** Block the import: any one refuses the whole file. */
	errors: SheetIssue[];
	/** For a human to look at: probable duplicates, implausibly small amounts. */
	warnings: SheetIssue[];
}

interface Named {
	nameZh: string;
	nameEn: string;
}

/** What the names in a sheet are matched against: the console's own lists. */
export interface ReferenceData {
	conferences: (Named & { id: string })[];
	/** Retired chains and units (`active: false`) are still accepted: the API accepts them. */
	chains: (Named & { id: number; active?: boolean })[];
	units: (Named & { id: number; active?: boolean })[];
}

/** Ids of deals already in the ledger that look like this one (`probableDuplicates`). */
export type DuplicateFinder = (facts: DealFacts) => string[];

/** Below this a total investment is almost surely a unit slip (`5.6` meant as 亿), not money. */
const IMPLAUSIBLE_AMOUNT = WAN;

/** An in-file duplicate is looked for among this many earlier rows of the same investor. */
const DUPLICATE_WINDOW = 100;

const TEXT_LIMITS: Partial<Record<ImportColumnKey, number>> = {
	projectName: 200,
	investor: 200,
	notes: 2000
};

/** Looks a trimmed name up among the Chinese names, then the English ones. */
function nameIndex<T>(items: (Named & { id: T })[]): Map<string, T> {
	const index = new Map<string, T>();
	for (const item of items) index.set(item.nameEn.trim(), item.id);
	// Chinese last so it wins when a Chinese name equals some other item's English one.
	for (const item of items) index.set(item.nameZh.trim(), item.id);
	return index;
}

function labelIndex<T extends string>(codes: readonly T[], labels: Record<T, string>) {
	return new Map<string, T>([
		...codes.map((code) => [code, code] as [string, T]),
		...codes.map((code) => [labels[code], code] as [string, T])
	]);
}

const ORIGINS = labelIndex<InvestorOrigin>(INVESTOR_ORIGINS, ORIGIN_LABELS);
const AGREEMENTS = labelIndex<AgreementType>(AGREEMENT_TYPES, AGREEMENT_LABELS);

/**
 * A cell as text. A number prints as JavaScript writes it, so a fraction or an exponent reaches
 * the parsers as such and is refused, never rounded. A date prints as the day it shows.
 */
export function cellText(cell: CellValue | undefined): string {
	if (cell === null || cell === undefined) return '';
	if (typeof cell === 'string') return cell.trim();
	if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
	if (cell instanceof Date) return dateOfCell(cell) ?? '';
	return cell.error;
}

/**
 * The calendar day a date cell shows. Excel stores a day count with no time zone, and exceljs
 * turns it into the instant at that wall-clock time in UTC; so the UTC fields are exactly what
 * the cell displays, whatever the server's zone. (Converting to Beijing time would move a cell
 * reading `2024-11-03 20:00` to the 4th.)
 */
function dateOfCell(date: Date): string | null {
	if (Number.isNaN(date.getTime())) return null;
	const iso = date.toISOString();
	return iso.slice(0, 4) === '+0' || iso.startsWith('-') ? null : iso.slice(0, 10);
}

/** `2024-11-03`, `2024/11/3`, `2024.11.3`, `2024年11月3日` → `2024-11-03`, or null. */
export function parseSheetDate(cell: CellValue | undefined): string | null {
	if (cell instanceof Date) return dateOfCell(cell);
	if (typeof cell !== 'string') return null;
	const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/u.exec(
		cell.normalize('NFKC').trim()
	);
	if (!match) return null;
	const date = `${match[1]}-${match[2]!.padStart(2, '0')}-${match[3]!.padStart(2, '0')}`;
	return isIsoDate(date) ? date : null;
}

/** Where each field's column sits, from the header row. */
function locateColumns(sheet: Sheet, errors: SheetIssue[], warnings: SheetIssue[]) {
	const position = new Map<ImportColumnKey, number>();
	const known = new Map(IMPORT_COLUMNS.map((c) => [c.header, c.key]));
	sheet.headers.forEach((header, index) => {
		if (header === '') return;
		const key = known.get(header);
		if (!key) {
			warnings.push({ row: sheet.headerRow, column: header, code: 'ignored_column' });
		} else if (position.has(key)) {
			errors.push({ row: sheet.headerRow, column: header, code: 'duplicate_column' });
		} else {
			position.set(key, index);
		}
	});
	for (const column of IMPORT_COLUMNS) {
		if (column.required && !position.has(column.key))
			errors.push({ row: sheet.headerRow, column: column.header, code: 'missing_column' });
	}
	return position;
}

/**
 * Checks every row of a sheet and turns each good one into deal facts. Every problem is
 * reported, not just the first, each with its row and column; the caller records nothing unless
 * there are none.
 */
export function validateSheet(
	sheet: Sheet,
	references: ReferenceData,
	findDuplicates: DuplicateFinder = () => []
): SheetValidation {
	const errors: SheetIssue[] = [];
	const warnings: SheetIssue[] = [];
	const position = locateColumns(sheet, errors, warnings);
	if (errors.length > 0) return { rows: [], errors, warnings };
	if (sheet.rows.length === 0) return { rows: [], errors: [fileIssue('no_rows')], warnings };
	if (sheet.rows.length > MAX_IMPORT_ROWS)
		return { rows: [], errors: [fileIssue('too_many_rows')], warnings };

	const chains = nameIndex(references.chains);
	const units = nameIndex(references.units);
	const events = new Map<string, string>([
		[EVERYDAY_LABEL, EVERYDAY_SIGNING],
		[EVERYDAY_SIGNING, EVERYDAY_SIGNING],
		...references.conferences.map((c) => [c.id, c.id] as [string, string]),
		...references.conferences.map((c) => [c.nameEn.trim(), c.id] as [string, string]),
		...references.conferences.map((c) => [c.nameZh.trim(), c.id] as [string, string])
	]);

	const rows: ValidatedRow[] = [];
	for (const { row, cells } of sheet.rows) {
		const cell = (key: ImportColumnKey) => {
			const index = position.get(key);
			return index === undefined ? null : (cells[index] ?? null);
		};
		// A row with something only in columns we ignore (a 序号 filled down past the last deal) is
		// not a deal left half-typed.
		if (IMPORT_COLUMNS.every((c) => cellText(cell(c.key)) === '')) continue;
		const rowErrors: SheetIssue[] = [];
		const fail = (key: ImportColumnKey, code: string) =>
			rowErrors.push({ row, column: HEADER_OF[key], code });

		/** The cell's text; records `required` when a required cell is empty. */
		const text = (key: ImportColumnKey, required: boolean): string | null => {
			const value = cell(key);
			if (value !== null && typeof value === 'object' && 'error' in value) {
				fail(key, 'formula_error');
				return null;
			}
			const content = cellText(value);
			if (content === '') {
				if (required) fail(key, 'required');
				return required ? null : '';
			}
			const limit = TEXT_LIMITS[key];
			if (limit !== undefined && content.length > limit) {
				fail(key, 'too_long');
				return null;
			}
			return content;
		};
		const lookUp = <T>(key: ImportColumnKey, index: Map<string, T>, code: string) => {
			const name = text(key, true);
			if (name === null) return null;
			const found = index.get(name);
			if (found === undefined) fail(key, code);
			return found ?? null;
		};

		const projectName = text('projectName', true);
		if (projectName?.startsWith(EXAMPLE_MARK)) fail('projectName', 'example_row');
		const investor = text('investor', true);
		const investorOrigin = lookUp('investorOrigin', ORIGINS, 'unknown_origin');
		const chainId = lookUp('chainId', chains, 'unknown_chain');
		const unitId = lookUp('unitId', units, 'unknown_unit');
		const signingEvent = lookUp('signingEvent', events, 'unknown_signing_event');

		let signedOn: string | null = null;
		if (text('signedOn', true) !== null) {
			signedOn = parseSheetDate(cell('signedOn'));
			if (signedOn === null) fail('signedOn', 'date_format');
		}
		const agreementType = lookUp('agreementType', AGREEMENTS, 'unknown_agreement');

		let totalInvestment: number | null = null;
		const amountText = text('totalInvestment', true);
		if (amountText !== null) {
			const parsed = parseYuan(amountText);
			if (parsed.ok) totalInvestment = parsed.value;
			else fail('totalInvestment', `amount_${parsed.reason}`);
		}

		const foreign = readForeign(text, fail);
		const notes = text('notes', false);

		if (rowErrors.length > 0) {
			errors.push(...rowErrors);
			continue;
		}
		const facts: DealFacts = {
			projectName: projectName!,
			investor: investor!,
			investorOrigin: investorOrigin!,
			chainId: chainId!,
			unitId: unitId!,
			signingEvent: signingEvent!,
			signedOn: signedOn!,
			agreementType: agreementType!,
			totalInvestment: totalInvestment!,
			...foreign!,
			notes: notes ?? ''
		};
		// The ledger's own check, last: anything it would refuse at commit is refused now.
		const refusal = factsRefusal(facts);
		if (refusal) {
			const key = (refusal.field ?? 'projectName') as ImportColumnKey;
			errors.push({ row, column: HEADER_OF[key] ?? '', code: refusal.reason });
			continue;
		}
		if (facts.totalInvestment < IMPLAUSIBLE_AMOUNT)
			warnings.push({ row, column: HEADER_OF.totalInvestment, code: 'amount_below_wan' });
		rows.push({ row, facts });
	}

	if (errors.length === 0) warnings.push(...duplicateWarnings(rows, findDuplicates));
	return { rows, errors, warnings };
}

const fileIssue = (code: string): SheetIssue => ({ row: 0, column: '', code });

type Foreign = Pick<DealFacts, 'foreignCurrency' | 'foreignAmount' | 'exchangeRate'>;

/** 外币币种, 外币金额, 汇率: all three or none. */
function readForeign(
	text: (key: ImportColumnKey, required: boolean) => string | null,
	fail: (key: ImportColumnKey, code: string) => void
): Foreign | null {
	const currency = text('foreignCurrency', false);
	const amount = text('foreignAmount', false);
	const rate = text('exchangeRate', false);
	if (currency === null || amount === null || rate === null) return null;
	const given = [currency, amount, rate].filter((v) => v !== '').length;
	if (given === 0) return { foreignCurrency: null, foreignAmount: null, exchangeRate: null };

	let ok = true;
	const missing = (key: ImportColumnKey, value: string) => {
		if (value === '') {
			fail(key, 'foreign_incomplete');
			ok = false;
		}
		return value !== '';
	};
	const code = currency.normalize('NFKC').toUpperCase();
	if (missing('foreignCurrency', currency) && !/^[A-Z]{3}$/.test(code)) {
		fail('foreignCurrency', 'currency_format');
		ok = false;
	}
	const digits = amount.normalize('NFKC').replace(/,/g, '');
	const whole = /^\d{1,15}$/.test(digits) ? Number(digits) : 0;
	if (missing('foreignAmount', amount) && !(Number.isSafeInteger(whole) && whole > 0)) {
		fail('foreignAmount', 'foreign_amount_format');
		ok = false;
	}
	const rateText = rate.normalize('NFKC');
	if (
		missing('exchangeRate', rate) &&
		(!/^\d{1,6}(\.\d{1,6})?$/.test(rateText) || /^[0.]*$/.test(rateText))
	) {
		fail('exchangeRate', 'rate_format');
		ok = false;
	}
	return ok ? { foreignCurrency: code, foreignAmount: whole, exchangeRate: rateText } : null;
}

/**
 * Rows that look like another row of the file, or like a deal already in the ledger (same
 * investor, similar project name). Warnings, not errors: a second phase of a project is
 * legitimately similar, and a human decides.
 */
function duplicateWarnings(rows: ValidatedRow[], findDuplicates: DuplicateFinder): SheetIssue[] {
	const warnings: SheetIssue[] = [];
	const column = HEADER_OF.projectName;
	const byInvestor = new Map<string, { names: Map<string, number>; recent: ValidatedRow[] }>();
	for (const current of rows) {
		const key = normaliseInvestor(current.facts.investor);
		const name = normaliseProjectName(current.facts.projectName);
		const seen = byInvestor.get(key) ?? { names: new Map<string, number>(), recent: [] };
		byInvestor.set(key, seen);
		// Exact repeats are found however many rows apart; similar names among the latest rows
		// only, so a file of thousands of rows from one investor still previews in seconds.
		const twin =
			seen.names.get(name) ??
			seen.recent.find((r) => isSimilarProjectName(r.facts.projectName, current.facts.projectName))
				?.row;
		if (key !== '' && twin !== undefined)
			warnings.push({ row: current.row, column, code: 'duplicate_in_file', detail: `${twin}` });
		if (!seen.names.has(name)) seen.names.set(name, current.row);
		seen.recent.push(current);
		if (seen.recent.length > DUPLICATE_WINDOW) seen.recent.shift();

		const existing = findDuplicates(current.facts);
		if (existing.length > 0)
			warnings.push({
				row: current.row,
				column,
				code: 'probable_duplicate',
				detail: existing.join(', ')
			});
	}
	return warnings;
}
