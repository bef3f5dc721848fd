import { error, fail, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import {
	sessionFailure,
	sessionFieldsOf,
	sessionValues,
	speakerErrors,
	speakerRowsOf
} from '../session-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params, url }) => {
	const id = Number(params.id);
	if (!Number.isInteger(id) || id <= 0) error(404, 'no session');
	try {
		const session = await locals.api.agenda.get({ id });
		const edition = await locals.api.editions.get({ id: session.conferenceId });
		return { session, edition, created: url.searchParams.has('created') };
	} catch (e) {
		if (e instanceof AppError && e.reason === 'session_not_found') error(404, e.message);
		throw e;
	}
};

export const actions: Actions = {
	update: async ({ request, locals, params }) => {
		const values = sessionValues(await request.formData());
		try {
			await locals.api.agenda.update({ ...sessionFieldsOf(values), id: Number(params.id) });
			return { action: 'update' as const, done: true };
		} catch (e) {
			return sessionFailure(e, { ...values, action: 'update' as const });
		}
	},
	/** Saves the speakers' rows, after moving or removing the row whose button was pressed. */
	speakers: async ({ request, locals, params }) => {
		const rows = speakerRowsOf(await request.formData());
		const errors = speakerErrors(rows);
		if (errors) return fail(400, { action: 'speakers' as const, rows, speakerErrors: errors });
		try {
			await locals.api.agenda.setSpeakers({ sessionId: Number(params.id), speakers: rows });
			return { action: 'speakers' as const, done: true };
		} catch (e) {
			return actionFailure(e, { action: 'speakers' as const });
		}
	},
	delete: async ({ request, locals, params }) => {
		const form = await request.formData();
		const confirmText = String(form.get('confirmSignups') ?? '').trim();
		const conferenceId = String(form.get('conferenceId') ?? '');
		try {
			await locals.api.agenda.delete({
				id: Number(params.id),
				confirmSignups: confirmText === '' ? undefined : Number(confirmText)
			});
		} catch (e) {
			return actionFailure(e, { action: 'delete' as const });
		}
		redirect(303, `/agenda?edition=${encodeURIComponent(conferenceId)}`);
	}
};
