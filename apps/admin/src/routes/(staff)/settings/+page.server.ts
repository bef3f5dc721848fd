import type { PageServerLoad } from './$types';

/**
 * Failed attendee mail is flagged here, where an admin will see it; the ledger's head is shown
 * for writing down.
 */
export const load: PageServerLoad = async ({ locals }) => {
	const [outbox, head] = await Promise.all([
		locals.api.mail.outbox({ status: 'failed', pageSize: 1 }),
		locals.api.deals.head()
	]);
	return { mailFailed: outbox.total, head };
};
