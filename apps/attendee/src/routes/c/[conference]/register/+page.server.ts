import { fail, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { getLocale } from '$lib/paraglide/runtime';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { publicConference } from '$lib/server/conference';
import { previewGrant } from '$lib/server/preview';
import { answersOf } from '$lib/answers';
import type { Actions, PageServerLoad } from './$types';

/** The sessions the form offers: those that take sign-ups and are not over. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	sessions: await locals.api.registration.registrationSessions({ conferenceId: params.conference })
});

/** The session boxes ticked, as ids; anything else in the field is dropped. */
const tickedSessions = (form: FormData): number[] =>
	form
		.getAll('session')
		.map(Number)
		.filter((id) => Number.isInteger(id) && id > 0);

const FIELDS = ['category', 'name', 'organisation', 'title', 'mobile', 'email', 'country'] as const;

export const actions: Actions = {
	default: async ({ request, locals, params, cookies }) => {
		const form = await request.formData();
		const values = formValues(form, FIELDS);
		const consent = form.get('consent') === 'on';
		const shareContacts = form.get('shareContacts') === 'on';
		const answers = answersOf(form);
		const sessions = tickedSessions(form);
		// A previewed draft shows its form but takes nobody: say so plainly. (The API refuses a
		// draft in any case; this only gives the previewer the right words.)
		const grant = previewGrant(cookies);
		if (grant && (await publicConference(locals.api, params.conference, grant)).preview) {
			return fail(403, {
				values: { ...values, consent, shareContacts },
				reason: 'preview_only',
				fieldErrors: {}
			});
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
				shareContacts,
				language: getLocale(),
				answers,
				sessions
			});
		} catch (e) {
			// Each bad answer is named beside its question, as the other fields are.
			if (e instanceof AppError && e.reason === 'answers_invalid') {
				return fail(400, {
					values: { ...values, consent, shareContacts, answers, sessions },
					reason: null,
					fieldErrors: e.details.fieldErrors as Record<string, string[]>
				});
			}
			return actionFailure(e, { ...values, consent, shareContacts, answers, sessions });
		}
		if (result.outcome === 'already_registered') {
			// Says only that this mobile or email is taken here: nothing about the registration.
			return fail(409, {
				values: { ...values, consent, shareContacts },
				reason: 'already_registered',
				fieldErrors: {}
			});
		}
		// A ticked session that did not take the registration (full since the form was loaded) is
		// named on the ticket page, where the others can be chosen.
		const notTaken = result.sessionsNotTaken.map((s) => s.sessionId).join(',');
		redirect(303, `/ticket/${result.ticketSecret}${notTaken ? `?not_taken=${notTaken}` : ''}`);
	}
};
