import type { StaffRole } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => ({
	users: await locals.api.users.list()
});

const userIdOf = (form: FormData) => Number(form.get('userId'));
/** Checked against the role list by the procedure's schema; unknown values are refused there. */
const rolesOf = (form: FormData) => form.getAll('roles').map(String) as StaffRole[];

/*
 * Each action calls its procedure, which validates with the same zod schema as the HTTP API,
 * checks the caller's role and writes the audit log; a refusal comes back as field messages.
 */
export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = formValues(form, ['login', 'displayName']);
		const input = {
			login: values.login ?? '',
			displayName: values.displayName ?? '',
			password: String(form.get('password') ?? ''),
			roles: rolesOf(form)
		};
		try {
			const user = await locals.api.users.create(input);
			return { action: 'create', done: user.login };
		} catch (e) {
			return actionFailure(e, {
				action: 'create' as const,
				login: input.login,
				displayName: input.displayName,
				roles: input.roles as string[]
			});
		}
	},
	setRoles: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			await locals.api.users.setRoles({ userId: userIdOf(form), roles: rolesOf(form) });
			return { action: 'setRoles', done: String(form.get('login') ?? '') };
		} catch (e) {
			return actionFailure(e, { action: 'setRoles' as const, userId: userIdOf(form) });
		}
	},
	setDisabled: async ({ request, locals }) => {
		const form = await request.formData();
		const disabled = form.get('disabled') === 'true';
		try {
			await locals.api.users.setDisabled({ userId: userIdOf(form), disabled });
			return { action: disabled ? 'disabled' : 'enabled', done: String(form.get('login') ?? '') };
		} catch (e) {
			return actionFailure(e, { action: 'setDisabled' as const, userId: userIdOf(form) });
		}
	},
	resetPassword: async ({ request, locals }) => {
		const form = await request.formData();
		try {
			await locals.api.users.resetPassword({
				userId: userIdOf(form),
				password: String(form.get('password') ?? '')
			});
			return { action: 'resetPassword', done: String(form.get('login') ?? '') };
		} catch (e) {
			return actionFailure(e, { action: 'resetPassword' as const, userId: userIdOf(form) });
		}
	}
};
