import { schema } from '@huizhan/db';
import { actionFailure, formValues } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

const STATES = [...schema.INVITATION_STATUSES, 'expired'] as const;
const oneOf = <T extends string>(list: readonly T[], value: string | null): T | undefined =>
	list.includes(value as T) ? (value as T) : undefined;

/** The edition asked for, else the first one open for registration, else the first listed. */
async function chosenConference(locals: App.Locals, asked: string | null) {
	const conferences = await locals.api.conferences.list();
	const chosen =
		conferences.find((c) => c.id === asked) ??
		conferences.find((c) => c.status === 'open') ??
		conferences[0] ??
		null;
	return { conferences, conferenceId: chosen?.id ?? null };
}

export const load: PageServerLoad = async ({ locals, url }) => {
	const p = url.searchParams;
	const { conferences, conferenceId } = await chosenConference(locals, p.get('conference'));
	const filters = {
		category: oneOf(schema.ATTENDEE_CATEGORIES, p.get('category')),
		status: oneOf(STATES, p.get('status'))
	};
	const list = conferenceId
		? await locals.api.invitations.list({ conferenceId, ...filters })
		: null;
	return { conferences, conferenceId, filters, list, imported: Number(p.get('imported')) || null };
};

const FIELDS = [
	'conferenceId',
	'category',
	'name',
	'organisation',
	'title',
	'mobile',
	'email',
	'country',
	'language',
	'expiresOn'
] as const;

export const actions: Actions = {
	create: async ({ request, locals }) => {
		const values = formValues(await request.formData(), FIELDS);
		try {
			await locals.api.invitations.create({
				...values,
				category: values.category as never,
				language: values.language === 'en' ? 'en' : 'zh-CN'
			});
		} catch (e) {
			return actionFailure(e, values);
		}
		return { done: 'created', name: values.name };
	},

	resend: async ({ request, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		try {
			await locals.api.invitations.resend({ id: Number(form.get('id')) });
		} catch (e) {
			return actionFailure(e, { name });
		}
		return { done: 'resent', name };
	},

	revoke: async ({ request, locals }) => {
		const form = await request.formData();
		const name = String(form.get('name') ?? '');
		try {
			await locals.api.invitations.revoke({ id: Number(form.get('id')) });
		} catch (e) {
			return actionFailure(e, { name });
		}
		return { done: 'revoked', name };
	}
};
