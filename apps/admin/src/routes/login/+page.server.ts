import { fail, redirect } from '@sveltejs/kit';
import { safeNextPath } from '@huizhan/api';
import { landingPath } from '$lib/landing';
import { databaseMode } from '$lib/server/db';
import { actionFailure } from '@huizhan/web/actions';
import { setSessionCookie } from '$lib/server/session-cookie';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	if (locals.user) {
		redirect(303, landingPath(locals.user.roles, safeNextPath(url.searchParams.get('next'))));
	}
	return {
		next: safeNextPath(url.searchParams.get('next')),
		demo: (await databaseMode()) === 'demo',
		signedOut: url.searchParams.has('signed-out')
	};
};

export const actions: Actions = {
	default: async ({ request, locals, cookies, url }) => {
		const form = await request.formData();
		const login = String(form.get('login') ?? '');
		const next = safeNextPath(String(form.get('next') ?? '/'));
		let result;
		try {
			result = await locals.api.auth.signIn({
				login,
				password: String(form.get('password') ?? '')
			});
		} catch (e) {
			return actionFailure(e, { login });
		}
		if (!result.ok) {
			const waitMs = 'retryAt' in result ? new Date(result.retryAt).getTime() - Date.now() : 0;
			return fail(result.reason === 'invalid' ? 400 : 429, {
				values: { login },
				reason: result.reason,
				waitSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
				fieldErrors: {}
			});
		}
		setSessionCookie(cookies, result.token, result.expiresAt, url);
		redirect(303, landingPath(result.user.roles, next));
	}
};
