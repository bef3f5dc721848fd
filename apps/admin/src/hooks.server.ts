import { redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	createAdminCaller,
	createContextInner,
	ensureTicketKeys,
	resolveSession
} from '@huizhan/api';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { database } from '$lib/server/db';
import { pokeLive } from '$lib/server/live';
import { SESSION_COOKIE } from '$lib/server/session-cookie';
import { prepareStaffAccounts } from '$lib/server/startup';
import { mail } from '$lib/server/mail';

/** Open and migrate the database and check the staff accounts before the first request. */
export const init: ServerInit = async () => {
	ensureTicketKeys(database().db);
	await prepareStaffAccounts();
	mail();
};

/** Headers for every response, pages and API alike; the CSP itself comes from `kit.csp`. */
const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	response.headers.set('x-content-type-options', 'nosniff');
	response.headers.set('referrer-policy', 'same-origin');
	response.headers.set('x-frame-options', 'DENY');
	return response;
};

/** Resolves the user's language and writes it into `<html lang>`. */
const i18n: Handle = ({ event, resolve }) => {
	// The API and the health check speak no language; skipping the middleware spares them its
	// copy of every request.
	if (event.url.pathname.startsWith('/api/') || event.url.pathname === '/healthz') {
		return resolve(event);
	}
	return paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});
};

/** Who is signed in, from the session cookie; and the admin router, bound to them. */
const session: Handle = ({ event, resolve }) => {
	const { db, sqlite } = database();
	const token = event.cookies.get(SESSION_COOKIE);
	const now = new Date();
	const user = token ? resolveSession(db, token, now) : null;
	event.locals.user = user;
	event.locals.sessionToken = user ? token : undefined;
	// Made on first use: the HTTP API builds its own context per request and never needs it.
	let api: App.Locals['api'] | undefined;
	Object.defineProperty(event.locals, 'api', {
		get: () =>
			(api ??= createAdminCaller(
				createContextInner({
					db,
					sqlite,
					user,
					sessionToken: event.locals.sessionToken,
					source: event.getClientAddress(),
					mail: mail()
				})
			)),
		enumerable: true
	});
	return resolve(event);
};

/**
 * Nobody reaches a staff page without signing in: a page request goes to the sign-in page and
 * comes back afterwards. (Data requests are redirected by the staff layout's load, and roles are
 * checked there and again by every procedure.)
 */
const signInFirst: Handle = ({ event, resolve }) => {
	if (event.route.id?.startsWith('/(staff)') && !event.locals.user && !event.isDataRequest) {
		const next = event.url.pathname + event.url.search;
		redirect(303, `/login?next=${encodeURIComponent(next)}`);
	}
	return resolve(event);
};

/**
 * A request that may have written (a form action, a tRPC mutation) wakes the live hub once it
 * has been answered, so the change reaches open dashboards without waiting for the next tick.
 * Writes made by other processes are still found by the hub's own interval.
 */
const liveAfterWrites: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (event.request.method !== 'GET' && event.request.method !== 'HEAD') pokeLive();
	return response;
};

export const handle = sequence(securityHeaders, liveAfterWrites, i18n, session, signInFirst);
