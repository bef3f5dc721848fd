import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createAttendeeCaller, ensureTicketKeys, startupProblem } from '@huizhan/api';
import { i18n, securityHeaders } from '@huizhan/web/hooks';
import * as runtime from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { attendeeContext } from '$lib/server/context';
import { database } from '$lib/server/db';
import { config } from '$lib/server/env';
import { mail } from '$lib/server/mail';

/**
 * Open and migrate the database before the first request, so a broken file fails the start. In
 * production database the platform is not opened to the public before someone can administer it.
 */
export const init: ServerInit = async () => {
	const handle = await database();
	const { db } = handle;
	const problem = await startupProblem(db, config.declaredMode);
	if (problem) {
		console.error(`[huizhan] ${problem.replaceAll('\n', '\n          ')}`);
		throw new Error('the database cannot be served (see above)');
	}
	// Every conference needs a signing key before its first ticket is shown.
	await ensureTicketKeys(db);
	const sender = mail(db);
	// adapter-node says so once the server has stopped taking requests: what the mail sender is
	// doing finishes, then the connection closes after the transaction that holds it, if any.
	process.once('sveltekit:shutdown', async () => {
		await sender.stop();
		await handle.close();
	});
};

/**
 * The attendee router, called in-process by load functions and form actions, with the same
 * context as the HTTP API.
 */
const api: Handle = ({ event, resolve }) => {
	let context: ReturnType<typeof attendeeContext> | undefined;
	// One context per request, built when a procedure is first called.
	event.locals.api = createAttendeeCaller(() => (context ??= attendeeContext(event)));
	return resolve(event);
};

export const handle = sequence(securityHeaders, i18n(paraglideMiddleware, runtime), api);
