import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { schema, tables, type Db, type DbOrTx } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import type { QuestionInput } from '../schemas/questions.ts';
import { recordAudit } from './audit.ts';

/*
 * The questions an edition asks one category's registrants (职务级别, 是否需要住宿, 接站航班,
 * 饮食禁忌 …), and the one check of their answers that every way in calls: the open form, an
 * invitation, a delegation's member list.
 */

export type Question = typeof schema.registrationQuestions.$inferSelect;

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

/** How a form names the input of a question: `q12`. */
export const answerField = (questionId: number) => `q${questionId}`;

/** The longest text answer. */
export const MAX_TEXT_ANSWER = 500;

export type AnswerProblem =
	| 'answer_required'
	| 'answer_too_long'
	| 'answer_option_unknown'
	| 'answer_yes_no'
	| 'answer_date_format';

export type AnswerCheck =
	| { ok: true; answers: { questionId: number; value: string }[] }
	| { ok: false; fieldErrors: Record<string, AnswerProblem[]> };

const isDate = (v: string) =>
	/^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

/** What was sent for one question, as a list of non-empty strings. */
function given(raw: unknown): string[] {
	const list = Array.isArray(raw) ? raw : raw === undefined || raw === null ? [] : [raw];
	return list.map((v) => (typeof v === 'string' ? v.trim() : String(v))).filter((v) => v !== '');
}

/**
 * Checks the answers sent for `questions` (the active questions of the registrant's category),
 * keyed by `answerField(id)`; anything sent for another question is ignored. Each answer comes
 * back as it is stored: the text, an option key, `yes`/`no`, a `YYYY-MM-DD` date, or for
 * `multiple` the chosen keys as a JSON array in the options' order. An optional question left
 * empty stores nothing.
 */
export function validateAnswers(
	questions: readonly Question[],
	raw: Record<string, unknown>
): AnswerCheck {
	const answers: { questionId: number; value: string }[] = [];
	const fieldErrors: Record<string, AnswerProblem[]> = {};
	for (const question of questions) {
		if (question.retiredAt !== null) continue;
		const field = answerField(question.id);
		const values = given(raw[field]);
		const refuse = (problem: AnswerProblem) => {
			fieldErrors[field] = [problem];
		};
		if (values.length === 0) {
			if (question.required) refuse('answer_required');
			continue;
		}
		const keys = (question.options ?? []).map((o) => o.key);
		switch (question.kind) {
			case 'text': {
				const text = values.join(' ');
				if (text.length > MAX_TEXT_ANSWER) refuse('answer_too_long');
				else answers.push({ questionId: question.id, value: text });
				break;
			}
			case 'single':
				if (values.length !== 1 || !keys.includes(values[0]!)) refuse('answer_option_unknown');
				else answers.push({ questionId: question.id, value: values[0]! });
				break;
			case 'multiple':
				if (values.some((v) => !keys.includes(v))) refuse('answer_option_unknown');
				else
					answers.push({
						questionId: question.id,
						value: JSON.stringify(keys.filter((k) => values.includes(k)))
					});
				break;
			case 'yes_no':
				if (values.length !== 1 || !['yes', 'no'].includes(values[0]!)) refuse('answer_yes_no');
				else answers.push({ questionId: question.id, value: values[0]! });
				break;
			case 'date':
				if (values.length !== 1 || !isDate(values[0]!)) refuse('answer_date_format');
				else answers.push({ questionId: question.id, value: values[0]! });
				break;
		}
	}
	return Object.keys(fieldErrors).length > 0 ? { ok: false, fieldErrors } : { ok: true, answers };
}

/** The questions a category's registrants answer now, in the order the admin set. */
export async function activeQuestions(
	db: DbOrTx,
	conferenceId: string,
	category?: schema.AttendeeCategory
): Promise<Question[]> {
	const { registrationQuestions: q } = tables(db);
	return db
		.select()
		.from(q)
		.where(
			and(
				eq(q.conferenceId, conferenceId),
				category === undefined ? undefined : eq(q.category, category),
				isNull(q.retiredAt)
			)
		)
		.orderBy(asc(q.category), asc(q.sortOrder), asc(q.id));
}

