import { fail, redirect } from '@sveltejs/kit';
import type { z } from 'zod';
import { AppError, type noticeInputs } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

/*
 * A notice in three steps that each work without JavaScript: compose (the edition is chosen by a
 * GET form, as its delegations depend on it), preview (the exact reach and a one-time send key),
 * confirm. The send redirects to the history, so a reload sends nothing; pressing send twice
 * sends once, as both presses carry the same key.
 */

const FIELDS = ['conferenceId', 'checkedIn', 'bodyZh', 'bodyEn'] as const;

/**
 * The form as the notice procedures take it: lists from repeated fields. The procedures check it
 * with the shared schema (`noticeInputs`); their field codes come back beside the fields.
 */
function composed(form: FormData) {
	const values = {
		...formValues(form, FIELDS),
		categories: form.getAll('categories').map(String),
		delegationIds: form.getAll('delegationIds').map(String)
	};
	const input = {
		...values,
		requestId: String(form.get('requestId') ?? ''),
		expectedRecipients: String(form.get('expectedRecipients') ?? '')
	};
	return { values, input: input as unknown as z.input<typeof noticeInputs.sendNoticeInput> };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const conferences = await locals.api.conferences.list();
	const requested = url.searchParams.get('conference');
	const conferenceId =
		conferences.find((c) => c.id === requested)?.id ?? conferences[0]?.id ?? null;
	const [options, history] = await Promise.all([
		conferenceId ? locals.api.notices.options({ conferenceId }) : null,
		locals.api.notices.list({})
	]);
	const sentId = Number(url.searchParams.get('sent'));
	return {
		conferences,
		conferenceId,
		options,
		history,
		sent: history.find((n) => n.id === sentId) ?? null,
		duplicate: url.searchParams.get('again') === '1'
	};
};

export const actions: Actions = {
	preview: async ({ request, locals }) => {
		const { values, input } = composed(await request.formData());
		try {
			const preview = await locals.api.notices.preview(input);
			return { values, preview };
		} catch (e) {
			return actionFailure(e, values);
		}
	},

	send: async ({ request, locals }) => {
		const { values, input } = composed(await request.formData());
		let sent;
		try {
			sent = await locals.api.notices.send(input);
		} catch (e) {
			if (e instanceof AppError && e.reason === 'notice_audience_changed') {
				return fail(409, {
					values,
					reason: e.reason,
					recipients: Number(e.details.recipients)
				});
			}
			return actionFailure(e, values);
		}
		redirect(
			303,
			`/notices?conference=${encodeURIComponent(sent.notice.conferenceId)}&sent=${sent.notice.id}${sent.duplicate ? '&again=1' : ''}`
		);
	}
};
