import { randomBytes } from 'node:crypto';
import { error, fail } from '@sveltejs/kit';
import { actionFailure } from '@huizhan/web/actions';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS } from '$lib/server/ticket';
import { ratingOf } from '$lib/leads';
import type { Actions, PageServerLoad } from './$types';

/** A scan's nonce, drawn with the form: sending the same form twice (a reload) stores one lead. */
const newNonce = () => randomBytes(12).toString('base64url');

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The address is the staff member's ticket: theirs alone, never cached or listed.
	setHeaders(PRIVATE_HEADERS);
	let scanner;
	try {
		scanner = await locals.api.leads.scanner({ secret: params.secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	if (!scanner.ok && scanner.reason === 'not_found') error(404, 'Not found');
	return { scanner, nonce: newNonce() };
};

export const actions: Actions = {
	/** A reference typed (or a token pasted) without JavaScript; with it, the page calls the API. */
	scan: async ({ request, locals, params }) => {
		const form = await request.formData();
		const code = String(form.get('code') ?? '');
		const nonce = String(form.get('nonce') ?? '') || newNonce();
		try {
			const result = await locals.api.leads.scan({ secret: params.secret, code, nonce });
			return { scan: result, code };
		} catch (e) {
			return actionFailure(e, { code });
		}
	},

	/** A lead's rating and note. */
	rate: async ({ request, locals, params }) => {
		const form = await request.formData();
		const leadId = Number(form.get('leadId'));
		if (!Number.isInteger(leadId) || leadId <= 0) return fail(400, { reason: 'lead_not_found' });
		try {
			await locals.api.leads.update({
				secret: params.secret,
				leadId,
				rating: ratingOf(form.get('rating')),
				note: String(form.get('note') ?? '')
			});
			return { rated: leadId };
		} catch (e) {
			return actionFailure(e, { leadId });
		}
	}
};
