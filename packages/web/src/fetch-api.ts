/*
 * A scanning page's calls to its app's own tRPC endpoint (`/api/trpc`), with plain fetch: a tRPC
 * client library would be more JavaScript on a phone for a few procedures. A call that gets no
 * answer in time, or none at all, throws `Unreachable`: the page then decides offline (the door)
 * or queues the scan (lead retrieval).
 */

export class Unreachable extends Error {}

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly reason: string | null,
		message: string
	) {
		super(message);
	}
}

/** How long the scanner waits for the server before deciding on its own (issue #6: ~2 s). */
export const ANSWER_WITHIN_MS = 2_000;

async function call<T>(request: () => Promise<Response>): Promise<T> {
	let response: Response;
	try {
		response = await request();
	} catch (error) {
		throw new Unreachable(error instanceof Error ? error.message : String(error));
	}
	let body: {
		result?: { data: T };
		error?: { message: string; data?: { reason?: string | null } };
	};
	try {
		body = await response.json();
	} catch {
		// A proxy's error page, or the connection dropped mid-answer.
		throw new Unreachable(`status ${response.status}`);
	}
	if (response.ok && body.result) return body.result.data;
	if (response.status >= 502 && response.status <= 504)
		throw new Unreachable(`status ${response.status}`);
	throw new ApiError(
		response.status,
		body.error?.data?.reason ?? null,
		body.error?.message ?? 'error'
	);
}

export const query = <T>(path: string, input: unknown, timeoutMs = 10_000): Promise<T> =>
	call<T>(() =>
		fetch(`/api/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
			signal: AbortSignal.timeout(timeoutMs),
			cache: 'no-store'
		})
	);

export const mutate = <T>(path: string, input: unknown, timeoutMs = 10_000): Promise<T> =>
	call<T>(() =>
		fetch(`/api/trpc/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify(input),
			signal: AbortSignal.timeout(timeoutMs)
		})
	);
