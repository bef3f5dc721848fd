import { actionFailure } from '@huizhan/web/actions';
import type { Actions } from './$types';

export const actions: Actions = {
	default: async ({ request, locals }) => {
		const form = await request.formData();
		const input = {
			currentPassword: String(form.get('currentPassword') ?? ''),
			newPassword: String(form.get('newPassword') ?? ''),
			confirmPassword: String(form.get('confirmPassword') ?? '')
		};
		try {
			await locals.api.account.changePassword(input);
		} catch (e) {
			return actionFailure(e);
		}
		return { changed: true };
	}
};
