import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	links: await locals.api.screens.list()
});

export const actions: Actions = {
	/** A new link: its address is shown once, in this response, and never again. */
	create: async ({ request, locals, url }) => {
		const values = formValues(await request.formData(), ['label']);
		try {
			const link = await locals.api.screens.create({ label: values.label ?? '' });
			return {
				action: 'create' as const,
				created: { label: link.label, url: `${url.origin}/screen/${link.token}` }
			};
		} catch (e) {
			return actionFailure(e, { action: 'create' as const, label: values.label ?? '' });
		}
	},
	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		const id = Number(form.get('id'));
		try {
			await locals.api.screens.revoke({ id });
			return { action: 'revoke' as const, revoked: String(form.get('label') ?? '') };
		} catch (e) {
			return actionFailure(e, { action: 'revoke' as const, id });
		}
	}
};
