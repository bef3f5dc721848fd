import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { tables, type Db, type DbOrTx, type schema } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { enqueueMessage } from '../mail/outbox.ts';
import { readSheet, SheetReadError, type CellValue } from '../spreadsheets/read.ts';
import {
	beijingTime,
	download,
	exportFilename,
	writeTable,
	type SheetDownload
} from '../spreadsheets/export.ts';
import type { SheetIssue } from '../spreadsheets/validate.ts';
import { cellText } from '../spreadsheets/validate.ts';
import { recordAudit } from './audit.ts';
import { admissionStatus, type AdmissionRoute } from './registrations.ts';

/*
 * 安保审查: the security office vets the registrants of a category that needs it. An admin
 * exports who waits, the office writes its verdict beside each name, and the admin imports the
 * sheet back: a dry run names every bad row, the commit applies the whole sheet or nothing.
 * Only the people cleared get a ticket; the refused are told neutrally that their registration
 * was not accepted, never why.
 */

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

/**
 * What the office needs to identify a person, and no more: no mobile, no email. The reference
 * is the key the import matches on; the verdict and a note are the office's to fill.
 */
export const VETTING_HEADERS = [
	'报名编号',
	'姓名',
	'单位',
	'职务',
	'国家/地区',
	'类别',
	'报名时间',
	'审查结论',
	'备注'
] as const;

const REFERENCE = '报名编号';
const VERDICT = '审查结论';

export type Verdict = 'cleared' | 'refused';

/** How the office may write a verdict; anything else is refused, never guessed. */
const VERDICT_WORDS: Record<string, Verdict> = {
	cleared: 'cleared',
	clear: 'cleared',
	通过: 'cleared',
	refused: 'refused',
	refuse: 'refused',
	不通过: 'refused',
	未通过: 'refused'
};

export function parseVerdict(cell: CellValue | undefined): Verdict | null | 'invalid' {
	const text = cellText(cell).replace(/\s+/gu, '').toLowerCase();
	if (text === '') return null;
	return VERDICT_WORDS[text] ?? 'invalid';
}

const CATEGORY_LABELS: Record<schema.AttendeeCategory, string> = {
	visitor: '观众',
	delegate: '嘉宾',
	exhibitor: '展商',
	media: '媒体',
	vip: 'VIP'
};

async function conferenceRow(db: DbOrTx, conferenceId: string) {
	const { conferences } = tables(db);
	const [row] = await db.select().from(conferences).where(eq(conferences.id, conferenceId));
	if (!row) throw new AppError('NOT_FOUND', 'edition_not_found', `no edition ${conferenceId}`);
	return row;
}

/** Who waits for the office's verdict at an edition, oldest first. */
export async function waitingForVetting(db: DbOrTx, conferenceId: string) {
	const { registrations } = tables(db);
	return db
		.select()
		.from(registrations)
		.where(
			and(eq(registrations.conferenceId, conferenceId), eq(registrations.status, 'pending_vetting'))
		)
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
}

/** The list for the security office, as .xlsx; audited with how many rows left the system. */
export async function exportVettingList(
	db: Db,
	conferenceId: string,
	actor: Actor
): Promise<SheetDownload> {
	const conference = await conferenceRow(db, conferenceId);
	const rows = await waitingForVetting(db, conferenceId);
	const bytes = await writeTable(
		{
			sheetName: '安保审查',
			headers: VETTING_HEADERS,
			rows: rows.map((r) => [
				r.reference,
				r.name,
				r.organisation,
				r.title,
				r.country,
				CATEGORY_LABELS[r.category],
				beijingTime(r.createdAt.toISOString()),
				null,
				null
			]),
			widths: [14, 14, 28, 16, 10, 8, 20, 12, 30],
			integers: new Set()
		},
		'xlsx'
	);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'vetting_exported',
			subjectType: 'conference',
			subjectId: conference.id,
			detail: { rows: rows.length }
		},
		actor.now
	);
	return download(exportFilename(`安保审查-${conference.id}`, 'xlsx', actor.now), bytes);
}

export interface VerdictRow {
	row: number;
	reference: string;
	name: string;
	verdict: Verdict;
	/** `unchanged`: an earlier import already gave this very verdict; nothing to do. */
	outcome: 'clear' | 'refuse' | 'unchanged';
}

export interface VerdictCheck {
	rows: VerdictRow[];
	/** Rows with no verdict yet: the office has not decided them; they stay waiting. */
	undecided: number;
	errors: SheetIssue[];
}

