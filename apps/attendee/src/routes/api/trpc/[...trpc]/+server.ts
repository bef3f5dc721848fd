import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import { attendeeRouter, createContextInner } from '@huizhan/api';
import { database } from '$lib/server/db';
import type { RequestHandler } from './$types';

const handler: RequestHandler = ({ request }) =>
	fetchRequestHandler({
		endpoint: '/api/trpc',
		req: request,
		router: attendeeRouter,
		createContext: () => createContextInner(database())
	});

export const GET = handler;
export const POST = handler;
