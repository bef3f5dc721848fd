import { error, redirect } from '@sveltejs/kit';
import { checkPreviewGrant } from '@huizhan/api';
import { database } from '$lib/server/db';
import { PREVIEW_COOKIE } from '$lib/server/preview';
import type { RequestHandler } from './$types';

/**
 * Where the console's preview link lands: the grant moves from the address into an httpOnly
 * cookie that expires with it, and the visitor goes on to the clean address of the draft's page,
 * so the grant leaves the address bar and history at once. An invalid or expired grant is the
 * site's 404, as the draft itself is to everyone else.
 */
export const GET: RequestHandler = async ({ url, cookies }) => {
	const token = url.searchParams.get('grant');
	const grant = await checkPreviewGrant((await database()).db, token, new Date());
	if (!token || !grant) error(404, 'Not found');
	cookies.set(PREVIEW_COOKIE, token, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		expires: grant.expiresAt
	});
	redirect(303, `/c/${encodeURIComponent(grant.conferenceId)}`);
};
