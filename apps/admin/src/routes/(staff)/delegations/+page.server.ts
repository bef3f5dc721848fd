import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = [
	'conferenceId',
	'category',
	'name',
	'organisation',
	'leaderName',
	'leaderMobile',
	'leaderEmail',
	'quota'
] as const;

export const load: PageServerLoad = async ({ locals, url }) => {
	const conferenceId = url.searchParams.get('conference')?.trim().slice(0, 64) || undefined;
	const [delegations, conferences] = await Promise.all([
		locals.api.delegations.list({ conferenceId }),
		locals.api.conferences.list()
	]);
	return { delegations, conferences, conferenceId };
};

export const actions: Actions = {
	/** A new delegation; the leader is sent their link at once. */
	create: async ({ request, locals }) => {
		const values = formValues(await request.formData(), FIELDS);
		try {
			const created = await locals.api.delegations.create({
				...values,
				category: values.category as 'delegate',
				quota: Number(values.quota)
			});
			return { created: { id: created.id, name: values.name } };
		} catch (e) {
			return actionFailure(e, values);
		}
	}
};
