import { asc } from 'drizzle-orm';
import { tables, type Db, type schema } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import {
	beijingTime,
	download,
	exportFilename,
	writeTable,
	type SheetDownload,
	type SheetFormat,
	type Table
} from '../spreadsheets/export.ts';
import { recordAudit } from './audit.ts';
import { answersOf, answerText, type Question } from './questions.ts';
import {
	questionsAt,
	registrationCondition,
	seesContacts,
	type RegistrationFilters
} from './registration-desk.ts';

export const REGISTRATION_EXPORT_HEADERS = [
	'报名编号',
	'大会',
	'类别',
	'姓名',
	'单位',
	'职务',
	'手机',
	'邮箱',
	'国家/地区',
	'语言',
	'状态',
	'报名时间',
	'审核时间',
	'取消时间'
] as const;

export const CATEGORY_LABELS: Record<schema.AttendeeCategory, string> = {
	visitor: '观众',
	delegate: '嘉宾',
	exhibitor: '展商',
	media: '媒体',
	vip: 'VIP'
};

const STATUS_LABELS: Record<schema.RegistrationStatus, string> = {
	pending: '待审核',
	pending_vetting: '待安保审查',
	confirmed: '已确认',
	rejected: '未通过',
	cancelled: '已取消'
};

type RegistrationRow = typeof schema.registrations.$inferSelect;

/**
 * One row per registration, contacts in full: the export is for admins only. Then one column
 * per question asked at the registrations' editions, the answer as people read it; a question
 * of another category stays empty. Across several editions a header names its edition.
 */
export function registrationTable(
	rows: RegistrationRow[],
	conferenceNames: Map<string, string>,
	questions: Question[] = [],
	answers: Map<number, Map<number, string>> = new Map()
): Table {
	const time = (d: Date | null) => (d ? beijingTime(d.toISOString()) : null);
	const severalEditions = new Set(questions.map((q) => q.conferenceId)).size > 1;
	const questionHeaders = questions.map((q) =>
		severalEditions
			? `${q.labelZh}（${conferenceNames.get(q.conferenceId) ?? q.conferenceId}）`
			: q.labelZh
	);
	return {
		sheetName: '报名名单',
		headers: [...REGISTRATION_EXPORT_HEADERS, ...questionHeaders],
		rows: rows.map((r) => [
			r.reference,
			conferenceNames.get(r.conferenceId) ?? r.conferenceId,
			CATEGORY_LABELS[r.category],
			r.name,
			r.organisation,
			r.title,
			r.mobile,
			r.email,
			r.country,
			r.language === 'en' ? 'English' : '中文',
			STATUS_LABELS[r.status],
			time(r.createdAt),
			time(r.decidedAt),
			time(r.cancelledAt),
			...questions.map((q) => {
				const value = answers.get(r.id)?.get(q.id);
				return value === undefined ? null : answerText(q, value);
			})
		]),
		widths: [14, 24, 8, 14, 28, 16, 16, 26, 10, 8, 8, 20, 20, 20, ...questions.map(() => 16)],
		integers: new Set()
	};
}

/**
 * The filtered registration list, every page of it, as .xlsx or .csv; audited. The audit entry
 * names the filters but not the search text, which may be part of someone's mobile number.
 */
export async function exportRegistrations(
	db: Db,
	input: Omit<RegistrationFilters, 'page' | 'pageSize'> & { format: SheetFormat },
	actor: { user: StaffUser; source: string; now: Date }
): Promise<SheetDownload> {
	// The search text and the answer looked for stay out of the audit entry: either may be
	// someone's personal detail.
	const { format, text, answer, ...filters } = input;
	const { conferences, registrations } = tables(db);
	const rows = await db
		.select()
		.from(registrations)
		.where(
			registrationCondition(
				db,
				{ ...filters, text, answer },
				seesContacts(actor.user) ? 'full' : 'masked'
			)
		)
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
	const names = new Map(
		(await db.select({ id: conferences.id, nameZh: conferences.nameZh }).from(conferences)).map(
			(c) => [c.id, c.nameZh]
		)
	);
	const questions = await questionsAt(
		db,
		rows.map((r) => r.conferenceId)
	);
	const answers = await answersOf(
		db,
		rows.map((r) => r.id)
	);
	const bytes = await writeTable(registrationTable(rows, names, questions, answers), format);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'registrations_exported',
			subjectType: 'registrations',
			detail: {
				format,
				rows: rows.length,
				filter: filters,
				searched: Boolean(text?.trim() || answer?.trim())
			}
		},
		actor.now
	);
	return download(exportFilename('报名名单', format, actor.now), bytes);
}
