import { publicConference } from '$lib/server/conference';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params }) => ({
	conference: await publicConference(locals.api, params.conference)
});
