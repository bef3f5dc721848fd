import { and, asc, count, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { containsText, tables, type Db, type DbOrTx, type schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { hasAnyRole, type StaffUser } from '../auth/roles.ts';
import { enqueueMessage } from '../mail/outbox.ts';
import { recordAudit } from './audit.ts';
import { mobileTailMatch } from './mobile-tail.ts';
import { answersOf, answerText, type Question } from './questions.ts';

/** `138****5678`, `z***@example.cn`: enough to recognise a person, not to contact them. */
export function maskMobile(mobile: string | null): string | null {
	if (!mobile) return null;
	const national = mobile.startsWith('+86') ? mobile.slice(3) : mobile;
	return national.length <= 7 ? '****' : `${national.slice(0, 3)}****${national.slice(-4)}`;
}

export function maskEmail(email: string | null): string | null {
	if (!email) return null;
	const [local = '', domain = ''] = email.split('@');
	return `${local.slice(0, 1)}***@${domain}`;
}

export interface RegistrationFilters {
	conferenceId?: string | undefined;
	category?: schema.AttendeeCategory | undefined;
	status?: schema.RegistrationStatus | undefined;
	/** Name, organisation, reference, or the last digits of the mobile. */
	text?: string | undefined;
	/** Admitted at any gate of the conference (a standing admission, not undone), or not. */
	checkedIn?: boolean | undefined;
	/** With `answer`: registrations that gave this answer to this question (a choice's key). */
	questionId?: number | undefined;
	answer?: string | undefined;
	page: number;
	pageSize: number;
}

/** Only admins see contact details in full; everyone else gets them masked. */
export const seesContacts = (user: StaffUser) => hasAnyRole(user, ['admin']);

/** Whether the person has a standing admission at any gate; the scans_standing_people index answers it. */
// Written out with table names: drizzle leaves columns unqualified in a one-table select, and
// inside the subquery an unqualified `id` would be the scan's.
const admitted = sql<number>`EXISTS (SELECT 1 FROM scans s WHERE s.conference_id = registrations.conference_id AND s.registration_id = registrations.id AND s.entry_key IS NOT NULL AND s.undone_by IS NULL)`;

/**
 * Gave `answer` to the question: the stored value itself, or one key of a multiple choice's
 * JSON array; without an answer, answered it at all.
 */
function answered(questionId: number, answer: string | undefined) {
	const value = answer?.trim().replace(/[%_\\"]/g, '');
	const match = value ? sql` AND (a.value = ${value} OR a.value LIKE ${`%"${value}"%`})` : sql``;
	return sql`EXISTS (SELECT 1 FROM registration_answers a WHERE a.registration_id = registrations.id AND a.question_id = ${questionId}${match})`;
}

/**
 * The list's filters as one SQL condition; the export uses the same, so it gives what is shown.
 * `sees` is how the caller sees mobiles: a masked caller's search matches a mobile tail of
 * exactly four digits, the ones the mask shows.
 */
export function registrationCondition(
	db: DbOrTx,
	filters: Omit<RegistrationFilters, 'page' | 'pageSize'>,
	sees: 'full' | 'masked'
) {
	const { registrations } = tables(db);
	const where: SQL[] = [];
	if (filters.conferenceId) where.push(eq(registrations.conferenceId, filters.conferenceId));
	if (filters.category) where.push(eq(registrations.category, filters.category));
	if (filters.status) where.push(eq(registrations.status, filters.status));
	const text = filters.text?.trim().replace(/[%_\\]/g, '');
	if (text) {
		// Only a number as people type one ("5678", "尾号5678", "+86 138-1234-5678") is a mobile
		// tail: the digits inside a ticket reference (WSC27-S53XPC → 2753) are not.
		const digits = /^(尾号)?[\d\s+()-]+$/.test(text) ? text.replace(/\D/g, '') : '';
		const matches = [
			containsText(db, registrations.name, text),
			containsText(db, registrations.organisation, text),
			eq(registrations.reference, text.toUpperCase())
		];
		// The tail of a mobile, as door staff ask for it ("尾号5678").
		const tail = mobileTailMatch(registrations.mobile, digits, sees);
		if (tail) matches.push(tail);
		where.push(or(...matches)!);
	}
	if (filters.checkedIn !== undefined)
		where.push(filters.checkedIn ? admitted : sql`NOT ${admitted}`);
	if (filters.questionId !== undefined) where.push(answered(filters.questionId, filters.answer));
	return where.length ? and(...where) : undefined;
}

export async function listRegistrations(db: Db, filters: RegistrationFilters, user: StaffUser) {
	const full = seesContacts(user);
	const { registrations } = tables(db);
	const condition = registrationCondition(db, filters, full ? 'full' : 'masked');
	const [counted] = await db.select({ n: count() }).from(registrations).where(condition);
	const total = counted?.n ?? 0;
	const page = await db
		.select({ r: registrations, checkedIn: admitted })
		.from(registrations)
		.where(condition)
		.orderBy(desc(registrations.createdAt), desc(registrations.id))
		.limit(filters.pageSize)
		.offset((filters.page - 1) * filters.pageSize);
	const answers = await readableAnswers(
		db,
		page.map(({ r }) => r)
	);
	const rows = page.map(({ r, checkedIn }) => ({
		id: r.id,
		conferenceId: r.conferenceId,
		category: r.category,
		name: r.name,
		organisation: r.organisation,
		title: r.title,
		mobile: full ? r.mobile : maskMobile(r.mobile),
		email: full ? r.email : maskEmail(r.email),
		country: r.country,
		status: r.status,
		reference: r.reference,
		checkedIn: Boolean(checkedIn),
		createdAt: r.createdAt.toISOString(),
		answers: answers.get(r.id) ?? []
	}));
	return { rows, total };
}

/** The questions asked at these registrations' editions, in the order the forms show them. */
export async function questionsAt(db: DbOrTx, conferenceIds: string[]): Promise<Question[]> {
	if (conferenceIds.length === 0) return [];
	const { registrationQuestions: q } = tables(db);
	return db
		.select()
		.from(q)
		.where(inArray(q.conferenceId, [...new Set(conferenceIds)]))
		.orderBy(asc(q.conferenceId), asc(q.category), asc(q.sortOrder), asc(q.id));
}

/** Each registration's answers as people read them, in both languages. */
async function readableAnswers(db: DbOrTx, rows: { id: number; conferenceId: string }[]) {
	const questions = new Map(
		(
			await questionsAt(
				db,
				rows.map((r) => r.conferenceId)
			)
		).map((q) => [q.id, q])
	);
	const stored = await answersOf(
		db,
		rows.map((r) => r.id)
	);
	const readable = new Map<
		number,
		{ questionId: number; labelZh: string; labelEn: string; textZh: string; textEn: string }[]
	>();
	for (const [registrationId, answers] of stored) {
		readable.set(
			registrationId,
			[...questions.values()]
				.filter((q) => answers.has(q.id))
				.map((q) => ({
					questionId: q.id,
					labelZh: q.labelZh,
					labelEn: q.labelEn,
					textZh: answerText(q, answers.get(q.id)!, 'zh'),
					textEn: answerText(q, answers.get(q.id)!, 'en')
				}))
		);
	}
	return readable;
}

type Decision = 'approve' | 'reject' | 'cancel';

const ALLOWED_FROM: Record<Decision, schema.RegistrationStatus[]> = {
	approve: ['pending'],
	reject: ['pending'],
	cancel: ['pending', 'pending_vetting', 'confirmed']
};
const RESULT: Record<Decision, schema.RegistrationStatus> = {
	approve: 'confirmed',
	reject: 'rejected',
	cancel: 'cancelled'
};

/** Approves or rejects a pending registration, or cancels one; audited. */
export async function decideRegistration(
	db: Db,
	input: { registrationId: number; decision: Decision },
	actor: { user: StaffUser; source: string; now: Date },
	options: { queueMail: boolean } = { queueMail: false }
): Promise<{ status: schema.RegistrationStatus; mailQueued: boolean }> {
	return db.transaction(async (tx) => {
		const { registrations } = tables(tx);
		const [row] = await tx
			.select()
			.from(registrations)
			.where(eq(registrations.id, input.registrationId));
		if (!row)
			throw new AppError(
				'NOT_FOUND',
				'registration_not_found',
				`no registration ${input.registrationId}`
			);
		if (!ALLOWED_FROM[input.decision].includes(row.status)) {
			throw new AppError('CONFLICT', 'registration_not_pending', `registration is ${row.status}`);
		}
		const status = RESULT[input.decision];
		await tx
			.update(registrations)
			.set({
				status,
				decidedAt: input.decision === 'cancel' ? row.decidedAt : actor.now,
				decidedBy: input.decision === 'cancel' ? row.decidedBy : actor.user.id,
				cancelledAt: input.decision === 'cancel' ? actor.now : row.cancelledAt
			})
			.where(
				and(
					eq(registrations.id, row.id),
					inArray(registrations.status, ALLOWED_FROM[input.decision])
				)
			);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: `registration_${input.decision === 'approve' ? 'approved' : input.decision === 'reject' ? 'rejected' : 'cancelled'}`,
				subjectType: 'registration',
				subjectId: row.id,
				detail: { reference: row.reference, before: row.status, after: status }
			},
			actor.now
		);
		// The attendee is told at once: approved, with the ticket they can now open; rejected, in
		// neutral words. A cancellation is the attendee's own or known to them.
		const kind =
			input.decision === 'approve'
				? ('registration_confirmed' as const)
				: input.decision === 'reject'
					? ('registration_declined' as const)
					: null;
		const mailQueued =
			options.queueMail &&
			kind !== null &&
			(await enqueueMessage(tx, { kind, registrationId: row.id }, row, actor.now)) > 0;
		return { status, mailQueued };
	});
}
