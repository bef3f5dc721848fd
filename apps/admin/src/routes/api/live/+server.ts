import { hashToken, hasAnyRole, live, resolveScreen } from '@huizhan/api';
import { database } from '$lib/server/db';
import { channelFor, liveHub, requestedYear } from '$lib/server/live';
import type { RequestHandler } from './$types';

/** Frames a client may have waiting before it is cut off as too slow (it reconnects). */
const MAX_QUEUED_FRAMES = 32;

const refusal = (status: number, reason: string) =>
	new Response(JSON.stringify({ reason }), {
		status,
		headers: { 'content-type': 'application/json', 'cache-control': 'no-store' }
	});

/**
 * The live figures as Server-Sent Events: `snapshot` events (id = the version), heartbeats as
 * comment lines, and `ended` when the session ends or the screen link is revoked. Staff need a
 * live role and may name a calendar year (`?year=2024`, the current one by default); a big
 * screen passes its link's token as `?screen=` and always follows the current year. Access is
 * checked here, and again every few seconds by the hub for as long as the stream is open.
 */
export const GET: RequestHandler = async ({ locals, url, request }) => {
	const screenToken = url.searchParams.get('screen');
	let credential: live.StreamCredential;
	let year: number | null = null;
	if (screenToken !== null) {
		const access = await resolveScreen((await database()).db, screenToken);
		if (access.status === 'revoked') return refusal(410, 'screen_revoked');
		if (access.status !== 'open') return refusal(404, 'screen_unknown');
		credential = { kind: 'screen', tokenHash: access.tokenHash };
	} else {
		if (!locals.user || !locals.sessionToken) return refusal(401, 'sign_in');
		if (!hasAnyRole(locals.user, live.LIVE_ROLES)) return refusal(403, 'forbidden');
		credential = { kind: 'staff', tokenHash: hashToken(locals.sessionToken) };
		const asked = requestedYear(url);
		if (asked === 'invalid') return refusal(400, 'invalid_year');
		year = asked;
	}
	const channel = await channelFor(year);

	const hub = await liveHub();
	let closed = false;
	let controller!: ReadableStreamDefaultController<Uint8Array>;
	// `start` runs within the constructor: the controller is there before the hub first writes.
	const stream = new ReadableStream<Uint8Array>({
		start(c) {
			controller = c;
		},
		cancel() {
			closed = true;
			// Only a response already returned is cancelled: the subscription is there by then.
			unsubscribe();
		}
	});
	// Subscribed before the response is returned, so a database that cannot answer is a 500 here,
	// not a stream that breaks once opened.
	const unsubscribe = await hub.subscribe(
		{
			credential,
			channel,
			write(bytes) {
				if (closed) return true;
				if ((controller.desiredSize ?? 0) < -MAX_QUEUED_FRAMES) return false;
				controller.enqueue(bytes);
				return true;
			},
			close() {
				if (closed) return;
				closed = true;
				controller.close();
			}
		},
		request.headers.get('last-event-id') ?? url.searchParams.get('lastEventId')
	);
	return new Response(stream, {
		headers: {
			'content-type': 'text/event-stream; charset=utf-8',
			// Nothing between here and the browser may hold frames back or keep a copy.
			'cache-control': 'no-cache, no-store, no-transform',
			'x-accel-buffering': 'no'
		}
	});
};
