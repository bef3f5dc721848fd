import { z } from 'zod';
import { schema } from '@huizhan/db';
import { editionId } from './editions.ts';

/*
 * The settings page's question form and the tRPC procedures share these schemas. Messages are
 * stable codes the console translates.
 */

const label = (max: number) =>
	z
		.string({ error: 'required' })
		.trim()
		.min(1, { error: 'required' })
		.max(max, { error: 'too_long' });

const option = z.object({
	/** What an answer stores: short, stable, safe inside a JSON array and a LIKE pattern. */
	key: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^[a-z0-9][a-z0-9_-]{0,31}$/, { error: 'option_key_format' }),
	zh: label(60),
	en: label(100)
});

/** A question's own settings, without its edition: the form's fields and an edition file's entry. */
const questionFields = z.object({
	category: z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_unknown' }),
	kind: z.enum(schema.QUESTION_KINDS, { error: 'question_kind_unknown' }),
	labelZh: label(100),
	labelEn: label(200),
	options: z.array(option).max(30).nullish(),
	required: z.boolean().default(false),
	sortOrder: z.coerce.number().int().min(0).max(99).default(0)
});

/** A choice question has two or more options with distinct keys; the other kinds have none. */
function withOptions<T extends z.output<typeof questionFields>>(input: T, ctx: z.RefinementCtx) {
	const choice = input.kind === 'single' || input.kind === 'multiple';
	const options = choice ? (input.options ?? []) : null;
	if (choice && (options?.length ?? 0) < 2) {
		ctx.addIssue({ code: 'custom', message: 'options_too_few', path: ['options'] });
		return z.NEVER;
	}
	if (options && new Set(options.map((o) => o.key)).size !== options.length) {
		ctx.addIssue({ code: 'custom', message: 'option_key_twice', path: ['options'] });
		return z.NEVER;
	}
	return { ...input, options };
}

export const questionInput = questionFields
	.extend({ conferenceId: editionId })
	.transform(withOptions);

/** A question as an edition file carries it (`huizhan conference export|import`). */
export const questionSettings = questionFields.transform(withOptions);

export type QuestionInput = z.output<typeof questionInput>;

export const questionUpdateInput = z
	.object({ id: z.coerce.number().int().positive() })
	.and(questionInput);

export const questionIdInput = z.object({ id: z.coerce.number().int().positive() });
export const questionsOfInput = z.object({ conferenceId: editionId });
