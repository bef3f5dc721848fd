import { rethrowAsNotFound } from './not-found.ts';

type Api = App.Locals['api'];

/** Where a conference's registration stands now, as the attendee is told. */
export type RegistrationPhase = 'open' | 'upcoming' | 'closed';

/**
 * A public conference for its page and its registration form; the 404 page for an unknown or
 * draft one. The phase is worked out here, on the server's clock, so a phone with a wrong clock
 * sees the same as everyone else.
 */
export async function publicConference(api: Api, conferenceId: string, now = new Date()) {
	let conference;
	try {
		conference = await api.registration.conference({ conferenceId });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	const phase: RegistrationPhase = conference.registrationOpen
		? 'open'
		: conference.status === 'open' && now < new Date(conference.registrationOpensAt)
			? 'upcoming'
			: 'closed';
	return { ...conference, phase };
}
