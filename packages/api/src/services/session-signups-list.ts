import { schema, type Db } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import {
	beijingTime,
	download,
	exportFilename,
	writeTable,
	type SheetDownload,
	type SheetFormat,
	type Table
} from '../spreadsheets/export.ts';
import { sessionById, type AgendaSession } from './agenda.ts';
import { recordAudit } from './audit.ts';
import { maskEmail, maskMobile } from './registration-desk.ts';
import { CATEGORY_LABELS } from './registration-export.ts';
import { signupRegistrations } from './session-signups.ts';

/*
 * A session's sign-ups for the console: who is expected in the room (名单). Only registrations
 * that hold a seat are listed, the same ones the session's count holds.
 */

export interface SignupListRow {
	registrationId: number;
	reference: string;
	name: string;
	organisation: string;
	category: schema.AttendeeCategory;
	status: schema.RegistrationStatus;
	signedUpAt: Date;
	/** Masked: a forum's list is for seating, not for calling people. */
	mobile: string | null;
	email: string | null;
}

const holdsSeat = (status: schema.RegistrationStatus) =>
	(schema.SEAT_HOLDING_STATUSES as readonly string[]).includes(status);

async function requireSession(db: Db, sessionId: number): Promise<AgendaSession> {
	const session = await sessionById(db, sessionId);
	if (!session) throw new AppError('NOT_FOUND', 'session_not_found', `no session ${sessionId}`);
	return session;
}

async function seatedSignups(db: Db, sessionId: number) {
	return (await signupRegistrations(db, sessionId)).filter((s) => holdsSeat(s.registration.status));
}

/** The session and who signed up for it, earliest first, contacts masked. */
export async function listSessionSignups(
	db: Db,
	sessionId: number
): Promise<{ session: AgendaSession; signups: SignupListRow[] }> {
	const session = await requireSession(db, sessionId);
	const signups = (await seatedSignups(db, sessionId)).map(({ signedUpAt, registration: r }) => ({
		registrationId: r.id,
		reference: r.reference,
		name: r.name,
		organisation: r.organisation,
		category: r.category,
		status: r.status,
		signedUpAt,
		mobile: maskMobile(r.mobile),
		email: maskEmail(r.email)
	}));
	return { session, signups };
}

export const SIGNUP_EXPORT_HEADERS = [
	'报名编号',
	'姓名',
	'单位',
	'职务',
	'类别',
	'手机',
	'邮箱',
	'报名时间'
] as const;

/**
 * The export is the organiser's seating and notice list: contacts in full, as the registration
 * export gives them to admins, and audited like it.
 */
export async function exportSessionSignups(
	db: Db,
	input: { sessionId: number; format: SheetFormat },
	actor: { user: StaffUser; source: string; now: Date }
): Promise<SheetDownload> {
	const session = await requireSession(db, input.sessionId);
	const rows = await seatedSignups(db, input.sessionId);
	const table: Table = {
		sheetName: '论坛报名',
		headers: SIGNUP_EXPORT_HEADERS,
		rows: rows.map(({ signedUpAt, registration: r }) => [
			r.reference,
			r.name,
			r.organisation,
			r.title,
			CATEGORY_LABELS[r.category],
			r.mobile,
			r.email,
			beijingTime(signedUpAt.toISOString())
		]),
		widths: [14, 14, 28, 16, 8, 16, 26, 20],
		integers: new Set()
	};
	const bytes = await writeTable(table, input.format);
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action: 'session_signups_exported',
			subjectType: 'agenda_session',
			subjectId: session.id,
			detail: { format: input.format, rows: rows.length }
		},
		actor.now
	);
	return download(exportFilename(`论坛报名-${session.id}`, input.format, actor.now), bytes);
}
