import { schema } from '@huizhan/db';
import { actionFailure } from '@huizhan/web/actions';
import type { Actions, PageServerLoad } from './$types';

const PAGE_SIZE = 50;

export const load: PageServerLoad = async ({ locals, url }) => {
	const requested = url.searchParams.get('status');
	const status = schema.MESSAGE_STATUSES.includes(requested as schema.MessageStatus)
		? (requested as schema.MessageStatus)
		: 'failed';
	const requestedChannel = url.searchParams.get('channel');
	const channel = schema.MESSAGE_CHANNELS.includes(requestedChannel as schema.MessageChannel)
		? (requestedChannel as schema.MessageChannel)
		: undefined;
	const page = Math.max(
		1,
		Math.min(100_000, Number.parseInt(url.searchParams.get('page') ?? '1', 10) || 1)
	);
	const [outbox, conferences] = await Promise.all([
		locals.api.mail.outbox({ status, channel, page, pageSize: PAGE_SIZE }),
		locals.api.conferences.list()
	]);
	return {
		...outbox,
		conferences,
		status,
		channel: channel ?? null,
		page,
		pages: Math.max(1, Math.ceil(outbox.total / PAGE_SIZE))
	};
};

export const actions: Actions = {
	/** One failed message (`id`), or all of them (no `id`), back in the queue. */
	retry: async ({ request, locals }) => {
		const form = await request.formData();
		const id = form.get('id');
		try {
			return await locals.api.mail.retry(id ? { id: Number(id) } : {});
		} catch (e) {
			return actionFailure(e);
		}
	}
};
