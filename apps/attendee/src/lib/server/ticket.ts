import { error } from '@sveltejs/kit';
import { rethrowAsNotFound } from './not-found.ts';

type Api = App.Locals['api'];

/**
 * The ticket behind a secret, or the 404 page — the same for a secret that never existed and
 * one too malformed to look up, so nobody learns anything by trying addresses.
 */
export async function ticketOrNotFound(api: Api, secret: string) {
	let ticket;
	try {
		ticket = await api.registration.ticket({ secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	if (!ticket) error(404, 'Not found');
	return ticket;
}

/**
 * The ticket page and its calendar file are the attendee's alone: no shared cache keeps them,
 * no search engine lists them. The address itself is the key to the ticket.
 */
export const PRIVATE_HEADERS = { 'cache-control': 'private, no-store', 'x-robots-tag': 'noindex' };
