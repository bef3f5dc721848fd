import type { Handle } from '@sveltejs/kit';
import { acceptLanguageOnServer } from './i18n.ts';
import type { ParaglideRuntime } from './i18n-browser.ts';

/** Headers for every response, pages and API alike; the CSP itself comes from `kit.csp`. */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** An app's generated `paraglideMiddleware` (`$lib/paraglide/server`). */
export type ParaglideMiddleware = (
	request: Request,
	resolve: (args: { request: Request; locale: string }) => Response | Promise<Response>
) => Promise<Response>;

/**
 * Resolves the visitor's language (the switch's cookie, else the browser's `Accept-Language`,
 * else Chinese) and writes it into `<html lang>`.
 */
export function i18n(paraglideMiddleware: ParaglideMiddleware, runtime: ParaglideRuntime): Handle {
	acceptLanguageOnServer(runtime);
	return async ({ event, resolve }) => {
		// The API and the health check speak no language; skipping the middleware spares them its
		// copy of every request.
		if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/healthz') {
			return resolve(event);
		}
		const response = await paraglideMiddleware(event.request, ({ request, locale }) => {
			event.request = request;
			return resolve(event, {
				transformPageChunk: ({ html }) => html.replace('%lang%', locale)
			});
		});
		// A shared cache must not hand an English page to a browser that asked for Chinese.
		response.headers.append('vary', 'Accept-Language');
		return response;
	};
}
