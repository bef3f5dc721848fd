import { LEAD_RATINGS, type LeadRating } from '@huizhan/ledger';
import { m } from '$lib/paraglide/messages';

/*
 * What the lead pages (the staff member's scanner and the exhibitor's list) share: the ratings
 * and their words, and the form's rating field read back.
 */

export { LEAD_RATINGS, type LeadRating };

export const ratingName: Record<LeadRating, () => string> = {
	hot: m.leads_rating_hot,
	warm: m.leads_rating_warm,
	cold: m.leads_rating_cold
};

/** A form's rating field: one of the ratings, or none (an empty choice clears it). */
export function ratingOf(value: FormDataEntryValue | null): LeadRating | null {
	return LEAD_RATINGS.find((r) => r === value) ?? null;
}

/** A scan's nonce, drawn on the phone (getRandomValues works on plain http too). */
export function newNonce(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
