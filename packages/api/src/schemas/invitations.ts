import { z } from 'zod';
import { schema } from '@huizhan/db';
import { answers, phoneOf } from './registrations.ts';
import { text } from './text.ts';

/*
 * The invitation commands' schemas, shared by the console's form actions, the attendee site's
 * invitation page and the tRPC procedures. Messages are stable codes the apps translate.
 */

const conferenceId = z.string().trim().min(1).max(64);
const country = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z]{2}$/, { error: 'country_format' })
	.default('CN');

/** One invitee, typed by an admin. Mobile or email, at least one: the link is bound to it. */
export const inviteInput = z
	.object({
		conferenceId,
		category: z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_required' }),
		name: text(100),
		organisation: text(200),
		title: z.string().trim().max(100, { error: 'too_long' }).default(''),
		mobile: z.string().trim().max(32, { error: 'mobile_invalid' }).default(''),
		email: z.string().trim().toLowerCase().max(200, { error: 'too_long' }).default(''),
		country,
		language: z.enum(['zh-CN', 'en']).default('zh-CN'),
		/** The last day (Beijing) the link can be answered; the edition's last day when empty. */
		expiresOn: z
			.string()
			.trim()
			.regex(/^(\d{4}-\d{2}-\d{2})?$/, { error: 'date_format' })
			.default('')
	})
	.check(
		z.superRefine(
			(input: { mobile?: unknown; email?: unknown; country?: unknown }, ctx) => {
				const issue = contactIssue(input.mobile, input.email, input.country);
				if (issue) ctx.addIssue({ code: 'custom', message: issue.code, path: [issue.field] });
			},
			{ when: () => true }
		)
	)
	.transform((input) => ({
		...input,
		mobile: input.mobile ? (phoneOf(input.mobile, input.country) ?? null) : null,
		email: input.email || null,
		expiresOn: input.expiresOn || null
	}));

export type InviteInput = z.output<typeof inviteInput>;

/** What is wrong with a pair of contact details, if anything: the field and a stable code. */
export function contactIssue(
	mobile: unknown,
	email: unknown,
	country: unknown
): { field: 'mobile' | 'email'; code: string } | null {
	const m = typeof mobile === 'string' ? mobile : '';
	const e = typeof email === 'string' ? email : '';
	if (m && !phoneOf(m, country)) return { field: 'mobile', code: 'mobile_invalid' };
	if (e && !z.email().safeParse(e).success) return { field: 'email', code: 'email_invalid' };
	if (!m && !e) return { field: 'mobile', code: 'contact_required' };
	return null;
}

/** An invitation's personal link carries 128 random bits, base64url. */
export const invitationSecret = z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'not_found' });

/** Accepting: the invitee may correct how their name and post are printed, not the contact. */
export const acceptInvitationInput = z.object({
	secret: invitationSecret,
	name: text(100),
	organisation: text(200),
	title: z.string().trim().max(100, { error: 'too_long' }).default(''),
	/** The invited category's questions, asked as on the open form. */
	answers,
	/** The privacy notice was read and agreed to (个人信息保护). */
	consent: z.literal(true, { error: 'consent_required' })
});
export type AcceptInvitationInput = z.output<typeof acceptInvitationInput>;

export const invitationFilterInput = z.object({
	conferenceId,
	status: z.enum([...schema.INVITATION_STATUSES, 'expired']).optional(),
	category: z.enum(schema.ATTENDEE_CATEGORIES).optional()
});

export const invitationImportInput = z.object({
	conferenceId,
	filename: z.string().trim().min(1).max(255),
	contentBase64: z.string()
});
