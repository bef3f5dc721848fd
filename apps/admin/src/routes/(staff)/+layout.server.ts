import { error, redirect } from '@sveltejs/kit';
import { hasAnyRole } from '@huizhan/api';
import { PAGE_ACCESS } from '$lib/access';
import type { LayoutServerLoad } from './$types';

/**
 * The guard of every staff page. Reading `route.id` makes SvelteKit run this again on each
 * navigation to another page, so client-side navigation is checked as well as full loads.
 */
export const load: LayoutServerLoad = ({ locals, route, url }) => {
	if (!locals.user) {
		redirect(303, `/login?next=${encodeURIComponent(url.pathname + url.search)}`);
	}
	const roles = PAGE_ACCESS[route.id];
	if (!roles) error(403, { message: `no access rule for ${route.id}` });
	if (!hasAnyRole(locals.user, roles)) {
		error(403, { message: 'forbidden', requiredRoles: [...roles] });
	}
	return {};
};
