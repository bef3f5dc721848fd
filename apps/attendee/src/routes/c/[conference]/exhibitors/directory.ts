import type { DirectoryPage, DirectoryProfile } from '@huizhan/api';
import { previewGrant } from '$lib/server/preview';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { error, type Cookies } from '@sveltejs/kit';

type Api = App.Locals['api'];

/** The GET form's fields as the page reads them back: what was asked, to fill the form again. */
export interface DirectoryQuery {
	q: string;
	chain: string;
	hall: string;
}

/**
 * A page of the directory for the form's query string; the 404 page for a draft (without its
 * preview grant) or no edition. A field the search cannot read (a chain that is not a number)
 * is dropped rather than refused: the link was hand-edited, and the whole directory is the
 * friendliest answer.
 */
export async function directoryOrNotFound(
	api: Api,
	conferenceId: string,
	params: URLSearchParams,
	cookies: Cookies
): Promise<{ page: DirectoryPage; query: DirectoryQuery }> {
	const query = {
		q: (params.get('q') ?? '').trim().slice(0, 100),
		chain: /^\d{1,9}$/.test(params.get('chain') ?? '') ? params.get('chain')! : '',
		hall: (params.get('hall') ?? '').trim().slice(0, 16)
	};
	const pageNumber = /^\d{1,4}$/.test(params.get('page') ?? '') ? Number(params.get('page')) : 1;
	try {
		const page = await api.exhibitors.search({
			conferenceId,
			q: query.q || undefined,
			chainId: query.chain ? Number(query.chain) : undefined,
			hall: query.hall || undefined,
			page: Math.max(1, pageNumber),
			preview: previewGrant(cookies)
		});
		return { page, query };
	} catch (e) {
		rethrowAsNotFound(e);
	}
}

/** One approved exhibitor's profile; the 404 page otherwise. */
export async function profileOrNotFound(
	api: Api,
	conferenceId: string,
	exhibitorId: string,
	cookies: Cookies
): Promise<DirectoryProfile> {
	if (!/^\d{1,9}$/.test(exhibitorId)) error(404, 'Not found');
	try {
		return await api.exhibitors.profile({
			conferenceId,
			exhibitorId: Number(exhibitorId),
			preview: previewGrant(cookies)
		});
	} catch (e) {
		rethrowAsNotFound(e);
	}
}
