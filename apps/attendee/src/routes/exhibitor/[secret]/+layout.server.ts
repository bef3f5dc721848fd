import { error } from '@sveltejs/kit';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS } from '$lib/server/ticket';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, params, setHeaders }) => {
	// The exhibitor's pages are theirs alone: the address is the key to them.
	setHeaders(PRIVATE_HEADERS);
	let exhibitor;
	try {
		exhibitor = await locals.api.exhibitorPage.page({ secret: params.secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	// An unknown secret is the site's 404, alike for one that never existed and a malformed one.
	if (!exhibitor) error(404, 'Not found');
	return { exhibitor };
};
