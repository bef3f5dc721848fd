import { hasAnyRole } from '@huizhan/api';
import { requestedYear } from '$lib/server/live';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	// The first-run checklist: admins only (they alone can fix it), and only while incomplete.
	const setup = hasAnyRole(locals.user, ['admin']) ? await locals.api.setup.checklist() : null;
	// Door staff have no use for the signing targets; everyone else sees them here.
	if (!hasAnyRole(locals.user, ['admin', 'recorder', 'leader']))
		return { home: null, yearInvalid: false, unitRanking: null, setup };
	// The same year and editions as /live: the current year unless `?year=` names another.
	const asked = requestedYear(url);
	const home = await locals.api.live.targets(
		asked === null || asked === 'invalid' ? undefined : { year: asked }
	);
	const unitRanking = await locals.api.targets.unitRanking({ year: home.calendar.year });
	return { home, yearInvalid: asked === 'invalid', unitRanking, setup };
};
