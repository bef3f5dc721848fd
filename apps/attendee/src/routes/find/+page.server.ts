import { fail, redirect } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { AppError } from '@huizhan/api';
import { formValues } from '@huizhan/web/actions';
import type { Actions } from './$types';

const FIELDS = ['reference', 'contact', 'country'] as const;

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const values = formValues(await request.formData(), FIELDS);
		let secret: string | null = null;
		try {
			({ secret } = await locals.api.registration.findTicket(values));
		} catch (e) {
			if (e instanceof AppError && e.reason === 'too_many_attempts') {
				return fail(429, { values, reason: 'too_many_attempts' });
			}
			// Input the schema refuses (too long) is one more mismatch, answered alike below.
			if (!(e instanceof TRPCError && e.code === 'BAD_REQUEST')) throw e;
		}
		// One answer for every mismatch, so the form tells nobody whether a reference exists.
		if (!secret) return fail(400, { values, reason: 'no_ticket_match' });
		redirect(303, `/ticket/${secret}`);
	}
};
