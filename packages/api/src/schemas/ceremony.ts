import { z } from 'zod';
import { dealFactsInput } from './deals.ts';

/*
 * One schema per ceremony command, shared by the tRPC procedures and the console's forms. A
 * draft is the deal form's facts without where and when it is signed: the press records it at
 * the ceremony's edition, on the day.
 */

const id = z.coerce
	.number({ error: 'required' })
	.int({ error: 'required' })
	.positive({ error: 'required' });

export const ceremonyDraftInput = dealFactsInput.omit({ signingEvent: true, signedOn: true });

export const ceremonyInput = z.object({ sessionId: id });
export const ceremoniesInput = z.object({ conferenceId: z.string().trim().min(1).max(64) });
export const ceremonyItemInput = z.object({ sessionId: id, itemId: id });

export const ceremonyDealSearchInput = z.object({
	sessionId: id,
	text: z.string().trim().max(100, { error: 'too_long' }).default(''),
	limit: z.coerce.number().int().min(1).max(100).default(20)
});

export const addCeremonyDealInput = z.object({
	sessionId: id,
	dealId: z.string().trim().min(1, { error: 'required' }).max(32)
});

export const addCeremonyDraftInput = z.object({
	sessionId: id,
	draft: ceremonyDraftInput,
	/** The recorder saw the probable duplicates and says this is a different project. */
	acknowledgeDuplicates: z.boolean().default(false)
});

export const updateCeremonyDraftInput = addCeremonyDraftInput.extend({ itemId: id });

export const reorderCeremonyInput = z.object({
	sessionId: id,
	itemIds: z.array(id).max(500)
});
