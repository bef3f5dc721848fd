import { hasAnyRole } from '@huizhan/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	// Door staff have no use for the signing targets; everyone else sees them here.
	if (!hasAnyRole(locals.user, ['admin', 'recorder', 'leader'])) {
		return { groups: null, unitRanking: null };
	}
	const [groups, unitRanking] = await Promise.all([
		locals.api.deals.targets(),
		locals.api.targets.unitRanking()
	]);
	return { groups, unitRanking };
};
