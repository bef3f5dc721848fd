import { fail } from '@sveltejs/kit';
import { actionFailure } from '@huizhan/web/actions';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { ratingOf } from '$lib/leads';
import { leadFilters } from './filters';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// Private (no-store, noindex) through the exhibitor layout: SvelteKit refuses a header set twice.
	const filters = leadFilters(url);
	try {
		const list = await locals.api.leads.list({ exhibitorSecret: params.secret, ...filters });
		return { ...list, filters };
	} catch (e) {
		rethrowAsNotFound(e);
	}
};

export const actions: Actions = {
	/** A lead's rating and note. */
	rate: async ({ request, locals, params }) => {
		const form = await request.formData();
		const leadId = Number(form.get('leadId'));
		if (!Number.isInteger(leadId) || leadId <= 0) return fail(400, { reason: 'lead_not_found' });
		try {
			await locals.api.leads.updateForExhibitor({
				exhibitorSecret: params.secret,
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
