import { hasAnyRole } from '@huizhan/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	// Door staff have no use for the signing targets; everyone else sees them here.
	groups: hasAnyRole(locals.user, ['admin', 'recorder', 'leader'])
		? await locals.api.deals.targets()
		: null
});
