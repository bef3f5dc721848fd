import { AppError } from '@huizhan/api';
import { liveHub } from '$lib/server/live';
import type { PageServerLoad } from './$types';

/**
 * The venue's big screen: anyone holding the link sees the live figures, read-only, without
 * signing in, until an admin revokes the link.
 */
export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The token is the credential: keep the page out of caches and search engines.
	setHeaders({ 'cache-control': 'no-store', 'x-robots-tag': 'noindex' });
	try {
		const link = await locals.api.screens.open({ token: params.token });
		const snapshot = await (await liveHub()).current();
		return { status: 'open' as const, label: link.label, snapshot };
	} catch (error) {
		if (error instanceof AppError && error.reason === 'screen_revoked')
			return { status: 'revoked' as const };
		if (error instanceof AppError || (error as { code?: string }).code === 'BAD_REQUEST')
			return { status: 'unknown' as const };
		throw error;
	}
};
