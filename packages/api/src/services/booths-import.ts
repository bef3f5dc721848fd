import { eq } from 'drizzle-orm';
import { tables, type Db, type DbOrTx } from '@huizhan/db';
import type { BoothStatus, BoothType } from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import { boothNumber } from '../schemas/booths.ts';
import { MAX_IMPORT_ROWS } from '../spreadsheets/columns.ts';
import {
	download,
	exportFilename,
	writeTable,
	type SheetDownload,
	type SheetFormat
} from '../spreadsheets/export.ts';
import { readSheet, SheetReadError, type CellValue, type Sheet } from '../spreadsheets/read.ts';
import { cellText, type SheetIssue } from '../spreadsheets/validate.ts';
import { recordAudit } from './audit.ts';
import { boothPlan, conferenceOf, type BoothActor } from './booths.ts';

/*
 * A hall plan from a spreadsheet (展位图): one booth a row, naming its hall, number, area and
 * type. As with the invitee list, the file travels with both requests: a preview names every bad
 * cell and stores nothing; a commit checks the same bytes again and creates every booth or none.
 * Halls are not created from a file: a typo in a hall's name would make a hall nobody meant.
 */

export const BOOTH_TEMPLATE_FILENAME = '展位导入模板.xlsx';

const COLUMNS = [
	{ key: 'hall', header: '展馆', aliases: ['hall'], width: 12 },
	{ key: 'number', header: '展位号', aliases: ['number', 'booth'], width: 12 },
	{ key: 'area', header: '面积', aliases: ['面积（㎡）', '面积(㎡)', 'area'], width: 10 },
	{ key: 'type', header: '类型', aliases: ['type'], width: 12 }
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<
	ColumnKey,
	string
>;

export const BOOTH_TYPE_LABELS: Record<BoothType, string> = { standard: '标准展位', raw: '光地' };
export const BOOTH_STATUS_LABELS: Record<BoothStatus, string> = {
	free: '空闲',
	reserved: '已预留',
	assigned: '已分配'
};

/** The words a type cell may hold, in either language. */
const TYPE_WORDS = new Map<string, BoothType>([
	['标准展位', 'standard'],
	['标摊', 'standard'],
	['standard', 'standard'],
	['光地', 'raw'],
	['raw', 'raw'],
	['raw space', 'raw']
]);

/** `18`, `18㎡`, `18 m2`, `18平方米`: whole square metres; anything else is null. */
export function parseArea(cell: CellValue | undefined): number | null {
	if (typeof cell === 'number') return Number.isInteger(cell) && cell > 0 ? cell : null;
	const text = cellText(cell ?? null)
		.normalize('NFKC')
		.trim()
		.replace(/\s*(m2|m²|平方米|平米)$/iu, '');
	if (!/^\d{1,6}$/.test(text)) return null;
	const area = Number(text);
	return area > 0 ? area : null;
}

export interface BoothImportRow {
	row: number;
	hallId: number;
	hallCode: string;
	number: string;
	areaSquareMetres: number;
	type: BoothType;
}

export interface BoothImportPreview {
	filename: string;
	rowCount: number;
	/** Every problem, each naming its row (as the spreadsheet shows it) and column header. */
	errors: SheetIssue[];
	/** The booths as they would be created, when there are no errors. */
	rows: BoothImportRow[];
	/** The area they add, ㎡. */
	area: number;
}

const LISTED_ISSUES = 500;

async function checkSheet(
	db: DbOrTx,
	conferenceId: string,
	sheet: Sheet
): Promise<{ errors: SheetIssue[]; rows: BoothImportRow[] }> {
	const errors: SheetIssue[] = [];
	const position = new Map<ColumnKey, number>();
	const known = new Map<string, ColumnKey>(
		COLUMNS.flatMap((c) => [c.header, ...c.aliases].map((h) => [h.toLowerCase(), c.key] as const))
	);
	sheet.headers.forEach((header, index) => {
		const key = known.get(header.toLowerCase());
		if (key && position.has(key))
			errors.push({ row: sheet.headerRow, column: header, code: 'duplicate_column' });
		else if (key) position.set(key, index);
	});
	for (const c of COLUMNS) {
		if (!position.has(c.key))
			errors.push({ row: sheet.headerRow, column: c.header, code: 'missing_column' });
	}
	if (errors.length > 0) return { errors, rows: [] };
	if (sheet.rows.length === 0)
		return { errors: [{ row: 0, column: '', code: 'no_rows' }], rows: [] };
	if (sheet.rows.length > MAX_IMPORT_ROWS)
		return { errors: [{ row: 0, column: '', code: 'too_many_rows' }], rows: [] };

	const { exhibitionHalls: h, booths: b } = tables(db);
	const halls = await db.select().from(h).where(eq(h.conferenceId, conferenceId));
	const hallByName = new Map<string, (typeof halls)[number]>();
	for (const hall of halls)
		for (const name of [hall.code, hall.nameZh, hall.nameEn])
			hallByName.set(name.normalize('NFKC').trim().toLowerCase(), hall);
	const existing = new Set(
		(await db.select({ number: b.number }).from(b).where(eq(b.conferenceId, conferenceId))).map(
			(x) => x.number
		)
	);

	const rows: BoothImportRow[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of sheet.rows) {
		const rowErrors: SheetIssue[] = [];
		const fail = (key: ColumnKey, code: string, detail?: string) =>
			rowErrors.push({ row, column: HEADER[key], code, ...(detail ? { detail } : {}) });
		const cellOf = (key: ColumnKey): CellValue => {
			const index = position.get(key);
			return index === undefined ? null : (cells[index] ?? null);
		};
		const text = (key: ColumnKey): string | null => {
			const cell = cellOf(key);
			if (cell !== null && typeof cell === 'object' && !(cell instanceof Date)) {
				fail(key, 'formula_error');
				return null;
			}
			const content = cellText(cell).normalize('NFKC').trim();
			if (content === '') {
				fail(key, 'required');
				return null;
			}
			return content;
		};

		const hallText = text('hall');
		const hall = hallText === null ? undefined : hallByName.get(hallText.toLowerCase());
		if (hallText !== null && !hall) fail('hall', 'unknown_hall', hallText);

		const numberText = text('number');
		const parsedNumber = numberText === null ? null : boothNumber.safeParse(numberText);
		const number = parsedNumber?.success ? parsedNumber.data : null;
		if (parsedNumber && !parsedNumber.success) fail('number', 'booth_number_format');
		if (number) {
			const earlier = seen.get(number);
			if (earlier !== undefined) fail('number', 'booth_number_twice', String(earlier));
			else seen.set(number, row);
			if (existing.has(number)) fail('number', 'booth_number_taken', number);
		}

		let area: number | null = null;
		if (text('area') !== null) {
			area = parseArea(cellOf('area'));
			if (area === null) fail('area', 'booth_area_whole');
			else if (area > 100_000) fail('area', 'booth_area_too_large');
		}

		const typeText = text('type');
		const type = typeText === null ? undefined : TYPE_WORDS.get(typeText.toLowerCase());
		if (typeText !== null && !type) fail('type', 'booth_type_unknown', typeText);

		if (rowErrors.length > 0) {
			errors.push(...rowErrors);
			continue;
		}
		rows.push({
			row,
			hallId: hall!.id,
			hallCode: hall!.code,
			number: number!,
			areaSquareMetres: area!,
			type: type!
		});
	}
	return { errors, rows };
}

async function readAndCheck(db: DbOrTx, input: { conferenceId: string; bytes: Uint8Array }) {
	await conferenceOf(db, input.conferenceId);
	let sheet: Sheet;
	try {
		sheet = await readSheet(input.bytes, HEADER.number);
	} catch (error) {
		if (!(error instanceof SheetReadError)) throw error;
		return { errors: [{ row: 0, column: '', code: error.code }], rows: [], rowCount: 0 };
	}
	return { ...(await checkSheet(db, input.conferenceId, sheet)), rowCount: sheet.rows.length };
}

/** Reads and checks a hall plan; nothing is stored. */
export async function previewBoothImport(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array }
): Promise<BoothImportPreview> {
	const { errors, rows, rowCount } = await readAndCheck(db, input);
	return {
		filename: input.filename,
		rowCount,
		errors: errors.slice(0, LISTED_ISSUES),
		rows: errors.length > 0 ? [] : rows,
		area: errors.length > 0 ? 0 : rows.reduce((sum, r) => sum + r.areaSquareMetres, 0)
	};
}

