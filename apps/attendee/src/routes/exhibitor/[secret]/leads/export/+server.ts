import { SHEET_CONTENT_TYPES } from '@huizhan/api';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { leadFilters } from '../filters';
import type { RequestHandler } from './$types';

/** The lead list (as filtered on the page) as .xlsx, or `?format=csv`. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	let file;
	try {
		file = await locals.api.leads.export({
			exhibitorSecret: params.secret,
			...leadFilters(url),
			format
		});
	} catch (e) {
		rethrowAsNotFound(e);
	}
	return new Response(Buffer.from(file.contentBase64, 'base64'), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES[format],
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'private, no-store',
			'x-robots-tag': 'noindex'
		}
	});
};
