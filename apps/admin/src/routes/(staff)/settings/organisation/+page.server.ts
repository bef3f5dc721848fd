import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => locals.api.organisation.list();

type Kind = 'chain' | 'unit';

/** The kind and id every row's forms carry. */
const itemOf = (form: FormData) => ({
	kind: String(form.get('kind') ?? '') as Kind,
	id: Number(form.get('id'))
});

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = {
			kind: String(form.get('kind') ?? '') as Kind,
			...formValues(form, ['nameZh', 'nameEn'])
		};
		try {
			const created = await locals.api.organisation.create(values);
			return { action: 'create', done: created.nameZh };
		} catch (e) {
			return actionFailure(e, { action: 'create' as const, ...values });
		}
	},
	rename: async ({ request, locals }) => {
		const form = await request.formData();
		const values = { ...itemOf(form), ...formValues(form, ['nameZh', 'nameEn']) };
		try {
			const renamed = await locals.api.organisation.rename(values);
			return { action: 'rename', done: renamed.nameZh };
		} catch (e) {
			return actionFailure(e, { action: 'rename' as const, ...values });
		}
	},
	move: async ({ request, locals }) => {
		const form = await request.formData();
		const values = {
			...itemOf(form),
			direction: (form.get('direction') === 'up' ? 'up' : 'down') as 'up' | 'down'
		};
		try {
			await locals.api.organisation.move(values);
			return { action: 'move', done: '' };
		} catch (e) {
			return actionFailure(e, { action: 'move' as const, ...values });
		}
	},
	setActive: async ({ request, locals }) => {
		const form = await request.formData();
		const values = { ...itemOf(form), active: form.get('active') === 'true' };
		try {
			const row = await locals.api.organisation.setActive(values);
			return { action: values.active ? 'restore' : 'retire', done: row.nameZh };
		} catch (e) {
			return actionFailure(e, { action: 'setActive' as const, ...values });
		}
	},
	delete: async ({ request, locals }) => {
		const form = await request.formData();
		const values = itemOf(form);
		try {
			await locals.api.organisation.delete(values);
			return { action: 'delete', done: '' };
		} catch (e) {
			return actionFailure(e, { action: 'delete' as const, ...values });
		}
	}
};
