import { hasAnyRole } from '@huizhan/api';
import { requestedYear } from '$lib/server/live';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// Door staff have no use for the signing targets; everyone else sees them here.
	if (!hasAnyRole(locals.user, ['admin', 'recorder', 'leader']))
		return { home: null, yearInvalid: false, unitRanking: null };
	// The same year and editions as /live: the current year unless `?year=` names another.
	const asked = requestedYear(url);
	const home = await locals.api.live.targets(
		asked === null || asked === 'invalid' ? undefined : { year: asked }
	);
	const unitRanking = await locals.api.targets.unitRanking({ year: home.calendar.year });
	return { home, yearInvalid: asked === 'invalid', unitRanking };
};
