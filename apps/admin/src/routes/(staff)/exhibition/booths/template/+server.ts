import { error } from '@sveltejs/kit';
import { hasAnyRole } from '@huizhan/api';
import { PAGE_ACCESS } from '$lib/access';
import type { RequestHandler } from './$types';

/** The hall plan's import template as a download; the roles checked here, as for the import page. */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, PAGE_ACCESS['/(staff)/exhibition/booths/import'] ?? []))
		error(403, 'forbidden');
	const file = await locals.api.booths.template();
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="booths-template.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
