import { error } from '@sveltejs/kit';
import { hasAnyRole, SHEET_CONTENT_TYPES } from '@huizhan/api';
import type { RequestHandler } from './$types';

/**
 * `GET /agenda/<session>/signups/export?format=xlsx|csv`: the session's sign-ups with contacts in
 * full, for seating and notices. Admins only; the procedure checks and audits again (endpoints
 * are not behind the staff layout's guard).
 */
export const GET: RequestHandler = async ({ locals, params, url }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, ['admin'])) error(403, 'forbidden');
	const sessionId = Number(params.id);
	if (!Number.isInteger(sessionId) || sessionId <= 0) error(404, 'Not found');
	const format = url.searchParams.get('format') === 'csv' ? 'csv' : 'xlsx';
	const file = await locals.api.sessionSignups.export({ sessionId, format });
	// Browsers that only read the plain `filename` get it without the Chinese part.
	const fallback = `session-signups${file.filename.slice(file.filename.indexOf('-'))}`;
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
