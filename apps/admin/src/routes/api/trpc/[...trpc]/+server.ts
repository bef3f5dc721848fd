import { json } from '@sveltejs/kit';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import {
	adminRouter,
	createContextInner,
	resolveScannerDevice,
	sameOriginMutation
} from '@huizhan/api';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

const handler: RequestHandler = ({ request, locals, url, getClientAddress }) => {
	// A mutation riding a signed-in browser's cookie from another site is refused here.
	if (!sameOriginMutation(request, url.origin)) {
		return json({ error: { message: 'cross-origin request refused' } }, { status: 403 });
	}
	const { db, sqlite } = database();
	// A scanner device (PDA, turnstile) sends its token as `Authorization: Bearer hzd_…`. A token
	// that is unknown or revoked is refused outright, not treated as anonymous.
	const authorization = request.headers.get('authorization');
	let device = null;
	if (authorization !== null) {
		const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
		device = token ? resolveScannerDevice(sqlite, token) : null;
		if (!device) {
			return json({ error: { message: 'unknown or revoked device token' } }, { status: 401 });
		}
	}
	return fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: adminRouter,
		createContext: ({ info }) =>
			createContextInner({
				db,
				sqlite,
				// A request carries a session or a device token, never both at once.
				user: device ? null : locals.user,
				device,
				sessionToken: device ? undefined : locals.sessionToken,
				source: getClientAddress(),
				batched: info.isBatchCall
			})
	});
};

export const GET = handler;
export const POST = handler;
