import { json, redirect, type Handle, type ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import {
	createAdminCaller,
	ensureTicketKeys,
	resolveScannerDevice,
	resolveSession
} from '@huizhan/api';
import { i18n, securityHeaders } from '@huizhan/web/hooks';
import * as runtime from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { adminContext } from '$lib/server/context';
import { database } from '$lib/server/db';
import { pokeLive } from '$lib/server/live';
import { SESSION_COOKIE } from '$lib/server/session-cookie';
import { prepareStaffAccounts } from '$lib/server/startup';
import { mail } from '$lib/server/mail';

/** Open and migrate the database and check the staff accounts before the first request. */
export const init: ServerInit = async () => {
	const handle = await database();
	await ensureTicketKeys(handle.db);
	await prepareStaffAccounts();
	const sender = mail(handle.db);
	// adapter-node says so once the server has stopped taking requests: what the mail sender is
	// doing finishes, then the connection closes after the transaction that holds it, if any.
	process.once('sveltekit:shutdown', async () => {
		await sender.stop();
		await handle.close();
	});
};

/**
 * Who is calling: a scanner device (PDA, turnstile) that sent its token to the HTTP API as
 * `Authorization: Bearer hzd_…`, or else the staff member of the session cookie. A device token
 * that is unknown or revoked is refused outright, not treated as anonymous; a request carries a
 * device token or a session, never both at once. The admin router is then bound to the caller,
 * made on first use.
 */
const session: Handle = async ({ event, resolve }) => {
	const { db } = await database();
	const authorization = event.url.pathname.startsWith('/api/trpc/')
		? event.request.headers.get('authorization')
		: null;
	if (authorization !== null) {
		const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
		const device = token ? await resolveScannerDevice(db, token) : null;
		if (!device) {
			return json({ error: { message: 'unknown or revoked device token' } }, { status: 401 });
		}
		event.locals.device = device;
		event.locals.user = null;
		event.locals.sessionToken = undefined;
	} else {
		const token = event.cookies.get(SESSION_COOKIE);
		const user = token ? await resolveSession(db, token, new Date()) : null;
		event.locals.device = null;
		event.locals.user = user;
		event.locals.sessionToken = user ? token : undefined;
	}
	let api: App.Locals['api'] | undefined;
	let context: ReturnType<typeof adminContext> | undefined;
	Object.defineProperty(event.locals, 'api', {
		// One context per request, built when a procedure is first called.
		get: () => (api ??= createAdminCaller(() => (context ??= adminContext(event)))),
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

export const handle = sequence(
	securityHeaders,
	liveAfterWrites,
	i18n(paraglideMiddleware, runtime),
	session,
	signInFirst
);
