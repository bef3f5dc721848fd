import { error } from '@sveltejs/kit';
import { hasAnyRole, SHEET_CONTENT_TYPES } from '@huizhan/api';
import { schema } from '@huizhan/db';
import type { RequestHandler } from './$types';

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;

/**
 * `GET /registrations/export?format=xlsx|csv` with the /registrations page's own filters, so the
 * file holds what the page lists, every page of it. Admins only: the file has contacts in full.
 * (Endpoints are not behind the staff layout's guard; the procedure checks and audits again.)
 */
export const GET: RequestHandler = async ({ locals, url }) => {
	if (!locals.user) error(401, 'sign in first');
	if (!hasAnyRole(locals.user, ['admin'])) error(403, 'forbidden');
	const p = url.searchParams;
	const format = oneOf(['xlsx', 'csv'] as const, p.get('format')) ?? 'xlsx';
	const file = await locals.api.registrations.export({
		format,
		conferenceId: p.get('conference')?.trim().slice(0, 64) || undefined,
		category: oneOf(schema.ATTENDEE_CATEGORIES, p.get('category')),
		status: oneOf(schema.REGISTRATION_STATUSES, p.get('status')),
		text: p.get('q')?.trim().slice(0, 100) || undefined,
		checkedIn: p.get('in') === 'yes' ? true : p.get('in') === 'no' ? false : undefined
	});
	// Browsers that only read the plain `filename` get it without the Chinese part.
	const fallback = `registrations${file.filename.slice(file.filename.indexOf('-'))}`;
	return new Response(new Uint8Array(Buffer.from(file.contentBase64, 'base64')), {
		headers: {
			'content-type': SHEET_CONTENT_TYPES[format],
			'content-disposition': `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
			'cache-control': 'no-store'
		}
	});
};
