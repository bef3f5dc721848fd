import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import type { schema } from '@huizhan/db';
import {
	EVERYDAY_SIGNING,
	GENESIS_HASH,
	headText,
	YI,
	type LedgerHead,
	type DealStage,
	type LaterStage,
	type LedgerEntry
} from '@huizhan/ledger';
import {
	AGREEMENT_LABELS,
	DEAL_EXPORT_HEADERS,
	EVERYDAY_LABEL,
	LEDGER_EXPORT_HEADERS,
	ORIGIN_LABELS
} from './columns.ts';
import type { ReferenceData } from './validate.ts';

export const SHEET_FORMATS = ['xlsx', 'csv'] as const;
export type SheetFormat = (typeof SHEET_FORMATS)[number];

export const CONTENT_TYPES: Record<SheetFormat, string> = {
	xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
	csv: 'text/csv; charset=utf-8'
};

type Cell = string | number | null;

/** A sheet to write: Chinese headers, rows of plain values; `integers` are whole-元 columns. */
export interface Table {
	sheetName: string;
	headers: readonly string[];
	rows: Cell[][];
	widths: number[];
	integers: ReadonlySet<number>;
	/** The ledger's head when the data was read: written under the rows and into the file's properties. */
	head?: LedgerHead;
}

/** The line under the rows that anchors an export to the ledger (see `ledger verify --head`). */
export const HEAD_LABEL = '台账头';
export const headRow = (head: LedgerHead): Cell[] => [
	HEAD_LABEL,
	headText(head),
	'核验：pnpm huizhan ledger verify --head <台账头>'
];

/**
 * 元 as an exact decimal number of 亿元, without grouping so a spreadsheet reads it back as a
 * number: `560000000` → `5.6`, `1` → `0.00000001`. BigInt division, never a float.
 */
export function yiText(yuan: number): string {
	const magnitude = BigInt(Math.abs(yuan));
	const whole = (magnitude / BigInt(YI)).toString();
	const fraction = (magnitude % BigInt(YI)).toString().padStart(8, '0').replace(/0+$/, '');
	return `${yuan < 0 ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** An ISO instant as Beijing wall-clock time, `2024-11-03 10:00:00`. */
export function beijingTime(iso: string): string {
	const shifted = new Date(Date.parse(iso) + 8 * 3_600_000).toISOString();
	return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)}`;
}

const STAGE_LABELS: Record<DealStage, string> = {
	signed: '已签约',
	landed: '已落地',
	started: '已开工',
	in_production: '已投产'
};

const ADVANCED_LABELS: Record<LaterStage, string> = {
	landed: '落地',
	started: '开工',
	in_production: '投产'
};

/** Names by id, for writing what a reader recognises instead of ids. */
function namer(references: ReferenceData) {
	const chains = new Map(references.chains.map((c) => [c.id, c.nameZh]));
	const units = new Map(references.units.map((u) => [u.id, u.nameZh]));
	const events = new Map(references.conferences.map((c) => [c.id, c.nameZh]));
	return {
		chain: (id: number) => chains.get(id) ?? `#${id}`,
		unit: (id: number) => units.get(id) ?? `#${id}`,
		event: (id: string) => (id === EVERYDAY_SIGNING ? EVERYDAY_LABEL : (events.get(id) ?? id))
	};
}

export type DealRow = typeof schema.deals.$inferSelect;

/**
 * The deal list as a table: one row per deal, in the order given. `isExhibitor` tells the deals
 * whose investor is an exhibitor (services/exhibitor-investors.ts).
 */
export function dealTable(
	deals: DealRow[],
	references: ReferenceData,
	head?: LedgerHead,
	isExhibitor: (investor: string) => boolean = () => false
): Table {
	const names = namer(references);
	const rows = deals.map((d): Cell[] => [
		d.id,
		d.projectName,
		d.investor,
		ORIGIN_LABELS[d.investorOrigin],
		names.chain(d.chainId),
		names.unit(d.unitId),
		names.event(d.signingEvent),
		d.signedOn,
		AGREEMENT_LABELS[d.agreementType],
		d.totalInvestment,
		yiText(d.countedAmount),
		d.countedAmount,
		d.foreignCurrency,
		d.foreignAmount,
		d.exchangeRate,
		STAGE_LABELS[d.stage],
		d.landedOn,
		d.startedOn,
		d.inProductionOn,
		d.upgradedOn,
		d.voided ? '是' : '否',
		d.voidReason,
		d.notes,
		d.lastRecordedBy,
		beijingTime(d.lastRecordedAt),
		isExhibitor(d.investor) ? '是' : '否'
	]);
	return {
		sheetName: '签约项目',
		headers: DEAL_EXPORT_HEADERS,
		rows,
		widths: [
			10, 32, 28, 10, 16, 20, 22, 12, 10, 16, 14, 16, 8, 14, 10, 8, 12, 12, 12, 14, 7, 20, 30, 12,
			20, 12
		],
		integers: new Set([9, 11, 13]),
		...(head ? { head } : {})
	};
}

