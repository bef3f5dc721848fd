import { createEvent } from 'ics';
import { getLocale } from '$lib/paraglide/runtime';
import { publicConference } from '$lib/server/conference';
import { previewGrant } from '$lib/server/preview';
import { sessionEvent } from '$lib/server/agenda-calendar';
import { sessionOrNotFound } from '../../sessions';
import type { RequestHandler } from './$types';

/** One session as a calendar file, in the reader's language. */
export const GET: RequestHandler = async ({ locals, params, cookies, url }) => {
	const conference = await publicConference(locals.api, params.conference, previewGrant(cookies));
	const session = await sessionOrNotFound(locals.api, params.conference, params.sessionId, cookies);
	const page = new URL(`/c/${conference.id}/agenda/${session.id}`, url).href;
	const { error, value } = createEvent(sessionEvent(session, conference, getLocale(), page));
	if (error || !value) throw error ?? new Error('no calendar produced');
	return new Response(value, {
		headers: {
			'content-type': 'text/calendar; charset=utf-8',
			'content-disposition': `attachment; filename="${conference.id}-session-${session.id}.ics"`,
			// A draft's session is for the preview grant's holder alone.
			'cache-control': conference.preview ? 'private, no-store' : 'public, max-age=300'
		}
	});
};
