import { json } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { adminRouter, createContextInner, sameOriginMutation } from '@huizhan/api';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

const handler: RequestHandler = ({ request, locals, url, getClientAddress }) => {
	// A mutation riding a signed-in browser's cookie from another site is refused here.
	if (!sameOriginMutation(request, url.origin)) {
		return json({ error: { message: 'cross-origin request refused' } }, { status: 403 });
	}
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: adminRouter,
		createContext: () =>
			createContextInner({
				...database(),
				user: locals.user,
				sessionToken: locals.sessionToken,
				source: getClientAddress()
			})
	});
};

export const GET = handler;
export const POST = handler;
