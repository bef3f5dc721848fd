import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	groups: await locals.api.targets.byScope()
});
