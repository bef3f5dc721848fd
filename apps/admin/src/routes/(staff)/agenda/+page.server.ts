import { config } from '$lib/server/env';
import type { PageServerLoad } from './$types';

/**
 * An edition's agenda by day. The edition comes from `?edition=`; without it, the first one
 * still to happen (an open edition, else a draft), as an organiser works on the next conference.
 */
export const load: PageServerLoad = async ({ locals, url }) => {
	const editions = (await locals.api.editions.list()).filter((e) => e.status !== 'archived');
	const asked = url.searchParams.get('edition');
	const edition =
		editions.find((e) => e.id === asked) ??
		editions.find((e) => e.status === 'open') ??
		editions.find((e) => e.status === 'draft') ??
		editions[0] ??
		null;
	const sessions = edition ? await locals.api.agenda.list({ conferenceId: edition.id }) : [];
	const attendee = config.attendeeOrigin ?? 'http://localhost:3000';
	return {
		editions,
		edition,
		sessions,
		publicAgendaUrl: edition ? new URL(`/c/${edition.id}/agenda`, attendee).href : null
	};
};
