import { rethrowAsNotFound } from './not-found.ts';

type Api = App.Locals['api'];

/**
 * A public conference for its page and its registration form; the 404 page for an unknown or
 * draft one, unless `preview` holds a grant for that draft (docs/architecture.md, “Previewing a
 * draft”). The phase comes from the server (its clock, the API's one rule), so a phone with a
 * wrong clock sees the same as everyone else.
 */
export async function publicConference(api: Api, conferenceId: string, preview?: string) {
	let conference;
	try {
		conference = await api.registration.conference({ conferenceId, preview });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	return { ...conference, phase: conference.registrationPhase };
}
