import { z } from 'zod';
import {
	BOOTH_TYPES,
	EXHIBITOR_STATUSES,
	creditCodeProblem,
	normaliseCreditCode
} from '@huizhan/ledger';
import { phoneOf } from './registrations.ts';
import { text, textOrEmpty } from './text.ts';

/*
 * A company's application to exhibit and its review: one schema per command, shared by the tRPC
 * procedures and the apps' form actions. Messages are stable codes the apps translate, shown
 * beside each field.
 */

/** An exhibitor's page address: 128 random bits in base64url. */
export const exhibitorSecret = z
	.string()
	.trim()
	.regex(/^[A-Za-z0-9_-]{16,64}$/);

/**
 * 统一社会信用代码 as typed (spaces, dashes, lower case, full-width characters), normalised and
 * checked; each problem has its own code, so the form can say which part is wrong.
 */
export const creditCode = z
	.string({ error: 'required' })
	.max(64, { error: 'credit_code_length' })
	.transform(normaliseCreditCode)
	.check(
		z.superRefine((code: string, ctx) => {
			if (code === '') {
				ctx.addIssue({ code: 'custom', message: 'required' });
				return;
			}
			const problem = creditCodeProblem(code);
			if (problem) ctx.addIssue({ code: 'custom', message: `credit_code_${problem}` });
		})
	);

/** Whole square metres, as the booths are measured. */
const squareMetres = z.coerce
	.number({ error: 'area_invalid' })
	.int({ error: 'area_invalid' })
	.min(1, { error: 'area_invalid' })
	.max(100_000, { error: 'area_invalid' });

/** The chain chosen, or none (`''` from a form's empty option). */
const chainId = z
	.union([z.literal('').transform(() => null), z.coerce.number().int().positive()])
	.nullable()
	.default(null);

/** What the company says about itself: the same on the first submission and a resubmission. */
const applicationFields = {
	companyZh: text(200),
	companyEn: textOrEmpty(200),
	creditCode,
	contactName: text(100),
	mobile: z.string().trim().max(32, { error: 'mobile_invalid' }).default(''),
	email: z.string().trim().toLowerCase().max(200, { error: 'too_long' }).default(''),
	country: z
		.string()
		.trim()
		.toUpperCase()
		.regex(/^[A-Z]{2}$/, { error: 'country_format' })
		.default('CN'),
	industryChainId: chainId,
	productsZh: text(500),
	productsEn: textOrEmpty(500),
	wantedBoothType: z.enum(BOOTH_TYPES, { error: 'booth_type_required' }),
	wantedSquareMetres: squareMetres,
	language: z.enum(['zh-CN', 'en']).default('zh-CN'),
	/** The privacy notice was read and agreed to (个人信息保护). */
	consent: z.literal(true, { error: 'consent_required' })
};

/**
 * The contact is reached by mobile, email or both, checked as the registration form checks them
 * (`phoneOf`: a mainland number as people type it, others with their country). A check, not a
 * refinement, so it runs even when other fields already failed: the form shows every problem on
 * the first submit.
 */
const contactCheck = z.superRefine(
	(input: { mobile?: unknown; email?: unknown; country?: unknown }, ctx) => {
		const mobile = typeof input.mobile === 'string' ? input.mobile : '';
		const email = typeof input.email === 'string' ? input.email : '';
		if (mobile && !phoneOf(mobile, input.country)) {
			ctx.addIssue({ code: 'custom', message: 'mobile_invalid', path: ['mobile'] });
		}
		if (email && !z.email().safeParse(email).success) {
			ctx.addIssue({ code: 'custom', message: 'email_invalid', path: ['email'] });
		}
		if (!mobile && !email) {
			ctx.addIssue({ code: 'custom', message: 'contact_required', path: ['mobile'] });
		}
	},
	{ when: () => true }
);

/** The stored shape: E.164 mobile or null, lower-case email or null; the country is spent. */
const normalContact = <T extends { mobile: string; email: string; country: string }>(input: T) => {
	const { country, ...rest } = input;
	return {
		...rest,
		mobile: input.mobile ? (phoneOf(input.mobile, country) ?? null) : null,
		email: input.email || null
	};
};

export const applyInput = z
	.object({ conferenceId: z.string().trim().min(1).max(64), ...applicationFields })
	.check(contactCheck)
	.transform(normalContact);
export type ApplyInput = z.output<typeof applyInput>;

/** The company's edited application, after an admin asked for changes. */
export const resubmitInput = z
	.object({ secret: exhibitorSecret, ...applicationFields })
	.check(contactCheck)
	.transform(normalContact);
export type ResubmitInput = z.output<typeof resubmitInput>;

export const exhibitorSecretInput = z.object({ secret: exhibitorSecret });

export const applicationFormInput = z.object({ conferenceId: z.string().trim().min(1).max(64) });

export const exhibitorIdInput = z.object({ exhibitorId: z.coerce.number().int().positive() });

/** A rejection says why; a request for changes says what. The company reads it as written. */
export const reviewNoteInput = exhibitorIdInput.extend({
	note: z
		.string({ error: 'note_required' })
		.trim()
		.min(1, { error: 'note_required' })
		.max(1000, { error: 'too_long' })
});

export const listApplicationsInput = z
	.object({
		conferenceId: z.string().trim().min(1).max(64),
		status: z.enum(EXHIBITOR_STATUSES).optional(),
		/** Part of the company's name (either language) or of its credit code. */
		q: z.string().trim().max(100).default('')
	})
	.strict();
