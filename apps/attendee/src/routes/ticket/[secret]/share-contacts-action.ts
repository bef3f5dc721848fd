import type { RequestEvent } from '@sveltejs/kit';
import { rethrowAsNotFound } from '$lib/server/not-found';

/**
 * The ticket page's form that gives or withdraws the consent to share mobile and email with the
 * exhibitors who scan the ticket: a plain form, so it works without JavaScript.
 */
export async function shareContactsAction({
	request,
	locals,
	params
}: RequestEvent<{ secret: string }>) {
	const form = await request.formData();
	try {
		const { sharesContacts } = await locals.api.leads.shareContacts({
			secret: params.secret,
			share: form.get('share') === 'yes'
		});
		return { sharesContacts };
	} catch (e) {
		rethrowAsNotFound(e);
	}
}
