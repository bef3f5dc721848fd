import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const showAll = url.searchParams.get('all') === '1';
	return {
		conflicts: await locals.api.checkin.conflicts({ open: !showAll }),
		showAll
	};
};

export const actions: Actions = {
	resolve: async ({ request, locals }) => {
		const form = await request.formData();
		const conflictId = Number(form.get('conflictId'));
		const note = String(form.get('note') ?? '');
		try {
			await locals.api.checkin.resolveConflict({ conflictId, note });
			return { resolved: conflictId };
		} catch (e) {
			return actionFailure(e, { conflictId, note });
		}
	}
};
