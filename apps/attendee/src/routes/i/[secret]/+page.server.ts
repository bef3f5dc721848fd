import { error, fail, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { answersOf } from '$lib/answers';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS } from '$lib/server/ticket';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = ['name', 'organisation', 'title'] as const;

/**
 * A personal invitation (邀请函). Unknown, malformed and revoked links are the same 404 page:
 * a dead link says nothing. An accepted one goes straight to its ticket.
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	let invitation;
	try {
		invitation = await locals.api.invitation.open({ secret: params.secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	if (!invitation) error(404, 'Not found');
	if (invitation.state === 'accepted' && invitation.ticketSecret) {
		redirect(303, `/ticket/${invitation.ticketSecret}`);
	}
	const { ticketSecret: _, ...shown } = invitation;
	return { invitation: shown };
};

export const actions: Actions = {
	accept: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, FIELDS);
		const consent = form.get('consent') === 'on';
		const answers = answersOf(form);
		let accepted;
		try {
			accepted = await locals.api.invitation.accept({
				secret: params.secret,
				name: values.name,
				organisation: values.organisation,
				title: values.title,
				answers,
				consent: consent as true
			});
		} catch (e) {
			// Each bad answer is named beside its question, as on the open form.
			if (e instanceof AppError && e.reason === 'answers_invalid') {
				return fail(400, {
					values: { ...values, consent, answers },
					reason: null,
					fieldErrors: e.details.fieldErrors as Record<string, string[]>
				});
			}
			return actionFailure(e, { ...values, consent, answers });
		}
		redirect(303, `/ticket/${accepted.ticketSecret}`);
	},

	decline: async ({ locals, params }) => {
		try {
			await locals.api.invitation.decline({ secret: params.secret });
		} catch (e) {
			// Expired or answered already: the page says which, above the form.
			return actionFailure(e);
		}
		return { declined: true };
	}
};
