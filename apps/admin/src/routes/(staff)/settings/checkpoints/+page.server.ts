import { schema } from '@huizhan/db';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals }) => {
	const [conferences, checkpoints] = await Promise.all([
		// Drafts too: an edition's gates are set up before it opens; archived ones are done.
		locals.api.editions.list(),
		locals.api.checkpoints.list({ includeInactive: true })
	]);
	const shown = conferences.filter((c) => c.status !== 'archived');
	const sessions = await locals.api.checkpoints.sessions({ conferenceIds: shown.map((c) => c.id) });
	return { conferences: shown, checkpoints, sessions };
};

/** The checkpoint fields of a submitted form; the procedure's schema checks them. */
function fieldsOf(form: FormData) {
	const values = formValues(form, ['nameZh', 'nameEn', 'entryRule', 'sessionId']);
	return {
		nameZh: values.nameZh ?? '',
		nameEn: values.nameEn ?? '',
		allowedCategories: form.getAll('allowedCategories').map(String) as schema.AttendeeCategory[],
		entryRule: values.entryRule as schema.EntryRule,
		printBadge: form.get('printBadge') === 'on',
		// Empty: a gate of the whole conference.
		sessionId: values.sessionId ? Number(values.sessionId) : null
	};
}

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const form = await request.formData();
		const input = { conferenceId: String(form.get('conferenceId') ?? ''), ...fieldsOf(form) };
		try {
			const created = await locals.api.checkpoints.create(input);
			return { action: 'create', done: created.nameZh };
		} catch (e) {
			return actionFailure(e, { action: 'create' as const, ...input });
		}
	},
	update: async ({ request, locals }) => {
		const form = await request.formData();
		const checkpointId = Number(form.get('checkpointId'));
		const input = { checkpointId, ...fieldsOf(form), active: form.get('active') === 'on' };
		try {
			const updated = await locals.api.checkpoints.update(input);
			return { action: 'update', done: updated.nameZh };
		} catch (e) {
			return actionFailure(e, { action: 'update' as const, ...input });
		}
	}
};
