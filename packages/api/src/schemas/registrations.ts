import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { z } from 'zod';
import { schema } from '@huizhan/db';
import { text } from './text.ts';

/*
 * The registration form's one schema, shared by the attendee site's form action and the tRPC
 * procedure. Messages are stable codes the attendee app translates, shown beside each field.
 */

/** Country or region, ISO 3166-1 alpha-2; mainland China unless the attendee says otherwise. */
const country = z
	.string()
	.trim()
	.toUpperCase()
	.regex(/^[A-Z]{2}$/, { error: 'country_format' })
	.default('CN');

/**
 * Answers to the category's questions by form field (`q12`); a multiple choice as a list.
 * Checked against the questions by `validateAnswers` when the registration is stored.
 */
export const answers = z
	.record(
		z.string().regex(/^q\d{1,9}$/),
		z.union([z.string().max(600), z.array(z.string().max(100)).max(30)])
	)
	.default({});

export const registerInput = z
	.object({
		conferenceId: z.string().trim().min(1).max(64),
		category: z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_required' }),
		name: text(100),
		organisation: text(200),
		title: z.string().trim().max(100, { error: 'too_long' }).default(''),
		mobile: z.string().trim().max(32, { error: 'mobile_invalid' }).default(''),
		email: z.string().trim().toLowerCase().max(200, { error: 'too_long' }).default(''),
		country,
		language: z.enum(['zh-CN', 'en']).default('zh-CN'),
		answers,
		/** Sessions ticked on the form (分论坛报名), signed up for in the registration's own write. */
		sessions: z.array(z.coerce.number().int().positive()).max(50).default([]),
		/** The privacy notice was read and agreed to (个人信息保护). */
		consent: z.literal(true, { error: 'consent_required' }),
		/**
		 * A separate consent, unticked unless the visitor ticks it: share their mobile and email with
		 * the exhibitors who scan their ticket (lead retrieval). Withdrawn or given later on the ticket.
		 */
		shareContacts: z.boolean().default(false)
	})
	// A check, not part of the transform: it runs even when other fields already failed, so a
	// form shows every problem on the first submit, contact details included.
	.check(
		z.superRefine(
			(input: { mobile?: unknown; email?: unknown; country?: unknown }, ctx) => {
				const mobile = typeof input.mobile === 'string' ? input.mobile : '';
				const email = typeof input.email === 'string' ? input.email : '';
				if (mobile && !phoneOf(mobile, input.country)) {
					ctx.addIssue({ code: 'custom', message: 'mobile_invalid', path: ['mobile'] });
				}
				if (email && !z.email().safeParse(email).success) {
					ctx.addIssue({ code: 'custom', message: 'email_invalid', path: ['email'] });
				}
				if (!mobile && !email)
					ctx.addIssue({ code: 'custom', message: 'contact_required', path: ['mobile'] });
			},
			{
				// Zod skips a check once a field's type is wrong (no category chosen, consent unticked);
				// this one reads its fields defensively, so it runs always.
				when: () => true
			}
		)
	)
	.transform((input) => ({
		...input,
		mobile: input.mobile ? (phoneOf(input.mobile, input.country) ?? null) : null,
		email: input.email || null
	}));

/**
 * A mobile number in E.164, or null if it is not a valid number. A mainland number is accepted
 * as people type it (13800138000, 138 0013 8000, +86 138…); other countries' numbers need
 * their country chosen or a + prefix. The full (`max`) metadata checks each number against its
 * country's real ranges: the small `min` build checks lengths only, and took a mainland mobile
 * of 10 or 12 digits. This runs on the server alone, so its size never reaches a phone.
 */
export function phoneOf(typed: string, country: unknown): string | null {
	const region = typeof country === 'string' && /^[A-Z]{2}$/.test(country) ? country : 'CN';
	const phone = parsePhoneNumberFromString(typed, region as CountryCode);
	return phone?.isValid() ? phone.number : null;
}

export type RegisterInput = z.output<typeof registerInput>;

export const findTicketInput = z.object({
	reference: z.string().trim().max(20).transform(normalReference),
	/** The mobile or the email given at registration. */
	contact: z.string().trim().max(200),
	country: country
});

/**
 * A reference as it is stored (`WSC-7K3Q9M`) from however it was typed off a screen or a mail:
 * in lower case, without its dash, with spaces. The last six characters are the code, whatever
 * the conference's prefix.
 */
export function normalReference(typed: string): string {
	const compact = typed.toUpperCase().replace(/[^A-Z0-9]/g, '');
	return compact.length > 6 ? `${compact.slice(0, -6)}-${compact.slice(-6)}` : compact;
}
