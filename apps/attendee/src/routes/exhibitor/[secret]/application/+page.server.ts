import { error, fail } from '@sveltejs/kit';
import { actionFailure } from '@huizhan/web/actions';
import { applicationOf } from '$lib/server/exhibitor-application';
import { rethrowAsNotFound } from '$lib/server/not-found';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	// Private (no-store, noindex) through the exhibitor layout: SvelteKit refuses a header set twice.
	let view;
	try {
		view = await locals.api.exhibitorApplication.view({ secret: params.secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	if (!view) error(404, 'Not found');
	return { view, submitted: url.searchParams.has('submitted') };
};

export const actions: Actions = {
	/** The edited application, after the organisers asked for changes. */
	resubmit: async ({ request, locals, params }) => {
		const { values, fields } = applicationOf(await request.formData());
		try {
			await locals.api.exhibitorApplication.resubmit({ secret: params.secret, ...fields });
		} catch (e) {
			return actionFailure(e, values);
		}
		return { done: 'resubmitted' as const };
	},

	/** Takes the application back; asked to confirm on the page first. */
	withdraw: async ({ request, locals, params }) => {
		const form = await request.formData();
		if (form.get('confirm') !== 'on') {
			return fail(400, { values: {}, reason: 'withdraw_confirm_required', fieldErrors: {} });
		}
		try {
			await locals.api.exhibitorApplication.withdraw({ secret: params.secret });
		} catch (e) {
			return actionFailure(e, {});
		}
		return { done: 'withdrawn' as const };
	}
};