/**
 * Creates every booth of the file in one transaction, checked again inside it: a booth numbered
 * meanwhile by another admin turns the whole file down. Audited once, with the count.
 */
export function commitBoothImport(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array },
	actor: BoothActor
): Promise<{ created: number; area: number }> {
	return db.transaction(async (tx) => {
		const { errors, rows } = await readAndCheck(tx, input);
		if (errors.length > 0) {
			const first = errors[0]!;
			throw new AppError('BAD_REQUEST', 'booth_import_has_errors', `${errors.length} problems`, {
				errorCount: errors.length,
				row: first.row
			});
		}
		const created = await tx
			.insert(tables(tx).booths)
			.values(
				rows.map((r) => ({
					conferenceId: input.conferenceId,
					hallId: r.hallId,
					number: r.number,
					areaSquareMetres: r.areaSquareMetres,
					type: r.type,
					createdAt: actor.now
				}))
			)
			.returning({ id: tables(tx).booths.id });
		const area = rows.reduce((sum, r) => sum + r.areaSquareMetres, 0);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'booths_imported',
				subjectType: 'conference',
				subjectId: input.conferenceId,
				detail: { filename: input.filename, booths: created.length, area }
			},
			actor.now
		);
		return { created: created.length, area };
	});
}

/** The template: the four headers and two example rows to overwrite. */
export async function boothTemplate(): Promise<SheetDownload> {
	const bytes = await writeTable(
		{
			sheetName: '展位',
			headers: COLUMNS.map((c) => c.header),
			rows: [
				['A', 'A-101', 18, BOOTH_TYPE_LABELS.standard],
				['A', 'A-201', 72, BOOTH_TYPE_LABELS.raw]
			],
			widths: COLUMNS.map((c) => c.width),
			integers: new Set()
		},
		'xlsx'
	);
	return download(BOOTH_TEMPLATE_FILENAME, bytes);
}

