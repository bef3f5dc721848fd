import { redirect } from '@sveltejs/kit';
import { actionFailure } from '@huizhan/web/actions';
import { applicationOf } from '$lib/server/exhibitor-application';
import type { Actions, PageServerLoad } from './$types';

/** Whether the edition takes applications now, and the chains to choose from. */
export const load: PageServerLoad = async ({ locals, params }) =>
	locals.api.exhibitorApplication.form({ conferenceId: params.conference });

export const actions: Actions = {
	default: async ({ request, locals, params }) => {
		const { values, fields } = applicationOf(await request.formData());
		let secret: string;
		try {
			({ secret } = await locals.api.exhibitorApplication.submit({
				conferenceId: params.conference,
				...fields
			}));
		} catch (e) {
			return actionFailure(e, values);
		}
		redirect(303, `/exhibitor/${secret}/application?submitted=1`);
	}
};
