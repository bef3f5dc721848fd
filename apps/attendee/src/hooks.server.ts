import type { Handle, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
import { createAttendeeCaller, createContextInner } from '@huizhan/api';
import { paraglideMiddleware } from '$lib/paraglide/server';
import { database } from '$lib/server/db';

/** Open and migrate the database before the first request, so a broken file fails the start. */
export const init: ServerInit = () => {
	database();
};

/** Resolves the visitor's language and writes it into `<html lang>`. */
const i18n: Handle = ({ event, resolve }) =>
	paraglideMiddleware(event.request, ({ request, locale }) => {
		event.request = request;
		return resolve(event, {
			transformPageChunk: ({ html }) => html.replace('%lang%', locale)
		});
	});

/** The attendee router, called in-process by load functions and form actions. */
const api: Handle = ({ event, resolve }) => {
	event.locals.api = createAttendeeCaller(createContextInner(database()));
	return resolve(event);
};

export const handle = sequence(i18n, api);
