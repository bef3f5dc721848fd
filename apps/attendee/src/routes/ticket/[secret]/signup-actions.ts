import { fail, type RequestEvent } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { rethrowAsNotFound } from '$lib/server/not-found';

/*
 * The sign-up form posts of the ticket page and its session picker: plain forms, so they work
 * without JavaScript; each answers what happened to which session, and the page says it.
 */

export interface ClashShown {
	titleZh: string;
	titleEn: string;
	startsAt: Date;
	endsAt: Date;
}

interface Named {
	sessionId: number;
	titleZh: string;
	titleEn: string;
}

export type SignupResult =
	| (Named & { kind: 'added' | 'already'; clashes: ClashShown[] })
	| (Named & { kind: 'cancelled' | 'not_signed_up' })
	/** A refusal does not name the session: the page finds it by id among those it shows. */
	| { kind: 'refused'; sessionId: number; reason: string; allowedCategories: string[] };

type Event = RequestEvent<{ secret: string }>;

const sessionIdOf = (form: FormData): number | null => {
	const id = Number(form.get('sessionId'));
	return Number.isInteger(id) && id > 0 ? id : null;
};

/** A refusal the attendee can act on is shown on the page; anything else is the ticket's 404. */
function refused(e: unknown, sessionId: number) {
	if (e instanceof AppError && e.code !== 'NOT_FOUND') {
		const allowed = e.details.allowedCategories;
		return fail(e.code === 'CONFLICT' ? 409 : 400, {
			signup: {
				kind: 'refused',
				sessionId,
				reason: e.reason,
				allowedCategories: Array.isArray(allowed) ? allowed.map(String) : []
			} satisfies SignupResult as SignupResult
		});
	}
	if (e instanceof AppError && e.reason === 'session_not_found') {
		return fail(404, {
			signup: {
				kind: 'refused',
				sessionId,
				reason: e.reason,
				allowedCategories: []
			} satisfies SignupResult as SignupResult
		});
	}
	rethrowAsNotFound(e);
}

export async function signUpAction({ locals, params, request }: Event) {
	const sessionId = sessionIdOf(await request.formData());
	if (sessionId === null) return fail(400, { signup: null });
	try {
		const { added, clashes, session } = await locals.api.registration.signUp({
			secret: params.secret,
			sessionId
		});
		const { titleZh, titleEn } = session;
		return {
			signup: {
				kind: added ? 'added' : 'already',
				sessionId,
				titleZh,
				titleEn,
				clashes
			} satisfies SignupResult as SignupResult
		};
	} catch (e) {
		return refused(e, sessionId);
	}
}

export async function cancelSignupAction({ locals, params, request }: Event) {
	const sessionId = sessionIdOf(await request.formData());
	if (sessionId === null) return fail(400, { signup: null });
	try {
		const { cancelled, session } = await locals.api.registration.cancelSignup({
			secret: params.secret,
			sessionId
		});
		const { titleZh, titleEn } = session;
		return {
			signup: {
				kind: cancelled ? 'cancelled' : 'not_signed_up',
				sessionId,
				titleZh,
				titleEn
			} satisfies SignupResult as SignupResult
		};
	} catch (e) {
		return refused(e, sessionId);
	}
}