const VETTING_ACTIONS = { cleared: 'vetting_cleared', refused: 'vetting_refused' } as const;

/**
 * Checks a returned sheet against the registrations as they are now. Every bad row is named:
 * an unknown reference (or one of another edition), someone no longer waiting for vetting, a
 * verdict that is neither 通过 nor 不通过, a reference given twice. A person an earlier import
 * already decided the same way is `unchanged`, so importing a sheet twice changes nothing.
 */
async function checkVerdicts(
	db: DbOrTx,
	conferenceId: string,
	bytes: Uint8Array
): Promise<VerdictCheck> {
	const errors: SheetIssue[] = [];
	let sheet;
	try {
		sheet = await readSheet(bytes);
	} catch (e) {
		if (e instanceof SheetReadError)
			return { rows: [], undecided: 0, errors: [{ row: 0, column: '', code: e.code }] };
		throw e;
	}
	const referenceAt = sheet.headers.indexOf(REFERENCE);
	const verdictAt = sheet.headers.indexOf(VERDICT);
	for (const [at, header] of [
		[referenceAt, REFERENCE],
		[verdictAt, VERDICT]
	] as const) {
		if (at < 0) errors.push({ row: sheet.headerRow, column: header, code: 'column_missing' });
	}
	if (errors.length > 0) return { rows: [], undecided: 0, errors };

	const wanted = sheet.rows.map((r) => ({
		row: r.row,
		reference: cellText(r.cells[referenceAt]).toUpperCase(),
		verdict: parseVerdict(r.cells[verdictAt])
	}));
	const references = [...new Set(wanted.map((w) => w.reference).filter(Boolean))];
	const { auditLog, registrations } = tables(db);
	const found = new Map<string, typeof schema.registrations.$inferSelect>();
	for (let i = 0; i < references.length; i += 500) {
		const slice = references.slice(i, i + 500);
		const rows = await db
			.select()
			.from(registrations)
			.where(
				and(eq(registrations.conferenceId, conferenceId), inArray(registrations.reference, slice))
			);
		for (const r of rows) found.set(r.reference, r);
	}
	// The verdict each decided person got from an earlier import, the latest if several.
	const decided = [...found.values()].filter((r) => r.status !== 'pending_vetting');
	const earlier = new Map<string, Verdict>();
	for (let i = 0; i < decided.length; i += 500) {
		const slice = decided.slice(i, i + 500).map((r) => String(r.id));
		const entries = await db
			.select({ subjectId: auditLog.subjectId, action: auditLog.action })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.subjectType, 'registration'),
					inArray(auditLog.subjectId, slice),
					inArray(auditLog.action, Object.values(VETTING_ACTIONS))
				)
			)
			.orderBy(desc(auditLog.id));
		for (const e of entries) {
			if (e.subjectId && !earlier.has(e.subjectId))
				earlier.set(e.subjectId, e.action === 'vetting_cleared' ? 'cleared' : 'refused');
		}
	}

	const rows: VerdictRow[] = [];
	const seen = new Map<string, number>();
	let undecided = 0;
	for (const w of wanted) {
		const refuse = (column: string, code: string, detail?: string) =>
			errors.push({ row: w.row, column, code, ...(detail ? { detail } : {}) });
		if (!w.reference) {
			refuse(REFERENCE, 'reference_missing');
			continue;
		}
		const twice = seen.get(w.reference);
		if (twice !== undefined) {
			refuse(REFERENCE, 'reference_twice', String(twice));
			continue;
		}
		seen.set(w.reference, w.row);
		const registration = found.get(w.reference);
		if (!registration) {
			refuse(REFERENCE, 'reference_unknown');
			continue;
		}
		if (w.verdict === 'invalid') {
			refuse(VERDICT, 'verdict_unknown');
			continue;
		}
		if (w.verdict === null) {
			undecided++;
			continue;
		}
		const base = {
			row: w.row,
			reference: w.reference,
			name: registration.name,
			verdict: w.verdict
		};
		if (registration.status === 'pending_vetting') {
			rows.push({ ...base, outcome: w.verdict === 'cleared' ? 'clear' : 'refuse' });
			continue;
		}
		const before = earlier.get(String(registration.id));
		if (before === w.verdict) rows.push({ ...base, outcome: 'unchanged' });
		else if (before) refuse(VERDICT, 'verdict_already_given', before);
		else refuse(REFERENCE, 'not_pending_vetting', registration.status);
	}
	return { rows, undecided, errors };
}

