import { fail } from '@sveltejs/kit';
import { formValues } from '@huizhan/web/actions';
import { delegationOrNotFound, submissionFailure } from '$lib/server/delegation';
import { rethrowAsNotFound } from '$lib/server/not-found';
import { PRIVATE_HEADERS } from '$lib/server/ticket';
import type { Actions, PageServerLoad } from './$types';

const MEMBER_FIELDS = ['name', 'organisation', 'title', 'mobile', 'email'] as const;

export const load: PageServerLoad = async ({ locals, params, setHeaders }) => {
	// The leader's page is theirs alone: the address is the key to it.
	setHeaders(PRIVATE_HEADERS);
	return { delegation: await delegationOrNotFound(locals.api, params.secret) };
};

const base64Of = async (file: FormDataEntryValue | null) =>
	file instanceof File && file.size > 0
		? Buffer.from(await file.arrayBuffer()).toString('base64')
		: '';

export const actions: Actions = {
	/** One member typed in the form. */
	add: async ({ request, locals, params }) => {
		const form = await request.formData();
		const values = formValues(form, MEMBER_FIELDS);
		try {
			await locals.api.delegation.addMembers({
				secret: params.secret,
				members: [values],
				consent: (form.get('consent') === 'on') as true
			});
			return { action: 'add' as const, added: values.name };
		} catch (e) {
			return submissionFailure(e, { ...values, action: 'add' });
		}
	},

	/** The dry run of a spreadsheet: nothing is stored; the file comes back to submit. */
	preview: async ({ request, locals, params }) => {
		const form = await request.formData();
		const contentBase64 = await base64Of(form.get('file'));
		if (!contentBase64) return fail(400, { values: { action: 'sheet' }, reason: 'file_required' });
		try {
			const preview = await locals.api.delegation.previewSheet({
				secret: params.secret,
				contentBase64
			});
			return { action: 'sheet' as const, preview, contentBase64 };
		} catch (e) {
			return submissionFailure(e, { action: 'sheet' });
		}
	},

	/** Every member of a previewed file, all or none. */
	submit: async ({ request, locals, params }) => {
		const form = await request.formData();
		try {
			const { added } = await locals.api.delegation.submitSheet({
				secret: params.secret,
				contentBase64: String(form.get('contentBase64') ?? ''),
				consent: (form.get('consent') === 'on') as true
			});
			return { action: 'submitted' as const, count: added.length };
		} catch (e) {
			return submissionFailure(e, { action: 'sheet' });
		}
	},

	/** Cancels one member; their place is free again. */
	cancel: async ({ request, locals, params }) => {
		const form = await request.formData();
		const reference = String(form.get('reference') ?? '');
		try {
			const { cancelled } = await locals.api.delegation.cancelMember({
				secret: params.secret,
				reference
			});
			return { action: 'cancel' as const, cancelled, reference };
		} catch (e) {
			rethrowAsNotFound(e);
		}
	}
};
