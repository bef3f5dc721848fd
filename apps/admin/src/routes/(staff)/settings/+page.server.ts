import type { PageServerLoad } from './$types';

/** Failed attendee mail is flagged here, where an admin will see it. */
export const load: PageServerLoad = async ({ locals }) => {
	const outbox = await locals.api.mail.outbox({ status: 'failed', pageSize: 1 });
	return { mailFailed: outbox.counts.failed };
};
