import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	json,
	pgTable,
	primaryKey,
	text
} from 'drizzle-orm/pg-core';
import { QUESTION_KINDS, type QuestionOption } from '../schema/questions.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { ATTENDEE_CATEGORIES, conferences } from './conferences.ts';
import { registrations } from './registrations.ts';

export { QUESTION_KINDS, type QuestionKind, type QuestionOption } from '../schema/questions.ts';

/** A question an edition asks one category's registrants; see the SQLite schema. */
export const registrationQuestions = pgTable(
	'registration_questions',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id, { onDelete: 'cascade' }),
		category: text({ enum: ATTENDEE_CATEGORIES }).notNull(),
		kind: text({ enum: QUESTION_KINDS }).notNull(),
		labelZh: text().notNull(),
		labelEn: text().notNull(),
		options: json().$type<QuestionOption[]>(),
		required: boolean().notNull().default(false),
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

/** A registrant's answer; see the SQLite schema. */
export const registrationAnswers = pgTable(
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
