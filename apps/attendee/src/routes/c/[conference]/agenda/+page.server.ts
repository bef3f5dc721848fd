import { agendaTracks } from '@huizhan/web/agenda';
import { agendaOrNotFound } from './sessions';
import type { PageServerLoad } from './$types';

/**
 * The public agenda, all of it or one track's (`?track=`, the track's Chinese name): a plain
 * link per track, so the filter works inside WeChat with JavaScript off.
 */
export const load: PageServerLoad = async ({ locals, params, cookies, url }) => {
	const sessions = await agendaOrNotFound(locals.api, params.conference, cookies);
	const tracks = agendaTracks(sessions);
	const asked = url.searchParams.get('track');
	const track = tracks.find((t) => t.zh === asked) ?? null;
	return {
		tracks,
		track,
		sessions: track ? sessions.filter((s) => s.trackZh === track.zh) : sessions
	};
};
