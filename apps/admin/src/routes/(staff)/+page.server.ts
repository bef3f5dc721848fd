import { hasAnyRole } from '@huizhan/api';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	// Door staff have no use for the signing targets; everyone else sees them here.
	groups: hasAnyRole(locals.user, ['admin', 'recorder', 'leader'])
		? await locals.api.deals.targets()
		: null,
	// The first-run checklist: admins only (they alone can fix it), and only while incomplete.
	setup: hasAnyRole(locals.user, ['admin']) ? await locals.api.setup.checklist() : null
});
