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
import {
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

/** One row per registration, contacts in full: the export is for admins only. */
export function registrationTable(
	rows: RegistrationRow[],
	conferenceNames: Map<string, string>
): Table {
	const time = (d: Date | null) => (d ? beijingTime(d.toISOString()) : null);
	return {
		sheetName: '报名名单',
		headers: REGISTRATION_EXPORT_HEADERS,
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
			time(r.cancelledAt)
		]),
		widths: [14, 24, 8, 14, 28, 16, 16, 26, 10, 8, 8, 20, 20, 20],
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
	const { format, text, ...filters } = input;
	const { conferences, registrations } = tables(db);
	const rows = await db
		.select()
		.from(registrations)
		.where(
			registrationCondition(db, { ...filters, text }, seesContacts(actor.user) ? 'full' : 'masked')
		)
		.orderBy(asc(registrations.createdAt), asc(registrations.id));
	const names = new Map(
		(await db.select({ id: conferences.id, nameZh: conferences.nameZh }).from(conferences)).map(
			(c) => [c.id, c.nameZh]
		)
	);
	const bytes = await writeTable(registrationTable(rows, names), format);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'registrations_exported',
			subjectType: 'registrations',
			detail: { format, rows: rows.length, filter: filters, searched: Boolean(text?.trim()) }
		},
		actor.now
	);
	return download(exportFilename('报名名单', format, actor.now), bytes);
}
