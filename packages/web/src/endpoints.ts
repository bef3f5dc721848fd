import { redirect, type RequestHandler } from '@sveltejs/kit';
import { healthResponse, safeNextPath } from '@huizhan/api';
import type { DbHandle } from '@huizhan/db';

/** The cookie settings of an app's generated paraglide runtime. */
export interface LocaleCookie {
	cookieName: string;
	cookieMaxAge: number;
	isLocale(locale: unknown): boolean;
}

/**
 * `POST /language`, where the language switch posts: a plain form, so it works without
 * JavaScript and in in-app browsers. The choice is remembered in paraglide's cookie (it then wins
 * over the browser's `Accept-Language`) and the visitor returns to the page.
 */
export function languageEndpoint({
	cookieName,
	cookieMaxAge,
	isLocale
}: LocaleCookie): RequestHandler {
	return async ({ request, cookies, url }) => {
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
}

/** `GET /healthz`: 200 `{"ok":true}` when the database answers, 503 otherwise. */
export function healthEndpoint(database: () => Promise<DbHandle>): RequestHandler {
	return async () => healthResponse((await database()).db);
}