function eventLabel(entry: LedgerEntry): string {
	const { event } = entry;
	switch (event.type) {
		case 'signed':
			return '签约';
		case 'amended':
			return '更正';
		case 'upgraded':
			return '升级为正式合同';
		case 'increased':
			return '增资';
		case 'advanced':
			return ADVANCED_LABELS[event.stage];
		case 'voided':
			return '作废';
	}
}

function reasonOf(entry: LedgerEntry): string {
	const { event } = entry;
	if (event.type === 'amended' || event.type === 'voided') return event.reason;
	if (event.type === 'increased') return event.note;
	return '';
}

/** The whole ledger as a table: one row per entry, in sequence, hashes included. */
export function ledgerTable(entries: LedgerEntry[]): Table {
	const last = entries.at(-1);
	const rows = entries.map((e): Cell[] => [
		e.seq,
		e.dealId,
		eventLabel(e),
		e.recordedBy,
		beijingTime(e.recordedAt),
		e.occurredOn,
		e.delta.contract,
		e.delta.framework,
		e.delta.intent,
		reasonOf(e),
		JSON.stringify(e.event),
		e.hash,
		e.prevHash
	]);
	return {
		sheetName: '签约台账',
		headers: LEDGER_EXPORT_HEADERS,
		rows,
		widths: [8, 10, 14, 12, 20, 12, 18, 18, 18, 30, 40, 66, 66],
		integers: new Set([6, 7, 8]),
		head: last ? { seq: last.seq, hash: last.hash } : { seq: 0, hash: GENESIS_HASH }
	};
}

/**
 * What a spreadsheet may run as a formula: a cell whose first visible character is `=`, `+`, `-`
 * or `@` — also after leading spaces (LibreOffice and some Excel imports trim them) and in the
 * full-width forms a Chinese input method types (`＝＋－＠`), which Excel also accepts — and any
 * cell starting with a tab or a line break. `\s` covers the ideographic space too.
 */
const FORMULA_START = /^(?:\s*[=+\-@\uff1d\uff0b\uff0d\uff20]|[\t\r\n])/u;

/**
 * A CSV cell as it is safe to open: text a spreadsheet would run as a formula gets an apostrophe
 * in front, which Excel, WPS and LibreOffice show as plain text. Numbers are written as they are
 * (a negative amount is not a formula). Papa Parse's own `escapeFormulae` tests the whole text
 * with a `.*$` that stops at a line break, so `=HYPERLINK(…)` followed by a newline slipped
 * through; every cell is checked here instead.
 */
export function csvCell(cell: Cell): string {
	if (cell === null) return '';
	if (typeof cell === 'number') return String(cell);
	return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/**
 * The table as a file. CSV is UTF-8 with a BOM, which is what makes Excel on a Chinese Windows
 * read it as UTF-8 rather than GBK; every text cell goes through `csvCell`.
 */
export async function writeTable(table: Table, format: SheetFormat): Promise<Uint8Array> {
	// A blank line keeps the head apart from the data, so a filter or a re-read stops before it.
	const footer: Cell[][] = table.head ? [[], headRow(table.head)] : [];
	if (format === 'csv') {
		const text = Papa.unparse(
			{ fields: [...table.headers], data: [...table.rows, ...footer].map((r) => r.map(csvCell)) },
			{ escapeFormulae: false, newline: '\r\n' }
		);
		return new TextEncoder().encode(`\ufeff${text}`);
	}
	const workbook = new ExcelJS.Workbook();
	workbook.creator = 'huizhan';
	const sheet = workbook.addWorksheet(table.sheetName, {
		views: [{ state: 'frozen', ySplit: 1 }]
	});
	sheet.columns = table.headers.map((header, i) => ({
		header,
		width: table.widths[i] ?? 14,
		style: table.integers.has(i) ? { numFmt: '#,##0' } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	// Values go in as plain strings and numbers: a string is never stored as a formula.
	sheet.addRows([...table.rows, ...footer]);
	// Also a property of the file (文件 › 属性 › 摘要), which survives rows being sorted or cut.
	if (table.head) workbook.description = `${HEAD_LABEL} ${headText(table.head)}`;
	sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.headers.length } };
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A file for a procedure to return: JSON carries bytes as base64. */
export interface SheetDownload {
	filename: string;
	contentBase64: string;
}

export const download = (filename: string, bytes: Uint8Array): SheetDownload => ({
	filename,
	contentBase64: Buffer.from(bytes).toString('base64')
});

/** `签约项目-20241103-1530.xlsx`: what it is and when (Beijing time) it was taken. */
export function exportFilename(base: string, format: SheetFormat, now: Date): string {
	const stamp = beijingTime(now.toISOString()).replace(/[-:]/g, '').replace(' ', '-').slice(0, 13);
	return `${base}-${stamp}.${format}`;
}
