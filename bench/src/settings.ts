export interface BenchSettings {
	durationSeconds: number;
	connections: number;
	warmUpSeconds: number;
	/** Aborted on SIGINT or SIGTERM: running load stops and servers are shut down. */
	signal: AbortSignal;
}

/** The only place the bench reads its environment. */
export function readSettings(env: NodeJS.ProcessEnv, signal: AbortSignal): BenchSettings {
	return {
		durationSeconds: positive('BENCH_DURATION', env.BENCH_DURATION, 10),
		connections: positive('BENCH_CONNECTIONS', env.BENCH_CONNECTIONS, 64, { integer: true }),
		warmUpSeconds: 1,
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
