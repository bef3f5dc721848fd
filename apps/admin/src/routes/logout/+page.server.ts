import { redirect } from '@sveltejs/kit';
import { clearSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

// Signing out is a POST (a link could be triggered by any page); a GET just goes home.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	default: async ({ locals, cookies, url }) => {
		if (locals.user) await locals.api.auth.signOut();
		clearSessionCookie(cookies, url);
		redirect(303, '/login?signed-out');
	}
};
