import { fail, redirect } from '@sveltejs/kit';
import { getLocale } from '$lib/paraglide/runtime';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { publicConference } from '$lib/server/conference';
import { previewGrant } from '$lib/server/preview';
import type { Actions } from './$types';

const FIELDS = ['category', 'name', 'organisation', 'title', 'mobile', 'email', 'country'] as const;

export const actions: Actions = {
	default: async ({ request, locals, params, cookies }) => {
		const form = await request.formData();
		const values = formValues(form, FIELDS);
		const consent = form.get('consent') === 'on';
		// A previewed draft shows its form but takes nobody: say so plainly. (The API refuses a
		// draft in any case; this only gives the previewer the right words.)
		const grant = previewGrant(cookies);
		if (grant && (await publicConference(locals.api, params.conference, grant)).preview) {
			return fail(403, { values: { ...values, consent }, reason: 'preview_only', fieldErrors: {} });
		}
		let result;
		try {
			result = await locals.api.registration.register({
				conferenceId: params.conference,
				// Checked by the procedure's schema: an unknown category is `category_required`,
				// an unticked consent `consent_required`, each shown beside its field.
				category: values.category as never,
				name: values.name,
				organisation: values.organisation,
				title: values.title,
				mobile: values.mobile,
				email: values.email,
				country: values.country,
				consent: consent as true,
				language: getLocale()
			});
		} catch (e) {
			return actionFailure(e, { ...values, consent });
		}
		if (result.outcome === 'already_registered') {
			// Says only that this mobile or email is taken here: nothing about the registration.
			return fail(409, {
				values: { ...values, consent },
				reason: 'already_registered',
				fieldErrors: {}
			});
		}
		redirect(303, `/ticket/${result.ticketSecret}`);
	}
};
