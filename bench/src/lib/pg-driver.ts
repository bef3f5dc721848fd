import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

/*
 * node-postgres as @huizhan/db loads it: the very module instance the services' pools use, so
 * `countStatements` sees their statements. Typed here by the little the bench uses (the bench
 * does not depend on `pg` itself).
 */
interface PgClient {
	connect(): Promise<void>;
	query<R>(text: string): Promise<{ rows: R[] }>;
	end(): Promise<void>;
}
type Query = (this: object, ...args: unknown[]) => unknown;
interface PgModule {
	Client: { new (options: { connectionString: string }): PgClient; prototype: { query: Query } };
}
const pg = createRequire(import.meta.resolve('@huizhan/db/package.json'))('pg') as PgModule;

/** Runs one statement on a connection of its own (for the statistics views). */
export async function queryOnce<R>(url: string, text: string): Promise<R[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<R>(text)).rows;
	} finally {
		await client.end();
	}
}

/** Statements this process sent, as counted by `countStatements`. */
export interface StatementCount {
	statements: number;
	/** From sending each statement to its answer, summed (overlapping ones each count). */
	roundTripMs: number;
	begins: number;
	/** Transactions rolled back: on PostgreSQL here, each one a serialization failure run again. */
	rollbacks: number;
	/** Errors by SQLSTATE (40001 serialization failure, 40P01 deadlock, 23505 unique, …). */
	errors: Map<string, number>;
	/** Advisory-lock statements, and the time from sending them to holding the lock. */
	lockWaits: number;
	lockWaitMs: number;
	/** From holding an advisory lock to the end of its transaction's COMMIT: the queue's pace. */
	lockHeldMs: number;
	/** COMMITs, and their round trips: each waits for its WAL to be flushed to disk. */
	commits: number;
	commitMs: number;
}

const emptyCount = (): StatementCount => ({
	statements: 0,
	roundTripMs: 0,
	begins: 0,
	rollbacks: 0,
	errors: new Map(),
	lockWaits: 0,
	lockWaitMs: 0,
	lockHeldMs: 0,
	commits: 0,
	commitMs: 0
});

let current: StatementCount | null = null;
const lockedAt = new WeakMap<object, number>();

function record(client: object, text: string, ms: number, error: unknown) {
	const count = current;
	if (!count) return;
	const now = performance.now();
	count.statements += 1;
	count.roundTripMs += ms;
	const head = text.trimStart().slice(0, 40).toLowerCase();
	if (head.startsWith('begin')) count.begins += 1;
	if (head.startsWith('rollback')) count.rollbacks += 1;
	if (head.startsWith('commit')) {
		count.commits += 1;
		count.commitMs += ms;
	}
	if (head.includes('pg_advisory_xact_lock')) {
		count.lockWaits += 1;
		count.lockWaitMs += ms;
		if (!error) lockedAt.set(client, now);
	}
	if (head.startsWith('commit') || head.startsWith('rollback')) {
		const since = lockedAt.get(client);
		if (since !== undefined) count.lockHeldMs += now - since;
		lockedAt.delete(client);
	}
	const code = (error as { code?: unknown } | undefined)?.code;
	if (typeof code === 'string') count.errors.set(code, (count.errors.get(code) ?? 0) + 1);
}

let hooked = false;

/**
 * Counts and times every statement this process sends while `work` runs: a bench-only probe
 * (PostgreSQL here has no pg_stat_statements). Times are the client's: the round trip, the
 * server's work and any wait for a lock or for the connection's earlier statement.
 */
export async function countStatements<T>(
	work: () => Promise<T>
): Promise<{ value: T; count: StatementCount }> {
	if (!hooked) {
		hooked = true;
		const original = pg.Client.prototype.query;
		pg.Client.prototype.query = function (this: object, ...args: unknown[]) {
			const first = args[0] as string | { text?: string } | undefined;
			const text = typeof first === 'string' ? first : (first?.text ?? '');
			const started = performance.now();
			const done = (error: unknown) => record(this, text, performance.now() - started, error);
			const last = args[args.length - 1];
			if (typeof last === 'function') {
				args[args.length - 1] = function (this: unknown, error: unknown, ...rest: unknown[]) {
					done(error ?? undefined);
					return (last as (...a: unknown[]) => unknown).call(this, error, ...rest);
				};
				return original.apply(this, args);
			}
			const result = original.apply(this, args);
			if (result instanceof Promise)
				result.then(
					() => done(undefined),
					(error: unknown) => done(error)
				);
			return result;
		};
	}
	if (current) throw new Error('countStatements does not nest');
	const count = emptyCount();
	current = count;
	try {
		return { value: await work(), count };
	} finally {
		current = null;
	}
}

/** The database's own counters: commits, rollbacks and WAL flushes (whole cluster) so far. */
export interface ServerCounters {
	commits: number;
	rollbacks: number;
	walSyncs: number;
}

/**
 * Read once the servers have stopped: a backend reports its counters when it exits (and at
 * most once a second while it runs), so only then are they complete.
 */
export async function serverCounters(url: string): Promise<ServerCounters> {
	const [row] = await queryOnce<{ commits: string; rollbacks: string; wal_syncs: string }>(
		url,
		`SELECT d.xact_commit AS commits, d.xact_rollback AS rollbacks, w.wal_sync AS wal_syncs
		FROM pg_stat_database d, pg_stat_wal w WHERE d.datname = current_database()`
	);
	if (!row) throw new Error('pg_stat_database has no row for the scratch database');
	return {
		commits: Number(row.commits),
		rollbacks: Number(row.rollbacks),
		walSyncs: Number(row.wal_syncs)
	};
}
