import { error } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { actionFailure } from '@huizhan/web/actions';
import { config } from '$lib/server/env';
import type { Actions, PageServerLoad } from './$types';

const idOf = (raw: string) => {
	const id = Number(raw);
	if (!Number.isInteger(id) || id <= 0) error(404, 'Not found');
	return id;
};

export const load: PageServerLoad = async ({ locals, params }) => {
	const exhibitorId = idOf(params.id);
	try {
		const [exhibitor, conferences] = await Promise.all([
			locals.api.exhibitors.get({ exhibitorId }),
			locals.api.conferences.list()
		]);
		const { secret, ...shown } = exhibitor;
		return {
			exhibitor: shown,
			conference: conferences.find((c) => c.id === exhibitor.conferenceId) ?? null,
			// The company's page on the attendee site, for an admin to read out or send by hand; the
			// path alone when the site's address (ATTENDEE_ORIGIN) is not configured.
			exhibitorLink: `${config.attendeeOrigin ?? ''}/exhibitor/${secret}`
		};
	} catch (e) {
		if (e instanceof AppError && e.code === 'NOT_FOUND') error(404, 'Not found');
		throw e;
	}
};

/** A decision with its note (a rejection's reason, the changes asked for). */
const noteOf = async (request: Request) => String((await request.formData()).get('note') ?? '');

export const actions: Actions = {
	approve: async ({ locals, params }) => {
		try {
			await locals.api.exhibitors.approve({ exhibitorId: idOf(params.id) });
			return { done: 'approved' as const };
		} catch (e) {
			return actionFailure(e);
		}
	},
	requestChanges: async ({ request, locals, params }) => {
		const note = await noteOf(request);
		try {
			await locals.api.exhibitors.requestChanges({ exhibitorId: idOf(params.id), note });
			return { done: 'changes_requested' as const };
		} catch (e) {
			return actionFailure(e, { note, decision: 'requestChanges' });
		}
	},
	reject: async ({ request, locals, params }) => {
		const note = await noteOf(request);
		try {
			await locals.api.exhibitors.reject({ exhibitorId: idOf(params.id), note });
			return { done: 'rejected' as const };
		} catch (e) {
			return actionFailure(e, { note, decision: 'reject' });
		}
	}
};
