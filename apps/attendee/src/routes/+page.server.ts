import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	conferences: await locals.api.conferences.list()
});
