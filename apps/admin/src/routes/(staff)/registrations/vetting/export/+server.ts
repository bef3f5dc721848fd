import { error } from '@sveltejs/kit';
import { hasAnyRole, SHEET_CONTENT_TYPES } from '@huizhan/api';
import type { RequestHandler } from './$types';

/**
 * `GET /registrations/vetting/export?conference=…`: the list for the security office. Admins
 * only (the procedure checks and audits again: endpoints are not behind the layout's guard).
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, ['admin'])) error(403, 'forbidden');
	const conferenceId = url.searchParams.get('conference')?.trim().slice(0, 64) ?? '';
	const file = await locals.api.vetting.export({ conferenceId });
	// Browsers that only read the plain `filename` get it without the Chinese part.
	const fallback = `vetting${file.filename.slice(file.filename.indexOf('-'))}`;
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES.xlsx,
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
