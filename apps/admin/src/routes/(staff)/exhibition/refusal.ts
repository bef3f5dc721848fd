import { fail } from '@sveltejs/kit';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';

/**
 * A refused exhibition command for its form. Beyond `actionFailure`, a refusal's details go back
 * too, for the words that name them: who holds a booth (company names, never contacts) and how
 * many passes must be cancelled before a release.
 */
export function exhibitionFailure<V extends Record<string, unknown>>(e: unknown, values: V) {
	if (e instanceof AppError && typeof e.details.field !== 'string') {
		return fail(getHTTPStatusCodeFromError(e), {
			values,
			reason: e.reason,
			details: e.details as Record<string, string | number | null>,
			fieldErrors: {}
		});
	}
	return actionFailure(e, values);
}
