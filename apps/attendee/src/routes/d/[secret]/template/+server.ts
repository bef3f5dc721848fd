import { SHEET_CONTENT_TYPES } from '@huizhan/api';
import type { RequestHandler } from './$types';
import { delegationOrNotFound } from '$lib/server/delegation';

/** The member list template, .xlsx or (`?format=csv`) .csv, for the leader to fill in. */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	await delegationOrNotFound(locals.api, params.secret);
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const file = await locals.api.delegation.template({ format });
	return new Response(Buffer.from(file.contentBase64, 'base64'), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES[format],
			'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'private, no-store'
		}
	});
};
