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
	/** Names of the benchmarks to run (`BENCH_ONLY=checkinScanHttp,adminHealthz`); all when unset. */
	only: string[] | null;
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
		only: env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((name) => name.trim()) : null,
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
