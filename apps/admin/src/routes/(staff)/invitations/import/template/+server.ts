import { error } from '@sveltejs/kit';
import { hasAnyRole } from '@huizhan/api';
import { PAGE_ACCESS } from '$lib/access';
import type { RequestHandler } from './$types';

/**
 * The invitee list template as a download. Endpoints are not behind the staff layout's guard,
 * so the roles are checked here, as for the import page (and again by the procedure).
 */
export const GET: RequestHandler = async ({ locals }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, PAGE_ACCESS['/(staff)/invitations/import'] ?? []))
		error(403, 'forbidden');
	const file = await locals.api.invitations.template();
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="invitations-template.xlsx"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
