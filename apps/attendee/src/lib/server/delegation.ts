import { error, fail } from '@sveltejs/kit';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import { rethrowAsNotFound } from './not-found.ts';

type Api = App.Locals['api'];

/** The delegation behind a leader's secret, or the 404 page (alike for unknown and malformed). */
export async function delegationOrNotFound(api: Api, secret: string) {
	let page;
	try {
		page = await api.delegation.page({ secret });
	} catch (e) {
		rethrowAsNotFound(e);
	}
	if (!page) error(404, 'Not found');
	return page;
}

/**
 * A refused submission as the form shows it: the reason, and what it names — the places left,
 * the spreadsheet row, the bad cells — so the leader knows what to change.
 */
export function submissionFailure(e: unknown, values: Record<string, string> = {}) {
	if (e instanceof AppError && typeof e.details.field !== 'string') {
		const { placesLeft, submitted, row, otherRow, errors } = e.details;
		return fail(getHTTPStatusCodeFromError(e), {
			values,
			reason: e.reason,
			fieldErrors: {} as Record<string, string[]>,
			placesLeft: typeof placesLeft === 'number' ? placesLeft : null,
			submitted: typeof submitted === 'number' ? submitted : null,
			row: typeof row === 'number' ? row : null,
			otherRow: typeof otherRow === 'number' ? otherRow : null,
			cells: Array.isArray(errors)
				? (errors as { row: number; column: string; code: string }[])
				: []
		});
	}
	return actionFailure(e, values);
}
