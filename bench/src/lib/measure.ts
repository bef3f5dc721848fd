import autocannon from 'autocannon';

export interface LoadOptions {
	url: string;
	connections: number;
	durationSeconds: number;
	/** Load applied and thrown away first, so JIT warm-up and the first connections do not count. */
	warmUpSeconds: number;
	signal: AbortSignal;
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

function load(
	{ url, connections, signal }: LoadOptions,
	durationSeconds: number
): Promise<autocannon.Result> {
	signal.throwIfAborted();
	return new Promise((resolve, reject) => {
		const stop = () => instance.stop();
		// The callback form, unlike the promise form, returns an instance that can be stopped.
		const instance = autocannon(
			{ url, connections, duration: durationSeconds },
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
