import { error } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';

/**
 * A conference or ticket the address names but the API does not know — missing, a draft, or an
 * id or secret too malformed to look up — is the site's 404 page, alike for every case.
 */
export function rethrowAsNotFound(e: unknown): never {
	if (e instanceof TRPCError && (e.code === 'NOT_FOUND' || e.code === 'BAD_REQUEST')) {
		error(404, 'Not found');
	}
	throw e;
}
