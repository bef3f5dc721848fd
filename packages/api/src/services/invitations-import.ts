import { eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { contactIssue } from '../schemas/invitations.ts';
import { phoneOf } from '../schemas/registrations.ts';
import { readSheet, SheetReadError, type Sheet } from '../spreadsheets/read.ts';
import { cellText, type SheetIssue } from '../spreadsheets/validate.ts';
import { download, writeTable, type SheetDownload } from '../spreadsheets/export.ts';
import { MAX_IMPORT_ROWS } from '../spreadsheets/columns.ts';
import { recordAudit } from './audit.ts';
import {
	defaultExpiry,
	invitationCategories,
	invitationConflict,
	storeInvitations,
	type InvitationActor,
	type NewInvitation
} from './invitations.ts';
import { CATEGORY_LABELS } from './registration-export.ts';

/*
 * A list of invitees from a spreadsheet (嘉宾邀请名单): a preview names every bad cell by row and
 * column and stores nothing; a commit checks the same file again and invites every row, or none.
 * The file travels with both requests, so nothing half-imported is ever kept between them.
 */

export const INVITATION_TEMPLATE_FILENAME = '嘉宾邀请导入模板.xlsx';

const COLUMNS = [
	{ key: 'name', header: '姓名', required: true, width: 14, max: 100 },
	{ key: 'organisation', header: '单位', required: true, width: 30, max: 200 },
	{ key: 'title', header: '职务', required: false, width: 16, max: 100 },
	{ key: 'mobile', header: '手机', required: false, width: 16, max: 32 },
	{ key: 'email', header: '邮箱', required: false, width: 26, max: 200 },
	{ key: 'country', header: '国家或地区', required: false, width: 12, max: 2 },
	{ key: 'category', header: '类别', required: true, width: 10, max: 40 },
	{ key: 'language', header: '语言', required: false, width: 10, max: 20 }
] as const;
type ColumnKey = (typeof COLUMNS)[number]['key'];
const HEADER = Object.fromEntries(COLUMNS.map((c) => [c.key, c.header])) as Record<
	ColumnKey,
	string
>;

const LANGUAGES = new Map<string, 'zh-CN' | 'en'>([
	['', 'zh-CN'],
	['中文', 'zh-CN'],
	['zh', 'zh-CN'],
	['zh-cn', 'zh-CN'],
	['english', 'en'],
	['英文', 'en'],
	['en', 'en']
]);

export interface InvitationPreviewRow {
	row: number;
	name: string;
	organisation: string;
	category: schema.AttendeeCategory;
}

export interface InvitationImportPreview {
	filename: string;
	rowCount: number;
	/** Every problem, each naming its row (as the spreadsheet shows it) and column header. */
	errors: SheetIssue[];
	/** The rows as they would be invited, when there are no errors. */
	rows: InvitationPreviewRow[];
}

/** Every row of the sheet checked; `invitees` is only meaningful with no errors. */
async function checkSheet(
	db: Db,
	conferenceId: string,
	sheet: Sheet,
	expiresAt: Date,
	now: Date
): Promise<{ errors: SheetIssue[]; invitees: (NewInvitation & { row: number })[] }> {
	const errors: SheetIssue[] = [];
	const position = new Map<ColumnKey, number>();
	const known = new Map<string, ColumnKey>(COLUMNS.map((c) => [c.header, c.key]));
	sheet.headers.forEach((header, index) => {
		const key = known.get(header);
		if (key && position.has(key))
			errors.push({ row: sheet.headerRow, column: header, code: 'duplicate_column' });
		else if (key) position.set(key, index);
	});
	for (const c of COLUMNS) {
		if (c.required && !position.has(c.key))
			errors.push({ row: sheet.headerRow, column: c.header, code: 'missing_column' });
	}
	if (errors.length > 0) return { errors, invitees: [] };
	if (sheet.rows.length === 0)
		return { errors: [{ row: 0, column: '', code: 'no_rows' }], invitees: [] };
	if (sheet.rows.length > MAX_IMPORT_ROWS)
		return { errors: [{ row: 0, column: '', code: 'too_many_rows' }], invitees: [] };

	// A category by its code (vip), its standard Chinese name (嘉宾) or the edition's own names.
	const categories = new Map<string, schema.AttendeeCategory>();
	for (const c of await invitationCategories(db, conferenceId)) {
		for (const name of [c.category, CATEGORY_LABELS[c.category], c.nameZh, c.nameEn])
			if (name) categories.set(name.trim().toLowerCase(), c.category);
	}

	const invitees: (NewInvitation & { row: number })[] = [];
	const seen = new Map<string, number>();
	for (const { row, cells } of sheet.rows) {
		const rowErrors: SheetIssue[] = [];
		const fail = (key: ColumnKey, code: string, detail?: string) =>
			rowErrors.push({ row, column: HEADER[key], code, ...(detail ? { detail } : {}) });
		const text = (key: ColumnKey): string => {
			const index = position.get(key);
			const cell = index === undefined ? null : (cells[index] ?? null);
			if (cell !== null && typeof cell === 'object' && 'error' in cell) {
				fail(key, 'formula_error');
				return '';
			}
			const content = cellText(cell).normalize('NFKC').trim();
			const column = COLUMNS.find((c) => c.key === key)!;
			if (content === '' && column.required) fail(key, 'required');
			else if (content.length > column.max) fail(key, 'too_long');
			return content;
		};
		const name = text('name');
		const organisation = text('organisation');
		const title = text('title');
		const country = (text('country') || 'CN').toUpperCase();
		if (!/^[A-Z]{2}$/.test(country)) fail('country', 'country_format');
		const mobileText = text('mobile');
		const emailText = text('email').toLowerCase();
		const issue = contactIssue(mobileText, emailText, country);
		if (issue) fail(issue.field, issue.code);
		const categoryText = text('category');
		const category = categories.get(categoryText.toLowerCase());
		if (categoryText && !category) fail('category', 'unknown_category');
		const language = LANGUAGES.get(text('language').toLowerCase());
		if (!language) fail('language', 'unknown_language');

		const mobile = mobileText ? phoneOf(mobileText, country) : null;
		const email = emailText || null;
		for (const [key, value] of [
			['mobile', mobile],
			['email', email]
		] as const) {
			if (!value) continue;
			const earlier = seen.get(`${key}:${value}`);
			if (earlier !== undefined) fail(key, 'duplicate_in_file', String(earlier));
			else seen.set(`${key}:${value}`, row);
		}
		if (rowErrors.length === 0) {
			const conflict = await invitationConflict(db, conferenceId, { mobile, email }, now);
			if (conflict) fail(mobile ? 'mobile' : 'email', conflict);
		}
		if (rowErrors.length > 0) {
			errors.push(...rowErrors);
			continue;
		}
		invitees.push({
			row,
			conferenceId,
			category: category!,
			name,
			organisation,
			title,
			mobile,
			email,
			country,
			language: language!,
			expiresAt
		});
	}
	return { errors, invitees };
}

const LISTED_ISSUES = 500;

async function readAndCheck(
	db: Db,
	input: { conferenceId: string; bytes: Uint8Array; expiresOn?: string | null },
	now: Date
) {
	const conference = await conferenceOf(db, input.conferenceId);
	const expiresAt = defaultExpiry(conference, input.expiresOn ?? null);
	if (expiresAt.getTime() <= now.getTime()) {
		return { errors: [{ row: 0, column: '', code: 'expiry_in_past' }], invitees: [], rowCount: 0 };
	}
	let sheet: Sheet;
	try {
		sheet = await readSheet(input.bytes, HEADER.name);
	} catch (error) {
		if (!(error instanceof SheetReadError)) throw error;
		return { errors: [{ row: 0, column: '', code: error.code }], invitees: [], rowCount: 0 };
	}
	return {
		...(await checkSheet(db, conference.id, sheet, expiresAt, now)),
		rowCount: sheet.rows.length
	};
}

async function conferenceOf(db: Db, conferenceId: string) {
	const { conferences } = tables(db);
	const [conference] = await db.select().from(conferences).where(eq(conferences.id, conferenceId));
	if (!conference) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
	}
	return conference;
}

