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
	const delegationId = idOf(params.id);
	try {
		const [delegation, conferences] = await Promise.all([
			locals.api.delegations.get({ delegationId }),
			locals.api.conferences.list()
		]);
		const { secret, ...shown } = delegation;
		return {
			delegation: shown,
			conference: conferences.find((c) => c.id === delegation.conferenceId) ?? null,
			// The leader's page on the attendee site, for an admin to read out or send by hand; the
			// path alone when the site's address (ATTENDEE_ORIGIN) is not configured.
			leaderLink: `${config.attendeeOrigin ?? ''}/d/${secret}`
		};
	} catch (e) {
		if (e instanceof AppError && e.code === 'NOT_FOUND') error(404, 'Not found');
		throw e;
	}
};

export const actions: Actions = {
	quota: async ({ request, locals, params }) => {
		const form = await request.formData();
		const quota = String(form.get('quota') ?? '');
		try {
			const set = await locals.api.delegations.setQuota({
				delegationId: idOf(params.id),
				quota: Number(quota)
			});
			return { done: 'quota' as const, quota: set.quota };
		} catch (e) {
			return actionFailure(e, { quota });
		}
	},
	close: async ({ locals, params }) => {
		try {
			await locals.api.delegations.close({ delegationId: idOf(params.id) });
			return { done: 'closed' as const };
		} catch (e) {
			return actionFailure(e);
		}
	},
	resend: async ({ locals, params }) => {
		try {
			const sent = await locals.api.delegations.resendLink({ delegationId: idOf(params.id) });
			return { done: 'resent' as const, queued: sent.queued };
		} catch (e) {
			return actionFailure(e);
		}
	}
};
