import { redirect } from '@sveltejs/kit';
import { safeNextPath } from '@huizhan/api';
import { cookieMaxAge, cookieName, isLocale } from '$lib/paraglide/runtime';
import type { RequestHandler } from './$types';

/**
 * The language switch posts here: a plain form, so it works without JavaScript and in in-app
 * browsers. The choice is remembered in paraglide's cookie and the visitor returns to the page.
 */
export const POST: RequestHandler = async ({ request, cookies, url }) => {
	const form = await request.formData();
	const locale = String(form.get('locale') ?? '');
	if (isLocale(locale)) {
		cookies.set(cookieName, locale, {
			path: '/',
			maxAge: cookieMaxAge,
			sameSite: 'lax',
			secure: url.protocol === 'https:',
			// Read by paraglide in the browser too, so not HttpOnly; it holds only "zh-CN" or "en".
			httpOnly: false
		});
	}
	redirect(303, safeNextPath(String(form.get('next') ?? '/')));
};
