import type { PageServerLoad } from './$types';

/** Whether companies may apply to exhibit now: the page links to the form only then. */
export const load: PageServerLoad = async ({ locals, params }) => ({
	exhibitOpen: (await locals.api.exhibitorApplication.form({ conferenceId: params.conference }))
		.open
});
