import { fail, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { getLocale } from '$lib/paraglide/runtime';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { publicConference } from '$lib/server/conference';
import { previewGrant } from '$lib/server/preview';
import { answersOf } from '$lib/answers';
import type { Actions } from './$types';

const FIELDS = ['category', 'name', 'organisation', 'title', 'mobile', 'email', 'country'] as const;

export const actions: Actions = {
	default: async ({ request, locals, params, cookies }) => {
		const form = await request.formData();
		const values = formValues(form, FIELDS);
		const consent = form.get('consent') === 'on';
		const answers = answersOf(form);
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
				language: getLocale(),
				answers
			});
		} catch (e) {
			// Each bad answer is named beside its question, as the other fields are.
			if (e instanceof AppError && e.reason === 'answers_invalid') {
				return fail(400, {
					values: { ...values, consent, answers },
					reason: null,
					fieldErrors: e.details.fieldErrors as Record<string, string[]>
				});
			}
			return actionFailure(e, { ...values, consent, answers });
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