/** Reads and checks a list of invitees; nothing is stored. */
export async function previewInvitationImport(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array },
	now: Date
): Promise<InvitationImportPreview> {
	const { errors, invitees, rowCount } = await readAndCheck(db, input, now);
	return {
		filename: input.filename,
		rowCount,
		errors: errors.slice(0, LISTED_ISSUES),
		rows:
			errors.length > 0
				? []
				: invitees.map(({ row, name, organisation, category }) => ({
						row,
						name,
						organisation,
						category
					}))
	};
}

/**
 * Invites every row of the file in one transaction, each with its message queued; a file with
 * any error (including one that became an error since the preview: the person registered
 * meanwhile) invites nobody. Audited once, with the count.
 */
export async function commitInvitationImport(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array },
	actor: InvitationActor
): Promise<{ invited: number }> {
	const { errors, invitees } = await readAndCheck(db, input, actor.now);
	if (errors.length > 0) {
		throw new AppError('BAD_REQUEST', 'import_has_errors', `${errors.length} problems`, {
			errorCount: errors.length
		});
	}
	return db.transaction(async (tx) => {
		// Checked again inside the transaction: the preview's answers may be minutes old.
		for (const invitee of invitees) {
			const conflict = await invitationConflict(tx, input.conferenceId, invitee, actor.now);
			if (conflict) {
				throw new AppError('CONFLICT', conflict, `row ${invitee.row}: ${conflict}`, {
					row: invitee.row
				});
			}
		}
		const ids = await storeInvitations(
			tx,
			invitees.map(({ row: _, ...invitee }) => invitee),
			actor
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'invitations_imported',
				subjectType: 'conference',
				subjectId: input.conferenceId,
				detail: { filename: input.filename, invited: ids.length }
			},
			actor.now
		);
		return { invited: ids.length };
	});
}

/** The template: the headers, one column each, in the order above. */
export async function invitationTemplate(): Promise<SheetDownload> {
	const bytes = await writeTable(
		{
			sheetName: '嘉宾邀请',
			headers: COLUMNS.map((c) => c.header),
			rows: [],
			widths: COLUMNS.map((c) => c.width),
			integers: new Set()
		},
		'xlsx'
	);
	return download(INVITATION_TEMPLATE_FILENAME, bytes);
}

/** Base64 of an upload, checked for size by the caller's schema. */
export const uploadBytes = (contentBase64: string) =>
	new Uint8Array(Buffer.from(contentBase64, 'base64'));
