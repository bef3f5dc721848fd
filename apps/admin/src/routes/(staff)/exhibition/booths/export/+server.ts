import { error } from '@sveltejs/kit';
import { hasAnyRole } from '@huizhan/api';
import { PAGE_ACCESS } from '$lib/access';
import type { RequestHandler } from './$types';

/**
 * The hall plan with its holders as a download. Endpoints are not behind the staff layout's
 * guard, so the roles are checked here, as for the booths page (and again by the procedure).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, PAGE_ACCESS['/(staff)/exhibition/booths'] ?? []))
		error(403, 'forbidden');
	const conferenceId = url.searchParams.get('conference') ?? '';
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const file = await locals.api.booths.export({ conferenceId, format });
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type':
				format === 'csv'
					? 'text/csv; charset=utf-8'
					: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="booths.${format}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
