import { error, fail } from '@sveltejs/kit';
import { AppError } from '@huizhan/api';
import { actionFailure, formValues } from '@huizhan/web/actions';
import { config } from '$lib/server/env';
import { editionFieldsOf } from '../fields';
import { questionOf } from './question-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, params }) => {
	try {
		const [edition, questions] = await Promise.all([
			locals.api.editions.get({ id: params.id }),
			locals.api.questions.list({ conferenceId: params.id })
		]);
		return { edition, questions };
	} catch (e) {
		if (e instanceof AppError && e.reason === 'edition_not_found') error(404, e.message);
		throw e;
	}
};

export const actions: Actions = {
	/** A new question, or changes to one (`id` set), from the questions card. */
	question: async ({ request, locals, params }) => {
		const form = await request.formData();
		const { id, input, values } = questionOf(form, params.id);
		try {
			if (id === null) await locals.api.questions.create(input);
			else await locals.api.questions.update({ ...input, id });
			return { action: 'question' as const, done: true };
		} catch (e) {
			return actionFailure(e, { action: 'question' as const, ...values });
		}
	},
	removeQuestion: async ({ request, locals }) => {
		const id = Number((await request.formData()).get('id'));
		try {
			const { removed } = await locals.api.questions.remove({ id });
			return { action: 'removeQuestion' as const, done: true, removed };
		} catch (e) {
			return actionFailure(e, { action: 'removeQuestion' as const });
		}
	},
	/**
	 * A two-hour grant to see this draft on the attendee site (docs/architecture.md, “Previewing
	 * a draft”), answered as a link to open rather than a redirect: the console's CSP allows forms
	 * to post only to itself, and browsers hold a form's redirect to that rule too. The attendee
	 * site trades the grant for a cookie and drops it from the address at once. Its origin is
	 * ATTENDEE_ORIGIN, else the default the README gives.
	 */
	preview: async ({ locals, params }) => {
		try {
			const grant = await locals.api.previews.grant({ id: params.id });
			const url = new URL('/preview', config.attendeeOrigin ?? 'http://localhost:3000');
			url.searchParams.set('grant', grant.token);
			return { action: 'preview' as const, previewUrl: url.href, expiresAt: grant.expiresAt };
		} catch (e) {
			return actionFailure(e, { action: 'preview' as const });
		}
	},
	update: async ({ request, locals, params }) => {
		const input = { ...editionFieldsOf(await request.formData()), id: params.id };
		try {
			await locals.api.editions.update(input);
			return { action: 'update', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'update' as const, ...input });
		}
	},
	status: async ({ request, locals, params }) => {
		const status = String((await request.formData()).get('status') ?? '') as 'open';
		try {
			await locals.api.editions.setStatus({ id: params.id, status });
			return { action: 'status', done: true };
		} catch (e) {
			return actionFailure(e, { action: 'status' as const });
		}
	},
	category: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, [
			'category',
			'nameZh',
			'nameEn',
			'descriptionZh',
			'descriptionEn',
			'color',
			'capacity',
			'sortOrder'
		]);
		const input = {
			...values,
			conferenceId: params.id,
			category: values.category as 'visitor',
			capacity: values.capacity.trim() as unknown as number,
			sortOrder: values.sortOrder as unknown as number,
			needsApproval: form.get('needsApproval') === 'on',
			byInvitation: form.get('byInvitation') === 'on',
			needsVetting: form.get('needsVetting') === 'on',
			open: form.get('open') === 'on'
		};
		try {
			await locals.api.editions.updateCategory(input);
			return { action: 'category', category: input.category, done: true };
		} catch (e) {
			// The refusal names how many seats are taken, so the organiser knows the floor.
			if (e instanceof AppError && e.reason === 'capacity_below_taken') {
				return fail(409, {
					values: { action: 'category' as const, ...input },
					reason: null,
					taken: Number(e.details.taken),
					fieldErrors: { capacity: ['capacity_below_taken'] }
				});
			}
			return actionFailure(e, { action: 'category' as const, ...input });
		}
	}
};
