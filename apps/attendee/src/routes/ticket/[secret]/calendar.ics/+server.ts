import { m } from '$lib/paraglide/messages';
import { localized } from '$lib/locale';
import { getLocale } from '$lib/paraglide/runtime';
import { chosenSessionEvents } from '$lib/server/agenda-calendar';
import { ticketCalendar } from '$lib/server/calendar';
import { PRIVATE_HEADERS, ticketOrNotFound } from '$lib/server/ticket';
import type { RequestHandler } from './$types';

/**
 * The conference as an all-day calendar event and each chosen session as a timed one, for the
 * ticket page's "add to calendar".
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const ticket = await ticketOrNotFound(locals.api, params.secret);
	const { conference } = ticket;
	const ticketUrl = new URL(`/ticket/${params.secret}`, url).href;
	const seated =
		ticket.status === 'confirmed' ||
		ticket.status === 'pending' ||
		ticket.status === 'pending_vetting';
	const chosen = await locals.api.registration.myAgenda({ secret: params.secret });
	const sessions = chosenSessionEvents(chosen, conference, getLocale(), { seated, ticketUrl });
	const ics = ticketCalendar(
		{
			reference: ticket.reference,
			status: ticket.status,
			title: localized(conference.nameZh, conference.nameEn),
			venue: localized(conference.venueZh, conference.venueEn),
			startsOn: conference.startsOn,
			endsOn: conference.endsOn,
			description: m.calendar_description({ reference: ticket.reference, url: ticketUrl }),
			ticketUrl
		},
		sessions
	);
	return new Response(ics, {
		headers: {
			...PRIVATE_HEADERS,
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${conference.id}.ics"`
		}
	});
};
