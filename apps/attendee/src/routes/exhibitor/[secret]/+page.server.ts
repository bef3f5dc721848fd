import { fail, redirect } from '@sveltejs/kit';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError } from '@huizhan/api';
import { formValues } from '@huizhan/web/actions';
import { submissionFailure } from '$lib/server/delegation';
import { rethrowAsNotFound } from '$lib/server/not-found';
import type { Actions, PageServerLoad } from './$types';

const PERSON_FIELDS = ['name', 'title', 'mobile', 'email', 'language'] as const;
const PROFILE_FIELDS = ['introZh', 'introEn', 'productsZh', 'productsEn', 'website'] as const;

export const load: PageServerLoad = async ({ parent, params }) => {
	const { exhibitor } = await parent();
	// Until it is approved (or once rejected or withdrawn), the company's page is its application.
	if (!exhibitor.approved) redirect(303, `/exhibitor/${params.secret}/application`);
	return { page: exhibitor };
};

export const actions: Actions = {
	/** One person with a staff badge or a set-up pass. */
	add: async ({ request, locals, params }) => {
		const form = await request.formData();
		const pass = form.get('pass') === 'setup' ? 'setup' : 'staff';
		const values = formValues(form, PERSON_FIELDS);
		try {
			await locals.api.exhibitorPage.addPass({
				secret: params.secret,
				pass,
				person: {
					name: values.name,
					title: values.title,
					mobile: values.mobile,
					email: values.email
				},
				language: values.language === 'en' ? 'en' : 'zh-CN',
				consent: (form.get('consent') === 'on') as true
			});
			return { action: 'add' as const, pass, added: values.name };
		} catch (e) {
			return passFailure(e, { ...values, action: 'add', pass });
		}
	},

	/** Cancels one person's badge; the place is free again. */
	cancel: async ({ request, locals, params }) => {
		const form = await request.formData();
		const reference = String(form.get('reference') ?? '');
		try {
			const { cancelled } = await locals.api.exhibitorPage.cancelPass({
				secret: params.secret,
				reference
			});
			return { action: 'cancel' as const, cancelled, reference };
		} catch (e) {
			rethrowAsNotFound(e);
		}
	},

	/** The profile the public directory shows. */
	profile: async ({ request, locals, params }) => {
		const values = formValues(await request.formData(), PROFILE_FIELDS);
		try {
			await locals.api.exhibitorPage.saveProfile({ secret: params.secret, ...values });
			return { action: 'profile' as const, saved: true };
		} catch (e) {
			return submissionFailure(e, { ...values, action: 'profile' });
		}
	}
};

/**
 * A refused person as the form shows it. A full quota names its rule — the area, one per so many
 * ㎡, at least so many, hence so many — so the words can say why the seventh of six is refused.
 */
function passFailure(e: unknown, values: Record<string, string>) {
	if (
		e instanceof AppError &&
		(e.reason === 'exhibitor_pass_quota_full' || e.reason === 'exhibitor_no_booth')
	) {
		const number = (key: string) => Number(e.details[key] ?? 0);
		return fail(getHTTPStatusCodeFromError(e), {
			values,
			reason: e.reason,
			fieldErrors: {} as Record<string, string[]>,
			rule: {
				area: number('area'),
				squareMetresPer: number('squareMetresPer'),
				minimum: number('minimum'),
				quota: number('quota')
			}
		});
	}
	return submissionFailure(e, values);
}
