import { json } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { attendeeRouter, createContextInner, sameOriginMutation } from '@huizhan/api';
import { database } from '$lib/server/db';
import { limits } from '$lib/server/limits';
import type { RequestHandler } from './$types';

const handler: RequestHandler = ({ request, url, getClientAddress }) => {
	// Same rule as the console: a mutation from another site's page is refused.
	if (!sameOriginMutation(request, url.origin)) {
		return json({ error: { message: 'cross-origin request refused' } }, { status: 403 });
	}
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: attendeeRouter,
		createContext: () =>
			createContextInner({ ...database(), source: getClientAddress(), limits: limits() })
	});
};

export const GET = handler;
export const POST = handler;