/**
 * The answers of a registrant of `category`, checked against its active questions in the
 * caller's transaction; refuses, naming each bad answer, when any is wrong.
 */
export async function checkedAnswers(
	tx: DbOrTx,
	conferenceId: string,
	category: schema.AttendeeCategory,
	raw: Record<string, unknown>
): Promise<{ questionId: number; value: string }[]> {
	const checked = validateAnswers(await activeQuestions(tx, conferenceId, category), raw);
	if (!checked.ok) throw answersInvalid(checked.fieldErrors);
	return checked.answers;
}

/** Stores checked answers of a registration, in the transaction that stores the registration. */
export async function saveAnswers(
	tx: DbOrTx,
	registrationId: number,
	answers: { questionId: number; value: string }[]
): Promise<void> {
	if (answers.length === 0) return;
	await tx
		.insert(tables(tx).registrationAnswers)
		.values(answers.map((a) => ({ ...a, registrationId })));
}

/** The refusal of bad answers: `fieldErrors` by form field, as the forms show them. */
export const answersInvalid = (fieldErrors: Record<string, string[]>) =>
	new AppError('BAD_REQUEST', 'answers_invalid', 'some answers are missing or invalid', {
		fieldErrors
	});

/** An edition's questions for the settings page: retired ones too, with how many answered. */
export async function listQuestions(db: Db, conferenceId: string) {
	const { registrationAnswers: a, registrationQuestions: q } = tables(db);
	const counts = await db
		.select({ questionId: a.questionId, n: count() })
		.from(a)
		.innerJoin(q, eq(q.id, a.questionId))
		.where(eq(q.conferenceId, conferenceId))
		.groupBy(a.questionId);
	const answered = new Map(counts.map((c) => [c.questionId, c.n]));
	const rows = await db
		.select()
		.from(q)
		.where(eq(q.conferenceId, conferenceId))
		.orderBy(asc(q.category), asc(q.sortOrder), asc(q.id));
	return rows.map((row) => ({
		...publicQuestion(row),
		createdAt: row.createdAt.toISOString(),
		retiredAt: row.retiredAt?.toISOString() ?? null,
		answers: answered.get(row.id) ?? 0
	}));
}

/** What the registration form needs of a question. */
export const publicQuestion = (row: Question) => ({
	id: row.id,
	category: row.category,
	kind: row.kind,
	labelZh: row.labelZh,
	labelEn: row.labelEn,
	options: row.options,
	required: row.required,
	sortOrder: row.sortOrder
});

async function questionRow(db: DbOrTx, id: number): Promise<Question> {
	const { registrationQuestions: q } = tables(db);
	const [row] = await db.select().from(q).where(eq(q.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'question_not_found', `no question ${id}`);
	return row;
}

export async function createQuestion(db: Db, input: QuestionInput, actor: Actor) {
	return db.transaction(async (tx) => {
		const { conferenceCategories: c, registrationQuestions: q } = tables(tx);
		const [category] = await tx
			.select({ id: c.id })
			.from(c)
			.where(and(eq(c.conferenceId, input.conferenceId), eq(c.category, input.category)));
		if (!category) {
			throw new AppError(
				'NOT_FOUND',
				'category_not_offered',
				`${input.conferenceId} has no ${input.category} category`,
				{ field: 'category' }
			);
		}
		const [row] = await tx
			.insert(q)
			.values({ ...input, createdAt: actor.now })
			.returning();
		if (!row) throw new Error('the question was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'question_created',
				subjectType: 'conference',
				subjectId: input.conferenceId,
				detail: { questionId: row.id, category: row.category, kind: row.kind }
			},
			actor.now
		);
		return publicQuestion(row);
	});
}

/**
 * Changes a question's wording, options, order and whether it is required. Its kind and
 * category stay (answers given keep their meaning), and an option that has been chosen cannot
 * be removed.
 */
