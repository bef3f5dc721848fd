export interface BenchSettings {
	durationSeconds: number;
	connections: number;
	/**
	 * Connections for the write benchmark. SQLite takes one writer at a time and the app runs
	 * each write to the end on its one thread, so past a few connections more only queue: 16 keep
	 * the server busy without turning the p99 into a measure of the queue.
	 */
	writeConnections: number;
	warmUpSeconds: number;
	/** Server-Sent Events clients held open on the live stream. */
	sseClients: number;
	/** Deals written, one after another, while they are connected. */
	sseDeals: number;
	/** Only the benchmarks named here (`live_fan_out`, …), or every one when empty. */
	only: string[];
	/** Aborted on SIGINT or SIGTERM: running load stops and servers are shut down. */
	signal: AbortSignal;
}

/** The only place the bench reads its environment. */
export function readSettings(env: NodeJS.ProcessEnv, signal: AbortSignal): BenchSettings {
	return {
		durationSeconds: positive('BENCH_DURATION', env.BENCH_DURATION, 10),
		connections: positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 64, { integer: true }),
		writeConnections: positive('BENCH_WRITE_CONNECTIONS', env.BENCH_WRITE_CONNECTIONS, 16, {
			integer: true
		}),
		warmUpSeconds: 1,
		sseClients: positive('BENCH_SSE_CLIENTS', env.BENCH_SSE_CLIENTS, 1_000, { integer: true }),
		sseDeals: positive('BENCH_SSE_DEALS', env.BENCH_SSE_DEALS, 40, { integer: true }),
		only: (env.BENCH_ONLY ?? '')
			.split(',')
			.map((name) => name.trim())
			.filter(Boolean),
		signal
	};
}

function positive(
	name: string,
	text: string | undefined,
	fallback: number,
	{ integer = false } = {}
): number {
	if (text === undefined || text === '') return fallback;
	const value = Number(text);
	if (!(value > 0) || (integer && !Number.isInteger(value))) {
		throw new Error(`${name} must be a positive ${integer ? 'integer' : 'number'}, not "${text}"`);
	}
	return value;
}
