import type { PublicSession } from '@huizhan/api';
import { previewGrant } from '$lib/server/preview';
import { rethrowAsNotFound } from '$lib/server/not-found';
import type { Cookies } from '@sveltejs/kit';

type Api = App.Locals['api'];

/** A public edition's agenda; the 404 page for a draft (without its preview grant) or none. */
export async function agendaOrNotFound(
	api: Api,
	conferenceId: string,
	cookies: Cookies
): Promise<PublicSession[]> {
	try {
		return await api.agenda.sessions({ conferenceId, preview: previewGrant(cookies) });
	} catch (e) {
		rethrowAsNotFound(e);
	}
}

/** One session of a public edition; the 404 page when the edition or the session is not there. */
export async function sessionOrNotFound(
	api: Api,
	conferenceId: string,
	sessionId: string,
	cookies: Cookies
): Promise<PublicSession> {
	try {
		return await api.agenda.session({
			conferenceId,
			sessionId: Number(sessionId),
			preview: previewGrant(cookies)
		});
	} catch (e) {
		rethrowAsNotFound(e);
	}
}