export async function updateQuestion(db: Db, input: QuestionInput & { id: number }, actor: Actor) {
	return db.transaction(async (tx) => {
		const { registrationAnswers: a, registrationQuestions: q } = tables(tx);
		const before = await questionRow(tx, input.id);
		if (
			before.conferenceId !== input.conferenceId ||
			before.category !== input.category ||
			before.kind !== input.kind
		) {
			throw new AppError(
				'CONFLICT',
				'question_kind_fixed',
				'a question keeps its edition, category and kind',
				{ field: 'kind' }
			);
		}
		const removed = (before.options ?? [])
			.map((o) => o.key)
			.filter((key) => !(input.options ?? []).some((o) => o.key === key));
		if (removed.length > 0) {
			const values = await tx.select({ value: a.value }).from(a).where(eq(a.questionId, before.id));
			const chosen = removed.filter((key) =>
				values.some((v) => v.value === key || v.value.includes(JSON.stringify(key)))
			);
			if (chosen.length > 0) {
				throw new AppError(
					'CONFLICT',
					'option_answered',
					`options chosen by registrants cannot be removed: ${chosen.join(', ')}`,
					{ field: 'options' }
				);
			}
		}
		const [row] = await tx
			.update(q)
			.set({
				labelZh: input.labelZh,
				labelEn: input.labelEn,
				options: input.options,
				required: input.required,
				sortOrder: input.sortOrder
			})
			.where(eq(q.id, input.id))
			.returning();
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'question_updated',
				subjectType: 'conference',
				subjectId: before.conferenceId,
				detail: { questionId: before.id, required: input.required }
			},
			actor.now
		);
		return publicQuestion(row!);
	});
}

/**
 * Takes a question off the form. One nobody has answered is deleted; one with answers is
 * retired, so the answers keep their meaning in the desk and the exports.
 */
export async function removeQuestion(
	db: Db,
	id: number,
	actor: Actor
): Promise<{ removed: 'deleted' | 'retired' }> {
	return db.transaction(async (tx) => {
		const { registrationAnswers: a, registrationQuestions: q } = tables(tx);
		const before = await questionRow(tx, id);
		const [answered] = await tx.select({ n: count() }).from(a).where(eq(a.questionId, id));
		const removed = (answered?.n ?? 0) > 0 ? 'retired' : 'deleted';
		if (removed === 'deleted') await tx.delete(q).where(eq(q.id, id));
		else if (before.retiredAt === null)
			await tx.update(q).set({ retiredAt: actor.now }).where(eq(q.id, id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: removed === 'deleted' ? 'question_deleted' : 'question_retired',
				subjectType: 'conference',
				subjectId: before.conferenceId,
				detail: { questionId: id, answers: answered?.n ?? 0 }
			},
			actor.now
		);
		return { removed };
	});
}

/** Each registration's answers, by registration id then question id. */
export async function answersOf(
	db: DbOrTx,
	registrationIds: number[]
): Promise<Map<number, Map<number, string>>> {
	const byRegistration = new Map<number, Map<number, string>>();
	if (registrationIds.length === 0) return byRegistration;
	const { registrationAnswers: a } = tables(db);
	const rows = [];
	// In slices: an export's thousands of ids would pass SQLite's limit of bound parameters.
	for (let i = 0; i < registrationIds.length; i += 500) {
		const slice = registrationIds.slice(i, i + 500);
		rows.push(...(await db.select().from(a).where(inArray(a.registrationId, slice))));
	}
	for (const row of rows) {
		const answers = byRegistration.get(row.registrationId) ?? new Map<number, string>();
		answers.set(row.questionId, row.value);
		byRegistration.set(row.registrationId, answers);
	}
	return byRegistration;
}

/** An answer as a person reads it, in Chinese (exports) or English. */
export function answerText(
	question: Pick<Question, 'kind' | 'options'>,
	value: string,
	language: 'zh' | 'en' = 'zh'
): string {
	const label = (key: string) => {
		const option = question.options?.find((o) => o.key === key);
		return option ? option[language] : key;
	};
	switch (question.kind) {
		case 'single':
			return label(value);
		case 'multiple': {
			let keys: unknown;
			try {
				keys = JSON.parse(value);
			} catch {
				return value;
			}
			return Array.isArray(keys)
				? keys.map((k) => label(String(k))).join(language === 'zh' ? '、' : ', ')
				: value;
		}
		case 'yes_no':
			return value === 'yes' ? (language === 'zh' ? '是' : 'Yes') : language === 'zh' ? '否' : 'No';
		default:
			return value;
	}
}
