import { redirect } from '@sveltejs/kit';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { editionFieldsOf } from './fields';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url }) => {
	const editions = await locals.api.editions.list();
	const from = url.searchParams.get('from');
	// Copying starts from the earlier edition's values a year on; nothing is saved until submit.
	const draft =
		from && editions.some((e) => e.id === from)
			? await locals.api.editions.copyDraft({ from })
			: null;
	return { editions, draft };
};

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const copyFrom = String(form.get('copyFrom') ?? '') || undefined;
		const targetCount = Number(form.get('targetCount') ?? 0);
		const targets = copyFrom
			? Array.from({ length: Math.min(20, Math.max(0, targetCount)) }, (_, i) => {
					const t = formValues(form, [
						`targetMetric${i}`,
						`targetValue${i}`,
						`targetStart${i}`,
						`targetEnd${i}`
					]);
					return {
						metric: t[`targetMetric${i}`] as 'signed_amount',
						value: t[`targetValue${i}`] ?? '',
						periodStart: t[`targetStart${i}`] ?? '',
						periodEnd: t[`targetEnd${i}`] ?? ''
					};
				})
			: undefined;
		const input = { ...editionFieldsOf(form), copyFrom, targets };
		let created;
		try {
			created = await locals.api.editions.create(input);
		} catch (e) {
			return actionFailure(e, input);
		}
		redirect(303, `/settings/conferences/${created.id}`);
	}
};
