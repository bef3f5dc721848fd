import type { RequestEvent } from '@sveltejs/kit';
import { initTRPC } from '@trpc/server';
import type { TRPCRequestInfo } from '@trpc/server/http';
import { expect, test } from 'vitest';
import { trpcEndpoint } from './trpc.ts';

type Context = { caller: string; info?: TRPCRequestInfo };
const t = initTRPC.context<Context>().create();
const router = t.router({
	whoAmI: t.procedure.query(({ ctx }) => ({ caller: ctx.caller, batch: ctx.info?.isBatchCall })),
	touch: t.procedure.mutation(() => 'touched')
});

const eventFor = (request: Request) =>
	({ request, url: new URL(request.url) }) as unknown as RequestEvent;

const ORIGIN = 'http://127.0.0.1:3000';

test("procedures over HTTP see the app's own context, built with tRPC's request info", async () => {
	const built: { event: RequestEvent; info: TRPCRequestInfo | undefined }[] = [];
	const handler = trpcEndpoint(router, (event, info) => {
		built.push({ event, info });
		return { caller: 'from the builder', info };
	});
	const event = eventFor(new Request(`${ORIGIN}/api/trpc/whoAmI`));
	const response = await handler(event);
	expect(await response.json()).toEqual({
		result: { data: { caller: 'from the builder', batch: false } }
	});
	expect(built).toHaveLength(1);
	expect(built[0]?.event).toBe(event);
	expect(built[0]?.info?.calls.map((call) => call.path)).toEqual(['whoAmI']);
});

test('a mutation posted from another site is refused before any context is built', async () => {
	let builds = 0;
	const handler = trpcEndpoint(router, () => {
		builds++;
		return { caller: 'x' };
	});
	const response = await handler(
		eventFor(
			new Request(`${ORIGIN}/api/trpc/touch`, {
				method: 'POST',
				headers: { origin: 'https://evil.example', cookie: 'hz_session=abc' }
			})
		)
	);
	expect(response.status).toBe(403);
	expect(builds).toBe(0);
});
