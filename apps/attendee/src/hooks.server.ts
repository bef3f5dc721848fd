import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	createAttendeeCaller,
	createContextInner,
	ensureTicketKeys,
	startupProblem
} from '@huizhan/api';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { database } from '$lib/server/db';
import { limits } from '$lib/server/limits';
import { config } from '$lib/server/env';
import { mail } from '$lib/server/mail';

/**
 * Open and migrate the database before the first request, so a broken file fails the start. In
 * production database the platform is not opened to the public before someone can administer it.
 */
export const init: ServerInit = () => {
	const { db } = database();
	const problem = startupProblem(db, config.declaredMode);
	if (problem) {
		console.error(`[huizhan] ${problem.replaceAll('\n', '\n          ')}`);
		throw new Error('the database cannot be served (see above)');
	}
	// Every conference needs a signing key before its first ticket is shown.
	ensureTicketKeys(db);
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

/** Resolves the visitor's language and writes it into `<html lang>`. */
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

/**
 * The attendee router, called in-process by load functions and form actions. The client's
 * address is the key of the per-address limits on registering and finding tickets; without it
 * every visitor would share one limit.
 */
const api: Handle = ({ event, resolve }) => {
	event.locals.api = createAttendeeCaller(
		createContextInner({
			...database(),
			source: event.getClientAddress(),
			limits: limits(),
			mail: mail()
		})
	);
	return resolve(event);
};

export const handle = sequence(securityHeaders, i18n, api);
