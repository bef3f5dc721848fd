import { PRIVATE_HEADERS, ticketOrNotFound } from '$lib/server/ticket';
import { cancelSignupAction, signUpAction } from '../signup-actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	setHeaders(PRIVATE_HEADERS);
	const { token: _token, ...ticket } = await ticketOrNotFound(locals.api, params.secret);
	const seated =
		ticket.status === 'confirmed' ||
		ticket.status === 'pending' ||
		ticket.status === 'pending_vetting';
	const sessions = seated
		? await locals.api.registration.sessionChoices({ secret: params.secret })
		: [];
	return { ticket, seated, sessions };
};

export const actions: Actions = {
	signUp: signUpAction,
	cancelSignup: cancelSignupAction
};