export const BOOTH_EXPORT_HEADERS = ['展馆', '展位号', '面积(㎡)', '类型', '状态', '展商'] as const;

/** The edition's hall plan as a file: one row a booth, in plan order, with its holder; audited. */
export async function exportBoothPlan(
	db: Db,
	input: { conferenceId: string; format: SheetFormat },
	actor: BoothActor
): Promise<SheetDownload> {
	await conferenceOf(db, input.conferenceId);
	const plan = await boothPlan(db, input.conferenceId);
	const hallName = new Map(plan.halls.map((h) => [h.id, h.nameZh]));
	const bytes = await writeTable(
		{
			sheetName: '展位',
			headers: BOOTH_EXPORT_HEADERS,
			rows: plan.booths.map((b) => [
				hallName.get(b.hallId) ?? '',
				b.number,
				b.areaSquareMetres,
				BOOTH_TYPE_LABELS[b.type],
				BOOTH_STATUS_LABELS[b.status],
				b.holder?.companyZh ?? ''
			]),
			widths: [12, 12, 10, 10, 10, 32],
			integers: new Set([2])
		},
		input.format
	);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'booths_exported',
			subjectType: 'conference',
			subjectId: input.conferenceId,
			detail: { format: input.format, booths: plan.booths.length }
		},
		actor.now
	);
	return download(exportFilename('展位', input.format, actor.now), bytes);
}
