import { beijingDateOf } from '@huizhan/ledger';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [targets, editions, organisation] = await Promise.all([
		locals.api.targets.list({ includeRetired: true }),
		locals.api.editions.list(),
		locals.api.organisation.list()
	]);
	return {
		targets,
		// Drafts too: a new edition's targets are set before it opens.
		conferences: editions.map((e) => ({ id: e.id, nameZh: e.nameZh, nameEn: e.nameEn })),
		units: organisation.units,
		year: beijingDateOf(new Date().toISOString()).slice(0, 4)
	};
};

const targetId = (form: FormData) => Number(form.get('id'));

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const values = formValues(form, [
			'scope',
			'conferenceId',
			'unitId',
			'metric',
			'value',
			'periodStart',
			'periodEnd'
		]);
		// Every select is in the form without JavaScript: only the chosen scope's subject counts.
		const input = {
			scope: values.scope as 'conference' | 'year' | 'unit',
			conferenceId: values.scope === 'conference' ? values.conferenceId || null : null,
			unitId: values.scope === 'unit' && values.unitId ? Number(values.unitId) : null,
			metric: values.metric as 'signed_amount',
			value: values.value,
			periodStart: values.periodStart,
			periodEnd: values.periodEnd
		};
		try {
			await locals.api.targets.create(input);
			return { action: 'create', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'create' as const, ...values });
		}
	},
	update: async ({ request, locals }) => {
		const form = await request.formData();
		const values = formValues(form, ['value', 'periodStart', 'periodEnd']);
		const id = targetId(form);
		try {
			await locals.api.targets.update({ id, ...values });
			return { action: 'update', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'update' as const, id, ...values });
		}
	},
	retire: async ({ request, locals }) => {
		const id = targetId(await request.formData());
		try {
			await locals.api.targets.retire({ id });
			return { action: 'retire', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'retire' as const, id });
		}
	},
	restore: async ({ request, locals }) => {
		const id = targetId(await request.formData());
		try {
			await locals.api.targets.restore({ id });
			return { action: 'restore', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'restore' as const, id });
		}
	}
};
