import { z } from 'zod';
import { EXHIBITOR_PASSES } from '@huizhan/ledger';
import { leaderSecret, memberInput } from './delegations.ts';
import { textOrEmpty } from './text.ts';

/*
 * The exhibitor's page commands (`/exhibitor/<secret>`), shared by the tRPC procedures and the
 * attendee site's form actions. Messages are stable codes the site translates beside each field.
 */

/** The exhibitor's page address: 128 random bits, base64url, like a delegation leader's. */
export const exhibitorSecret = leaderSecret;

export const exhibitorSecretInput = z.object({ secret: exhibitorSecret });

/** The profile the public directory shows, as the exhibitor edits it. */
export const exhibitorProfileInput = z.object({
	secret: exhibitorSecret,
	introZh: textOrEmpty(2000),
	introEn: textOrEmpty(2000),
	productsZh: textOrEmpty(500),
	productsEn: textOrEmpty(500),
	/** An http(s) address or nothing: the directory links to it. */
	website: z
		.string()
		.trim()
		.max(300, { error: 'too_long' })
		.default('')
		.refine((url) => url === '' || /^https?:\/\/[^\s/]+\.[^\s]+$/i.test(url), {
			error: 'website_invalid'
		})
		.transform((url) => url || null)
});
export type ExhibitorProfileInput = z.output<typeof exhibitorProfileInput>;

/**
 * One person added to the exhibitor's people: a staff badge (展商证) or a set-up pass (布展证).
 * The organisation is always the company's; the person's messages go out in their language.
 */
export const addExhibitorPassInput = z.object({
	secret: exhibitorSecret,
	pass: z.enum(EXHIBITOR_PASSES),
	person: memberInput,
	language: z.enum(['zh-CN', 'en']).default('zh-CN'),
	/** The exhibitor confirms the person agreed to their data being given (个人信息保护). */
	consent: z.literal(true, { error: 'consent_required' })
});
export type AddExhibitorPassInput = z.output<typeof addExhibitorPassInput>;

export const cancelExhibitorPassInput = z.object({
	secret: exhibitorSecret,
	reference: z.string().trim().max(20)
});
