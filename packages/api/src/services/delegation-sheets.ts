import ExcelJS from 'exceljs';
import { AppError } from '../errors.ts';
import { memberInput } from '../schemas/delegations.ts';
import {
	download,
	writeTable,
	type SheetDownload,
	type SheetFormat
} from '../spreadsheets/export.ts';
import { readSheet, SheetReadError } from '../spreadsheets/read.ts';
import { cellText, type SheetIssue } from '../spreadsheets/validate.ts';
import { checkSubmission, delegationBySecret, type NumberedMember } from './delegation-members.ts';
import type { Db } from '@huizhan/db';

/*
 * A delegation's members as a spreadsheet (代表团成员名单): the template the leader fills in, and
 * the reading of it, which names every bad cell by row and column before anything is stored.
 */

/** The columns, found by their Chinese header; the order may change, the words may not. */
export const MEMBER_COLUMNS = [
	{ key: 'name', header: '姓名', width: 14, example: '张伟' },
	{ key: 'organisation', header: '单位', width: 30, example: '' },
	{ key: 'title', header: '职务', width: 16, example: '副总经理' },
	{ key: 'mobile', header: '手机', width: 18, example: '13800138000' },
	{ key: 'email', header: '邮箱', width: 26, example: '' }
] as const;
type MemberColumn = (typeof MEMBER_COLUMNS)[number]['key'];

/** The most rows one sheet may carry: a delegation's quota cannot be higher. */
export const MAX_MEMBER_ROWS = 10_000;

export const memberTemplateFilename = (format: SheetFormat) => `代表团成员名单模板.${format}`;

/** The template: the header and one example row a leader overwrites. */
export async function memberTemplate(format: SheetFormat): Promise<SheetDownload> {
	const bytes = await writeTable(
		{
			sheetName: '成员',
			headers: MEMBER_COLUMNS.map((c) => c.header),
			rows: [MEMBER_COLUMNS.map((c) => c.example)],
			widths: MEMBER_COLUMNS.map((c) => c.width),
			integers: new Set()
		},
		format
	);
	if (format === 'xlsx') return download(memberTemplateFilename(format), await asText(bytes));
	return download(memberTemplateFilename(format), bytes);
}

/** The mobile column as text, so Excel keeps 13800138000 as typed and not as 1.38E+10. */
async function asText(bytes: Uint8Array): Promise<Uint8Array> {
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0]!;
	sheet.getColumn(MEMBER_COLUMNS.findIndex((c) => c.key === 'mobile') + 1).numFmt = '@';
	return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface MemberSheet {
	members: NumberedMember[];
	/** Every bad cell, by row and header; any one refuses the whole file. */
	errors: SheetIssue[];
}

/** Reads an uploaded member list; nothing is stored. */
export async function readMemberSheet(bytes: Uint8Array): Promise<MemberSheet> {
	let sheet;
	try {
		sheet = await readSheet(bytes);
	} catch (error) {
		if (error instanceof SheetReadError)
			return { members: [], errors: [{ row: 0, column: '', code: error.code }] };
		throw error;
	}
	const at = new Map<MemberColumn, number>();
	for (const column of MEMBER_COLUMNS) {
		const index = sheet.headers.indexOf(column.header);
		if (index >= 0) at.set(column.key, index);
	}
	const errors: SheetIssue[] = [];
	if (!at.has('name'))
		errors.push({ row: sheet.headerRow, column: '姓名', code: 'missing_column' });
	if (!at.has('mobile') && !at.has('email'))
		errors.push({ row: sheet.headerRow, column: '手机', code: 'missing_column' });
	if (errors.length) return { members: [], errors };
	if (sheet.rows.length === 0)
		return { members: [], errors: [{ row: 0, column: '', code: 'no_rows' }] };
	if (sheet.rows.length > MAX_MEMBER_ROWS)
		return { members: [], errors: [{ row: 0, column: '', code: 'too_many_rows' }] };

	const members: NumberedMember[] = [];
	for (const line of sheet.rows) {
		const cell = (key: MemberColumn) => {
			const index = at.get(key);
			return index === undefined ? '' : cellText(line.cells[index]);
		};
		const parsed = memberInput.safeParse({
			name: cell('name'),
			organisation: cell('organisation'),
			title: cell('title'),
			mobile: cell('mobile'),
			email: cell('email')
		});
		if (parsed.success) {
			members.push({ ...parsed.data, row: line.row });
			continue;
		}
		for (const issue of parsed.error.issues) {
			const key = String(issue.path[0] ?? 'name') as MemberColumn;
			const column = MEMBER_COLUMNS.find((c) => c.key === key)?.header ?? '';
			errors.push({ row: line.row, column, code: issue.message });
		}
	}
	return { members: errors.length ? [] : members, errors };
}

export interface MemberSheetPreview {
	/** What would be added, when nothing is wrong. */
	members: { row: number; name: string; organisation: string; title: string }[];
	errors: SheetIssue[];
	/** Set when the cells are fine but the submission as a whole is refused (quota, a duplicate). */
	refusal: { reason: string; details: Record<string, unknown> } | null;
}

/**
 * The dry run: every bad cell, then the refusal the submission would meet now (places left,
 * someone already registered). The leader fixes the file and submits it; the submission checks
 * everything again under the lock.
 */
export async function previewMemberSheet(
	db: Db,
	secret: string,
	bytes: Uint8Array
): Promise<MemberSheetPreview> {
	const d = await delegationBySecret(db, secret);
	if (!d) throw new AppError('NOT_FOUND', 'delegation_not_found', 'no such delegation');
	const sheet = await readMemberSheet(bytes);
	let refusal: MemberSheetPreview['refusal'] = null;
	if (sheet.errors.length === 0) {
		try {
			await checkSubmission(db, d, sheet.members);
		} catch (error) {
			if (!(error instanceof AppError)) throw error;
			refusal = { reason: error.reason, details: error.details };
		}
	}
	return {
		members: sheet.members.map((m) => ({
			row: m.row,
			name: m.name,
			organisation: m.organisation || d.organisation,
			title: m.title
		})),
		errors: sheet.errors,
		refusal
	};
}

/** The members of a file for a submission; a file with any bad cell is refused whole. */
export async function membersOfSheet(bytes: Uint8Array): Promise<NumberedMember[]> {
	const sheet = await readMemberSheet(bytes);
	if (sheet.errors.length) {
		throw new AppError('BAD_REQUEST', 'sheet_invalid', `${sheet.errors.length} bad cells`, {
			errors: sheet.errors
		});
	}
	return sheet.members;
}
