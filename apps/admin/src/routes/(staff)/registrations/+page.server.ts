import { hasAnyRole } from '@huizhan/api';
import { schema } from '@huizhan/db';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;

/** `12:halal`: who chose halal at question 12; `12:` who answered it at all. */
function answerFilter(value: string | null) {
	const match = /^(\d{1,9}):(.{0,100})$/u.exec(value ?? '');
	if (!match) return {};
	return { questionId: Number(match[1]), answer: match[2] || undefined };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const p = url.searchParams;
	const filters = {
		conferenceId: p.get('conference')?.trim().slice(0, 64) || undefined,
		category: oneOf(schema.ATTENDEE_CATEGORIES, p.get('category')),
		status: oneOf(schema.REGISTRATION_STATUSES, p.get('status')),
		text: p.get('q')?.trim().slice(0, 100) || undefined,
		checkedIn: p.get('in') === 'yes' ? true : p.get('in') === 'no' ? false : undefined,
		...answerFilter(p.get('answer'))
	};
	const page = Math.max(1, Math.min(100_000, Number.parseInt(p.get('page') ?? '1', 10) || 1));
	const isAdmin = hasAnyRole(locals.user, ['admin']);
	const [result, conferences, questions] = await Promise.all([
		locals.api.registrations.list({ ...filters, page, pageSize: PAGE_SIZE }),
		locals.api.conferences.list(),
		// The answer filter offers the chosen edition's questions; their settings are admins'.
		isAdmin && filters.conferenceId
			? locals.api.questions.list({ conferenceId: filters.conferenceId }).catch(() => [])
			: Promise.resolve([])
	]);
	return {
		...result,
		conferences,
		questions,
		filters,
		answer: p.get('answer') ?? '',
		page,
		pages: Math.max(1, Math.ceil(result.total / PAGE_SIZE)),
		canDecide: isAdmin,
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
