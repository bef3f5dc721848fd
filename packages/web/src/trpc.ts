import { json, type RequestEvent, type RequestHandler } from '@sveltejs/kit';
import type { AnyTRPCRouter, inferRouterContext } from '@trpc/server';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { sameOriginMutation } from '@huizhan/api';

/**
 * An app's context builder: what a procedure sees for this request. Each app has exactly one
 * (`$lib/server/context.ts`), used both by its in-process caller (`locals.api`) and by this
 * endpoint, so the two cannot drift apart. `info` (batching, the procedures called) is there for
 * HTTP calls only.
 */
export type ContextBuilder<TRouter extends AnyTRPCRouter> = (
	event: RequestEvent,
	info?: TRPCRequestInfo
) => inferRouterContext<TRouter> | Promise<inferRouterContext<TRouter>>;

/** `GET`/`POST /api/trpc/<procedure>`: the app's router over HTTP, for scripts and devices. */
export function trpcEndpoint<TRouter extends AnyTRPCRouter>(
	router: TRouter,
	createContext: ContextBuilder<TRouter>
): RequestHandler {
	return (event) => {
		// A mutation riding a signed-in browser's cookie from another site's page is refused.
		if (!sameOriginMutation(event.request, event.url.origin)) {
			return json({ error: { message: 'cross-origin request refused' } }, { status: 403 });
		}
		return fetchRequestHandler({
			endpoint: '/api/trpc',
			req: event.request,
			router,
			createContext: ({ info }) => createContext(event, info)
		});
	};
}
