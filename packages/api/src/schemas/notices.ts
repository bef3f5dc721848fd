import { z } from 'zod';
import { schema } from '@huizhan/db';

/*
 * The notice form of the console and the tRPC procedures share these schemas. Messages are
 * stable codes the console translates. A form sends lists as repeated fields and the yes/no/any
 * choice as text; a script sends arrays: both arrive the same way.
 */

/** Longer than any SMS should be (a notice past 5 segments is a letter, not a notice). */
export const NOTICE_MAX_CHARS = 500;

const list = <T extends z.ZodType>(item: T) =>
	z
		.union([item, z.array(item)])
		.optional()
		.transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]));

const body = z
	.string({ error: 'required' })
	.trim()
	.min(1, { error: 'required' })
	.max(NOTICE_MAX_CHARS, { error: 'notice_too_long' });

/** Who receives a notice: confirmed registrants of one edition, narrowed by these. */
export const noticeAudienceInput = z.object({
	conferenceId: z.string({ error: 'required' }).trim().min(1, { error: 'required' }).max(64),
	categories: list(z.enum(schema.ATTENDEE_CATEGORIES, { error: 'notice_category' })).transform(
		(v) => [...new Set(v)].sort()
	),
	delegationIds: list(z.coerce.number().int().positive()).transform((v) =>
		[...new Set(v)].sort((a, b) => a - b)
	),
	checkedIn: z.enum(['yes', 'no', 'any']).default('any')
});
export type NoticeAudienceInput = z.output<typeof noticeAudienceInput>;

export const noticePreviewInput = noticeAudienceInput.extend({
	bodyZh: z.string().trim().max(NOTICE_MAX_CHARS, { error: 'notice_too_long' }).default(''),
	bodyEn: z.string().trim().max(NOTICE_MAX_CHARS, { error: 'notice_too_long' }).default('')
});
export type NoticePreviewInput = z.output<typeof noticePreviewInput>;

export const sendNoticeInput = noticeAudienceInput.extend({
	bodyZh: body,
	bodyEn: body,
	/** The confirmation form's one-time key: the same key sends once, however often pressed. */
	requestId: z
		.string({ error: 'notice_request' })
		.regex(/^[A-Za-z0-9_-]{16,64}$/, { error: 'notice_request' }),
	/** The count the admin confirmed ("send to 1,234 people?"); a different audience now is refused. */
	expectedRecipients: z.coerce.number().int().min(0)
});
export type SendNoticeInput = z.output<typeof sendNoticeInput>;

export const noticeListInput = z.object({
	conferenceId: z.string().trim().max(64).optional()
});
