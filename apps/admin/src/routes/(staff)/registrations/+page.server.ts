import { hasAnyRole } from '@huizhan/api';
import { schema } from '@huizhan/db';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;

export const load: PageServerLoad = async ({ locals, url }) => {
	const p = url.searchParams;
	const filters = {
		conferenceId: p.get('conference')?.trim().slice(0, 64) || undefined,
		category: oneOf(schema.ATTENDEE_CATEGORIES, p.get('category')),
		status: oneOf(schema.REGISTRATION_STATUSES, p.get('status')),
		text: p.get('q')?.trim().slice(0, 100) || undefined,
		checkedIn: p.get('in') === 'yes' ? true : p.get('in') === 'no' ? false : undefined
	};
	const page = Math.max(1, Math.min(100_000, Number.parseInt(p.get('page') ?? '1', 10) || 1));
	const [result, conferences] = await Promise.all([
		locals.api.registrations.list({ ...filters, page, pageSize: PAGE_SIZE }),
		locals.api.conferences.list()
	]);
	return {
		...result,
		conferences,
		filters,
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		canDecide: hasAnyRole(locals.user, ['admin']),
		// Contacts in full leave the system in an export: admins only, and audited.
		canExport: hasAnyRole(locals.user, ['admin'])
	};
};

export const actions: Actions = {
	decide: async ({ request, locals }) => {
		const form = await request.formData();
		const decision = String(form.get('decision'));
		const name = String(form.get('name') ?? '');
		try {
			const result = await locals.api.registrations.decide({
				registrationId: Number(form.get('registrationId')),
				decision: decision as 'approve' | 'reject' | 'cancel'
			});
			return { done: result.status, name };
		} catch (e) {
			return actionFailure(e, { name });
		}
	}
};
