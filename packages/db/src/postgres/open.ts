import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { sql, type SQL } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import * as schema from '../schema-pg/index.ts';
import { applyPgMigrations } from './migrate.ts';
import type { Db, Tx } from '../types.ts';

export interface OpenPostgresOptions {
	/** `postgres://user:password@host:port/database` */
	url: string;
	/** Connections this process may hold at most. */
	poolSize: number;
	migrate: boolean;
	/** How long a request waits for a free connection before it fails (ms). */
	connectionTimeoutMs?: number;
}

export interface PostgresConnection {
	db: Db;
	pool: pg.Pool;
	close(): Promise<void>;
}

/*
 * Counts and sums come back from PostgreSQL as 64-bit integers and numerics, which node-postgres
 * hands over as strings so as not to lose precision. Every such value here is a count or an
 * amount in 元 (the ledger's ceiling keeps every total far below 2^53), so they are read as
 * numbers — and a value that would not fit exactly is an error, never a rounded amount.
 */
const exactInteger = (text: string): number => {
	const value = Number(text);
	if (!Number.isSafeInteger(value))
		throw new RangeError(`an integer from the database does not fit exactly: ${text}`);
	return value;
};
/** `numeric`: what sum() of integers answers; a whole number must fit exactly too. */
const exactNumeric = (text: string): number =>
	/^-?\d+$/.test(text) ? exactInteger(text) : Number(text);
pg.types.setTypeParser(pg.types.builtins.INT8, exactInteger);
pg.types.setTypeParser(pg.types.builtins.NUMERIC, exactNumeric);

/**
 * drizzle parses every value it does not map itself with the type parsers of the `pg` module IT
 * imports. A bundler can leave two copies of `pg` in an app (drizzle's, external, and this
 * package's, bundled), and then the parsers set above are not the ones used: counts and
 * epoch-milliseconds arrive as strings, and `new Date("1764437700000")` is an invalid date deep
 * inside a request. Checked once at start, so such a build refuses to run instead. (An app that
 * uses this package lists `pg` among its own dependencies, so there is one copy.)
 */
async function assertExactIntegers(db: { execute(query: SQL): Promise<{ rows: unknown[] }> }) {
	const { rows } = await db.execute(sql`SELECT CAST(1 AS bigint) AS n`);
	const n = (rows[0] as { n?: unknown } | undefined)?.n;
	if (n !== 1)
		throw new Error(
			`PostgreSQL's 64-bit integers do not arrive as numbers (got ${typeof n}): this process ` +
				'holds two copies of the `pg` module — list `pg` among the dependencies of the app ' +
				'that bundles @huizhan/db'
		);
}

/** SQLSTATEs after which the whole transaction may simply be run again. */
const RETRYABLE = new Set([
	'40001', // serialization_failure
	'40P01' // deadlock_detected
]);
const MAX_ATTEMPTS = 12;

const sqlState = (error: unknown): string | undefined => {
	for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as never) {
		if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
	}
	return undefined;
};

/**
 * Opens a pool on a PostgreSQL database, applying the committed migrations first (several
 * instances starting together take turns through an advisory lock).
 *
 * Every transaction runs SERIALIZABLE: PostgreSQL then guarantees that transactions committed on
 * any instance had the effect of running one after another — the same guarantee SQLite's single
 * writer gives — so a service's read-then-write cannot interleave with another's. When
 * PostgreSQL cannot keep that promise it aborts one transaction with a serialization failure, and
 * it is run again here, from the start, after a short random pause: a transaction body only
 * touches the database, so running it again is safe. The hot spots where many writers meet on one
 * key (the ledger's head, an edition's seats, one ticket's scans, one name's sign-in count) do not
 * rely on this: they queue on advisory locks instead (`lockedTransaction` in tables.ts).
 */
export async function openPostgres({
	url,
	poolSize,
	migrate,
	connectionTimeoutMs = 10_000
}: OpenPostgresOptions): Promise<PostgresConnection> {
	const pool = new pg.Pool({
		connectionString: url,
		max: poolSize,
		connectionTimeoutMillis: connectionTimeoutMs,
		application_name: 'huizhan'
	});
	// An idle connection the server drops (a restart, a failover) must not crash the process:
	// the pool discards it and opens another on the next request.
	pool.on('error', () => {});
	const db = drizzle(pool, { schema, casing: 'snake_case' });
	try {
		await assertExactIntegers(db);
		if (migrate) await applyPgMigrations(db);
	} catch (error) {
		await pool.end();
		throw error;
	}

	const begin = db.transaction.bind(db);
	const transaction = async <T>(work: (tx: Tx) => Promise<T>, config?: object): Promise<T> => {
		// A transaction asking for its own mode (a read-only snapshot, or read committed under
		// advisory locks: `lockedTransaction`) gets it as asked; every other one is SERIALIZABLE.
		const mode = config ?? { isolationLevel: 'serializable' };
		for (let attempt = 1; ; attempt++) {
			try {
				return await begin((tx) => work(tx as unknown as Tx), mode);
			} catch (error) {
				const state = sqlState(error);
				if (attempt >= MAX_ATTEMPTS || !state || !RETRYABLE.has(state)) throw error;
				// Spread the retries out, more with each attempt, so the same transactions do not
				// meet again at once.
				await sleep(Math.random() * Math.min(200, 5 * 2 ** attempt));
			}
		}
	};
	(db as { transaction: unknown }).transaction = transaction;

	return {
		db: db as unknown as Db,
		pool,
		close: () => pool.end()
	};
}
