import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createAttendeeCaller, ensureTicketKeys, hasActiveAdmin } from '@huizhan/api';
import { i18n, securityHeaders } from '@huizhan/web/hooks';
import * as runtime from '$lib/paraglide/runtime';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { attendeeContext } from '$lib/server/context';
import { database } from '$lib/server/db';
import { config } from '$lib/server/env';
import { mail } from '$lib/server/mail';

/**
 * Open and migrate the database before the first request, so a broken file fails the start. In
 * production the platform is not opened to the public before someone can administer it.
 */
export const init: ServerInit = () => {
	const { db } = database();
	if (config.mode === 'production' && !hasActiveAdmin(db)) {
		console.error(
			'[huizhan] no administrator account exists yet; create one first:\n' +
				'          pnpm huizhan user add <login> --role admin'
		);
		throw new Error('no administrator account (HUIZHAN_MODE=production)');
	}
	// Every conference needs a signing key before its first ticket is shown.
	ensureTicketKeys(db);
	mail();
};

/**
 * The attendee router, called in-process by load functions and form actions, with the same
 * context as the HTTP API.
 */
const api: Handle = ({ event, resolve }) => {
	event.locals.api = createAttendeeCaller(attendeeContext(event));
	return resolve(event);
};

export const handle = sequence(securityHeaders, i18n(paraglideMiddleware, runtime), api);
