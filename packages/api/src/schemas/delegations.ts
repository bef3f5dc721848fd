import { z } from 'zod';
import { schema } from '@huizhan/db';
import { MAX_SHEET_BYTES } from '../spreadsheets/columns.ts';
import { phoneOf } from './registrations.ts';
import { text, textOrEmpty } from './text.ts';

/*
 * The delegation commands' schemas, shared by the tRPC procedures and the apps' form actions.
 * Messages are stable codes the apps translate, shown beside each field.
 */

/** A person reached by mobile, email or both: at least one, each valid if given. */
function contactCheck(
	input: { mobile?: unknown; email?: unknown },
	ctx: z.core.$RefinementCtx<unknown>,
	fields = { mobile: 'mobile', email: 'email' }
) {
	const mobile = typeof input.mobile === 'string' ? input.mobile : '';
	const email = typeof input.email === 'string' ? input.email : '';
	if (mobile && !phoneOf(mobile, 'CN'))
		ctx.addIssue({ code: 'custom', message: 'mobile_invalid', path: [fields.mobile] });
	if (email && !z.email().safeParse(email).success)
		ctx.addIssue({ code: 'custom', message: 'email_invalid', path: [fields.email] });
	if (!mobile && !email)
		ctx.addIssue({ code: 'custom', message: 'contact_required', path: [fields.mobile] });
}

const contactFields = {
	mobile: z.string().trim().max(32, { error: 'mobile_invalid' }).default(''),
	email: z.string().trim().toLowerCase().max(200, { error: 'too_long' }).default('')
};

const normalContact = (input: { mobile: string; email: string }) => ({
	mobile: input.mobile ? (phoneOf(input.mobile, 'CN') ?? null) : null,
	email: input.email || null
});

export const MAX_QUOTA = 10_000;
const quota = z.coerce
	.number({ error: 'quota_invalid' })
	.int({ error: 'quota_invalid' })
	.min(1, { error: 'quota_invalid' })
	.max(MAX_QUOTA, { error: 'quota_invalid' });

export const createDelegationInput = z
	.object({
		conferenceId: z.string().trim().min(1, { error: 'required' }).max(64),
		category: z.enum(schema.ATTENDEE_CATEGORIES, { error: 'category_required' }),
		name: text(100),
		organisation: text(200),
		leaderName: text(100),
		leaderMobile: contactFields.mobile,
		leaderEmail: contactFields.email,
		quota
	})
	.check(
		z.superRefine(
			(input: { leaderMobile?: unknown; leaderEmail?: unknown }, ctx) =>
				contactCheck({ mobile: input.leaderMobile, email: input.leaderEmail }, ctx, {
					mobile: 'leaderMobile',
					email: 'leaderEmail'
				}),
			{ when: () => true }
		)
	)
	.transform(({ leaderMobile, leaderEmail, ...rest }) => {
		const contact = normalContact({ mobile: leaderMobile, email: leaderEmail });
		return { ...rest, leaderMobile: contact.mobile, leaderEmail: contact.email };
	});
export type CreateDelegationInput = z.output<typeof createDelegationInput>;

export const delegationIdInput = z.object({ delegationId: z.coerce.number().int().positive() });
export const setQuotaInput = delegationIdInput.extend({ quota });

/**
 * One member as the leader types them. The organisation may be left empty: the delegation's is
 * taken then. Mainland mobiles as people type them; others with their + prefix.
 */
export const memberInput = z
	.object({
		name: text(100),
		organisation: textOrEmpty(200),
		title: textOrEmpty(100),
		...contactFields
	})
	.check(z.superRefine((input, ctx) => contactCheck(input, ctx), { when: () => true }))
	.transform((input) => ({ ...input, ...normalContact(input) }));
export type MemberInput = z.output<typeof memberInput>;

/** The leader's page address: 128 random bits, base64url. */
export const leaderSecret = z.string().max(64);

export const addMembersInput = z.object({
	secret: leaderSecret,
	members: z.array(memberInput).min(1, { error: 'members_required' }).max(MAX_QUOTA),
	/** The leader confirms the members agreed to their data being given (个人信息保护). */
	consent: z.literal(true, { error: 'consent_required' })
});

export const memberSheetInput = z.object({
	secret: leaderSecret,
	/** The .xlsx or .csv, base64: four characters per three bytes of at most `MAX_SHEET_BYTES`. */
	contentBase64: z.string().max(Math.ceil(MAX_SHEET_BYTES / 3) * 4, { error: 'file_too_large' })
});

export const cancelMemberInput = z.object({
	secret: leaderSecret,
	reference: z.string().trim().max(20)
});

/** Whose badges to print: a category of an edition, a delegation, or references typed in. */
export const badgeSelectionInput = z.discriminatedUnion('by', [
	z.object({
		by: z.literal('category'),
		conferenceId: z.string().trim().min(1).max(64),
		category: z.enum(schema.ATTENDEE_CATEGORIES)
	}),
	z.object({ by: z.literal('delegation'), delegationId: z.coerce.number().int().positive() }),
	z.object({
		by: z.literal('references'),
		references: z.array(z.string().trim().max(20)).min(1).max(2_000)
	})
]);
export type BadgeSelection = z.output<typeof badgeSelectionInput>;
