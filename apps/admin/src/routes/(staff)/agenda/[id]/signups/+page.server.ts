import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import type { PageServerLoad } from './$types';

/** A session's sign-ups (论坛报名名单), contacts masked; admins only (lib/access.ts). */
export const load: PageServerLoad = async ({ locals, params }) => {
	const sessionId = Number(params.id);
	if (!Number.isInteger(sessionId) || sessionId <= 0) error(404, 'Not found');
	try {
		return await locals.api.sessionSignups.list({ sessionId });
	} catch (e) {
		if (e instanceof TRPCError && e.code === 'NOT_FOUND') error(404, 'Not found');
		throw e;
	}
};
