import { fail } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { z } from 'zod';
import { AppError } from '@huizhan/api';

/**
 * Turns a refused procedure call into what a form action returns: a reason code for the form
 * (`registration_closed`), or codes beside the fields (`mobile_invalid`), which the page
 * translates. Anything else is a bug and is rethrown. The console's helper, less its staff
 * access branch: every attendee procedure is public.
 */
export function actionFailure<V extends Record<string, unknown>>(e: unknown, values: V) {
	if (e instanceof AppError) {
		const field = typeof e.details.field === 'string' ? e.details.field : null;
		return fail(getHTTPStatusCodeFromError(e), {
			values,
			reason: field ? null : e.reason,
			fieldErrors: field ? { [field]: [e.reason] } : {}
		});
	}
	if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && e.cause instanceof z.ZodError) {
		return fail(400, { values, reason: null, fieldErrors: fieldErrorsOf(e.cause) });
	}
	throw e;
}

/** Each invalid field's codes, keyed by the last step of its path: the form's input name. */
function fieldErrorsOf(error: z.ZodError): Record<string, string[]> {
	const errors: Record<string, string[]> = {};
	for (const issue of error.issues) {
		const field = String(issue.path.at(-1) ?? '');
		(errors[field] ??= []).push(issue.message);
	}
	return errors;
}

/** The text fields of a submitted form, as an object. */
export const formValues = <N extends string>(form: FormData, names: readonly N[]) =>
	Object.fromEntries(names.map((name) => [name, String(form.get(name) ?? '')])) as Record<
		N,
		string
	>;
