import { publicConference } from '$lib/server/conference';
import { previewGrant } from '$lib/server/preview';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, cookies, setHeaders }) => {
	const conference = await publicConference(locals.api, params.conference, previewGrant(cookies));
	// A previewed draft is for the grant's holder alone: no shared cache may keep it.
	if (conference.preview) setHeaders({ 'cache-control': 'private, no-store' });
	return { conference };
};
