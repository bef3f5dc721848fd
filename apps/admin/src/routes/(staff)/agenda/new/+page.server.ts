import { error, redirect } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { sessionFailure, sessionFieldsOf, sessionValues } from '../session-form';
import type { Actions, PageServerLoad } from './$types';

async function editionOf(api: App.Locals['api'], id: string | null) {
	if (!id) error(404, 'no edition');
	try {
		return await api.editions.get({ id });
	} catch (e) {
		if (e instanceof AppError && e.reason === 'edition_not_found') error(404, e.message);
		throw e;
	}
}

export const load: PageServerLoad = async ({ locals, url }) => ({
	edition: await editionOf(locals.api, url.searchParams.get('edition'))
});

export const actions: Actions = {
	default: async ({ request, locals, url }) => {
		const conferenceId = url.searchParams.get('edition') ?? '';
		const values = sessionValues(await request.formData());
		let id: number;
		try {
			id = (await locals.api.agenda.create({ ...sessionFieldsOf(values), conferenceId })).id;
		} catch (e) {
			return sessionFailure(e, values);
		}
		redirect(303, `/agenda/${id}?created=1`);
	}
};
