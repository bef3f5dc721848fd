import { error, fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { AppError } from '@huizhan/api';

/**
 * Turns a refused procedure call into what a form action returns: the status with a reason code
 * for the form (`registration_closed`) or codes beside the fields (`mobile_invalid`), which the
 * page translates; or the HTTP error for access problems (staff procedures only — every attendee
 * procedure is public, so the site never gets one). Anything else is a bug and is rethrown.
 */
export function actionFailure<V extends Record<string, unknown>>(e: unknown, values: V = {} as V) {
	if (e instanceof AppError) {
		const field = typeof e.details.field === 'string' ? e.details.field : null;
		return fail(getHTTPStatusCodeFromError(e), {
			values,
			reason: field ? null : e.reason,
			fieldErrors: field ? { [field]: [e.reason] } : {}
		});
	}
	if (e instanceof TRPCError) {
		if (e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError) {
			return fail(400, { values, reason: null, fieldErrors: fieldErrorsOf(e.cause) });
		}
		if (e.code === 'UNAUTHORIZED' || e.code === 'FORBIDDEN') {
			error(getHTTPStatusCodeFromError(e), e.message);
		}
	}
	throw e;
}

/**
 * Each invalid field's codes, keyed by the field's own name (the last step of its path): the
 * forms name their inputs after the fields, however the procedure nests them (`facts.signedOn`).
 */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = String(issue.path.at(-1) ?? '');
		(errors[field] ??= []).push(issue.message);
	}
	return errors;
}

/**
 * The text fields of a submitted form, as an object keyed by the names asked for (and readable by
 * any string, as the console's generic forms do). Callers leave passwords out, so they are never
 * echoed back into the page.
 */
export const formValues = <N extends string>(form: FormData, names: readonly N[]) =>
	Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')])) as Record<
		N,
		string
	> &
		Record<string, string>;
