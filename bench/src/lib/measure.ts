import autocannon from 'autocannon';
import { progress } from './report.ts';

export interface LoadOptions {
	url: string;
	connections: number;
	durationSeconds: number;
	/** Load applied and thrown away first, so JIT warm-up and the first connections do not count. */
	warmUpSeconds: number;
	signal: AbortSignal;
	/** What each request sends; a bare GET of `url` when left out. */
	request?: RequestPlan;
}

/** A POST whose body is built afresh for every request, so each one can be a write of its own. */
export interface RequestPlan {
	headers: Record<string, string>;
	/** Called once per request; `key` names it to `onAnswer` (a request id, say). */
	next(): { key: string; body: string };
	/**
	 * Called with the status of every answer, warm-up included, the key of its request and the
	 * answer's body.
	 */
	onAnswer(status: number, key: string, body: string): void;
}

export interface Measurement {
	/** Mean of the per-second request counts. */
	requestsPerSecond: number;
	/** Latency percentiles are whole milliseconds: autocannon's latency histogram counts whole ms. */
	latencyP50Ms: number;
	latencyP99Ms: number;
	/** Responses received while measuring. */
	requests: number;
	/** Connection errors and timeouts, warm-up included: any at all means the figure is void. */
	errors: number;
	/** Responses outside 2xx, warm-up included. */
	non2xx: number;
}

/** Loads `url` with autocannon on fixed connections for a fixed time, after a warm-up. */
export async function measure(options: LoadOptions): Promise<Measurement> {
	const warmUp = await load(options, options.warmUpSeconds);
	const result = await load(options, options.durationSeconds);
	return {
		requestsPerSecond: result.requests.average,
		latencyP50Ms: result.latency.p50,
		latencyP99Ms: result.latency.p99,
		requests: result['2xx'] + result.non2xx,
		errors: warmUp.errors + result.errors,
		non2xx: warmUp.non2xx + result.non2xx
	};
}

/** What a load is called in the progress lines: `deals` and `deals/s`, say. */
export interface LoadWords {
	/** The procedure or path loaded, as told before it starts (`deals.record`). */
	what: string;
	/** What one answer is (`deals`) and the rate's unit (`deals/s`). */
	noun: string;
	rate: string;
}

/**
 * `measure`, told before and after on stderr, and refused when anything failed under load: a
 * figure for errors would measure failures, not work.
 */
export async function measureServer(
	server: { name: string },
	words: LoadWords,
	options: LoadOptions,
	/**
	 * Let answers outside 2xx stand (counted in `non2xx`, for the caller to report): where they
	 * are the finding, as a server giving up on a request is. Errors are refused all the same.
	 */
	{ non2xxAllowed = false } = {}
): Promise<Measurement> {
	progress(
		`${server.name}: ${options.warmUpSeconds} s warm-up, then ${options.durationSeconds} s ` +
			`of ${words.what} on ${options.connections} connections`
	);
	const measurement = await measure(options);
	progress(
		`${server.name}: ${measurement.requests} ${words.noun}, ${measurement.requestsPerSecond} ` +
			`${words.rate}, p50 ${measurement.latencyP50Ms} ms, p99 ${measurement.latencyP99Ms} ms, ` +
			`${measurement.errors} errors, ${measurement.non2xx} non-2xx`
	);
	if (measurement.errors > 0 || (measurement.non2xx > 0 && !non2xxAllowed)) {
		throw new Error(
			`${server.name} had ${measurement.errors} errors and ${measurement.non2xx} non-2xx ` +
				`answers under load: its figures would measure failures, not work`
		);
	}
	return measurement;
}

/**
 * One load spread over several instances of an app, as a proxy in front of them would: the
 * connections split evenly, one autocannon per instance, all at once. The figure is the summed
 * throughput and the worst instance's latencies (a client's latency is that of the instance it
 * happens to reach). Refused, like `measureServer`, when any instance failed under load.
 */
export async function measureAcross(
	servers: { name: string; origin: string }[],
	words: LoadWords,
	options: Omit<LoadOptions, 'url' | 'request'> & {
		path: string;
		/** One plan per server, in the same order; a bare GET of `path` when left out. */
		requests?: RequestPlan[];
		/** As for `measureServer`. */
		non2xxAllowed?: boolean;
	}
): Promise<Measurement> {
	const { path, requests, connections, non2xxAllowed, ...rest } = options;
	const each = servers.map((server, i) =>
		measureServer(
			server,
			words,
			{
				...rest,
				url: `${server.origin}${path}`,
				connections:
					Math.floor(connections / servers.length) + (i < connections % servers.length ? 1 : 0),
				...(requests?.[i] ? { request: requests[i] } : {})
			},
			{ non2xxAllowed }
		)
	);
	// Every load runs to its end before anything is refused: none is left running behind.
	const settled = await Promise.allSettled(each);
	const failed = settled.find((s) => s.status === 'rejected');
	if (failed) throw failed.reason;
	const all = settled.map((s) => (s as PromiseFulfilledResult<Measurement>).value);
	const sum = (pick: (m: Measurement) => number) => all.reduce((t, m) => t + pick(m), 0);
	const worst = (pick: (m: Measurement) => number) => Math.max(...all.map(pick));
	const together: Measurement = {
		requestsPerSecond: sum((m) => m.requestsPerSecond),
		latencyP50Ms: worst((m) => m.latencyP50Ms),
		latencyP99Ms: worst((m) => m.latencyP99Ms),
		requests: sum((m) => m.requests),
		errors: sum((m) => m.errors),
		non2xx: sum((m) => m.non2xx)
	};
	if (servers.length > 1)
		progress(
			`${servers.length} instances together: ${together.requests} ${words.noun}, ` +
				`${together.requestsPerSecond} ${words.rate}, worst p50 ${together.latencyP50Ms} ms, ` +
				`worst p99 ${together.latencyP99Ms} ms, ${together.non2xx} non-2xx`
		);
	return together;
}

/** Where autocannon keeps a request's key between building it and reading its answer. */
interface KeyedContext {
	key?: string;
}

/*
 * autocannon stops at the deadline by closing its connections, so up to one request per
 * connection is cut off: sent, perhaps carried out by the server, but never answered. A caller
 * counting writes must allow for those.
 */
function load(
	{ url, connections, signal, request }: LoadOptions,
	durationSeconds: number
): Promise<autocannon.Result> {
	signal.throwIfAborted();
	const requests: autocannon.Request[] | undefined = request && [
		{
			method: 'POST',
			headers: request.headers,
			// With pipelining 1 a connection has one request out at a time, so the context (one per
			// connection) still holds this request's key when its answer comes back.
			setupRequest: (sent, context: KeyedContext) => {
				const { key, body } = request.next();
				context.key = key;
				return { ...sent, body };
			},
			onResponse: (status, body, context: KeyedContext) =>
				request.onAnswer(status, context.key ?? '', body)
		}
	];
	return new Promise((resolve, reject) => {
		const stop = () => instance.stop();
		// The callback form, unlike the promise form, returns an instance that can be stopped.
		const instance = autocannon(
			{ url, connections, duration: durationSeconds, pipelining: 1, requests },
			(error, result) => {
				signal.removeEventListener('abort', stop);
				if (signal.aborted) reject(signal.reason);
				else if (error) reject(error);
				else resolve(result);
			}
		);
		signal.addEventListener('abort', stop, { once: true });
	});
}