/** The dry run: what the sheet would do, or every bad row. Nothing changes; audited. */
export async function previewVerdicts(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array },
	actor: Actor
): Promise<VerdictCheck> {
	await conferenceRow(db, input.conferenceId);
	const checked = await checkVerdicts(db, input.conferenceId, input.bytes);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'vetting_previewed',
			subjectType: 'conference',
			subjectId: input.conferenceId,
			detail: { filename: input.filename.slice(0, 255), ...summaryOf(checked) }
		},
		actor.now
	);
	return checked;
}

const summaryOf = (checked: VerdictCheck) => ({
	cleared: checked.rows.filter((r) => r.outcome === 'clear').length,
	refused: checked.rows.filter((r) => r.outcome === 'refuse').length,
	unchanged: checked.rows.filter((r) => r.outcome === 'unchanged').length,
	undecided: checked.undecided,
	errors: checked.errors.length
});

/** How a registration came in, which decides whether staff approval still follows vetting. */
async function routeOf(
	tx: DbOrTx,
	registration: { id: number; delegationId: number | null }
): Promise<AdmissionRoute> {
	if (registration.delegationId !== null) return 'delegation';
	const { invitations } = tables(tx);
	const [invited] = await tx
		.select({ id: invitations.id })
		.from(invitations)
		.where(eq(invitations.registrationId, registration.id))
		.limit(1);
	return invited ? 'invitation' : 'open';
}

/**
 * Applies a returned sheet in one transaction, checked again inside it: with any bad row,
 * nothing changes and the rows are named as in the preview. A cleared person's registration
 * goes where it would have started without vetting (`admissionStatus`): confirmed with a
 * ticket, or `pending` when it came through the open form to a category that also needs staff
 * approval (vetting clears a person, it does not choose them). A refused one is `rejected`.
 * Each person's change is audited, the import as a whole too, and each is told.
 */
export async function commitVerdicts(
	db: Db,
	input: { conferenceId: string; filename: string; bytes: Uint8Array },
	actor: Actor
): Promise<VerdictCheck & { committed: boolean; messages: number }> {
	await conferenceRow(db, input.conferenceId);
	return db.transaction(async (tx) => {
		const checked = await checkVerdicts(tx, input.conferenceId, input.bytes);
		if (checked.errors.length > 0) return { ...checked, committed: false, messages: 0 };
		const { conferenceCategories, registrations } = tables(tx);
		const categories = await tx
			.select()
			.from(conferenceCategories)
			.where(eq(conferenceCategories.conferenceId, input.conferenceId));
		let messages = 0;
		for (const row of checked.rows) {
			if (row.outcome === 'unchanged') continue;
			const [registration] = await tx
				.select()
				.from(registrations)
				.where(eq(registrations.reference, row.reference));
			if (!registration) throw new Error(`registration ${row.reference} vanished`);
			const category = categories.find((c) => c.category === registration.category);
			const status: schema.RegistrationStatus =
				row.outcome === 'refuse'
					? 'rejected'
					: admissionStatus(
							{ needsApproval: category?.needsApproval ?? false, needsVetting: false },
							await routeOf(tx, registration)
						);
			const updated = await tx
				.update(registrations)
				.set({ status, decidedAt: actor.now, decidedBy: actor.user.id })
				.where(
					and(eq(registrations.id, registration.id), eq(registrations.status, 'pending_vetting'))
				)
				.returning({ id: registrations.id });
			if (updated.length !== 1) throw new Error(`registration ${row.reference} changed meanwhile`);
			await recordAudit(
				tx,
				{
					actor: actor.user,
					source: actor.source,
					action: VETTING_ACTIONS[row.verdict],
					subjectType: 'registration',
					subjectId: registration.id,
					detail: { reference: registration.reference, before: 'pending_vetting', after: status }
				},
				actor.now
			);
			// A person cleared into staff approval hears when that is decided, not now.
			if (status === 'pending') continue;
			messages += await enqueueMessage(
				tx,
				{
					kind: status === 'confirmed' ? 'registration_confirmed' : 'registration_declined',
					registrationId: registration.id
				},
				{ email: registration.email, mobile: registration.mobile },
				actor.now,
				{ onceKey: `vetting:${registration.id}` }
			);
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'vetting_imported',
				subjectType: 'conference',
				subjectId: input.conferenceId,
				detail: { filename: input.filename.slice(0, 255), ...summaryOf(checked) }
			},
			actor.now
		);
		return { ...checked, committed: true, messages };
	});
}
