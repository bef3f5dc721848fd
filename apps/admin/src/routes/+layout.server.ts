import { navigationFor } from '$lib/access';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = ({ locals }) => ({
	user: locals.user,
	navigation: locals.user ? navigationFor(locals.user.roles) : []
});
