import { sql } from 'drizzle-orm';
import { check, index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { ATTENDEE_CATEGORIES } from '@huizhan/ledger/checkin';
import { createdAt, inList, timestamp } from './columns.ts';
import { conferences } from './conferences.ts';
import { registrations } from './registrations.ts';

/** 文本, 单选, 多选, 是/否, 日期. */
export const QUESTION_KINDS = ['text', 'single', 'multiple', 'yes_no', 'date'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** One choice of a single- or multiple-choice question; `key` is what an answer stores. */
export interface QuestionOption {
	key: string;
	zh: string;
	en: string;
}

/**
 * A question an edition asks the registrants of one category (职务级别, 是否需要住宿, 接站航班,
 * 饮食禁忌 …). A question that has answers is retired rather than deleted, so the answers keep
 * their meaning in the desk and the exports.
 */
export const registrationQuestions = sqliteTable(
	'registration_questions',
	{
		id: integer().primaryKey({ autoIncrement: true }),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		kind: text({ enum: QUESTION_KINDS }).notNull(),
		labelZh: text().notNull(),
		labelEn: text().notNull(),
		/** The choices of `single` and `multiple`; null for the other kinds. */
		options: text({ mode: 'json' }).$type<QuestionOption[]>(),
		required: integer({ mode: 'boolean' }).notNull().default(false),
		sortOrder: integer().notNull().default(0),
		createdAt: createdAt(),
		retiredAt: timestamp()
	},
	(t) => [
		index('registration_questions_conference').on(t.conferenceId, t.category),
		check('registration_questions_kind', inList('kind', QUESTION_KINDS)),
		check('registration_questions_category', inList('category', ATTENDEE_CATEGORIES)),
		check(
			'registration_questions_options',
			sql`(${t.kind} IN ('single', 'multiple')) = (${t.options} IS NOT NULL)`
		)
	]
);

/**
 * A registrant's answer. `value` is the text, the option key, `yes`/`no`, a `YYYY-MM-DD` date,
 * or for `multiple` the chosen keys as a JSON array.
 */
export const registrationAnswers = sqliteTable(
	'registration_answers',
	{
		registrationId: integer()
			.notNull()
			.references(() => registrations.id),
		questionId: integer()
			.notNull()
			.references(() => registrationQuestions.id),
		value: text().notNull()
	},
	(t) => [
		primaryKey({ columns: [t.registrationId, t.questionId] }),
		index('registration_answers_question').on(t.questionId, t.value)
	]
);
