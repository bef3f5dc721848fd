import { sql, type SQL } from 'drizzle-orm';
import { sqliteConnectionOf } from './sqlite/open.ts';
import type { Dialect, Db, DbOrTx, Schema, Tx } from './types.ts';

/**
 * The tables of the database behind `db`. Services never import tables themselves: the same
 * service code runs on SQLite and on PostgreSQL, whose tables are different objects with the
 * same names, so each query takes them from the handle (or transaction) it runs on.
 */
export function tables(db: DbOrTx): Schema {
	const schema = (db as unknown as { _: { fullSchema?: Schema } })._.fullSchema;
	if (!schema) throw new Error('this database handle was made without the schema');
	return schema;
}

/** Which database `db` talks to, for the few statements the two write differently. */
export function dialectOf(db: DbOrTx): Dialect {
	return sqliteConnectionOf(db) ? 'sqlite' : 'postgres';
}

/**
 * The rows of a hand-written query, as objects keyed by column name. drizzle's `db.all(sql)`
 * answers arrays on one driver and objects on the other; this answers the same on both.
 */
export async function rows<T>(db: DbOrTx, query: SQL): Promise<T[]> {
	const sqlite = sqliteConnectionOf(db);
	if (sqlite) {
		const { sql: text, params } = (
			db as unknown as { dialect: { sqlToQuery(q: SQL): { sql: string; params: unknown[] } } }
		).dialect.sqlToQuery(query);
		// The connection's prepared statement (drizzle's queries leave it answering arrays).
		const read = () =>
			sqlite.statements
				.get(text)
				.raw(false)
				.all(...params) as T[];
		return sqlite.turns.current() ? read() : sqlite.turns.hold(read);
	}
	const result = await (db as unknown as { execute(q: SQL): Promise<{ rows: T[] }> }).execute(
		query
	);
	return result.rows;
}

/** The first row of a hand-written query, or undefined. */
export async function row<T>(db: DbOrTx, query: SQL): Promise<T | undefined> {
	return (await rows<T>(db, query))[0];
}

/** Runs a hand-written statement that answers no rows (DDL, a lock, a maintenance command). */
export async function execute(db: DbOrTx, statement: SQL): Promise<void> {
	// eslint-disable-next-line no-restricted-syntax -- the SQLite side of the switch itself
	if (sqliteConnectionOf(db)) await db.run(statement);
	else await (db as unknown as { execute(q: SQL): Promise<unknown> }).execute(statement);
}

/**
 * Runs `work` as one read-only transaction: every read inside sees the database as of one
 * moment, and no write lock is taken (the live dashboards' snapshot, an export with its ledger
 * head). Inside a transaction already, it runs inside that one.
 */
export function readTransaction<T>(db: Db, work: (tx: Tx) => Promise<T>): Promise<T> {
	const sqlite = sqliteConnectionOf(db);
	if (sqlite) return sqlite.read(work);
	// PostgreSQL: a snapshot for the whole transaction, and no serialization failure to retry.
	return (
		db as unknown as {
			transaction(w: typeof work, config: object): Promise<T>;
		}
	).transaction(work, { isolationLevel: 'repeatable read', accessMode: 'read only' });
}

/**
 * Runs `work` in a write transaction that first takes the named locks, for the few places many
 * writers meet on the same rows at once (the ledger's head, a category's last seats, one name's
 * sign-in throttle). On SQLite every write transaction already runs alone: the locks are implied.
 * On PostgreSQL the transaction runs READ COMMITTED and takes transaction-level advisory locks
 * (released by its commit or rollback, also when the process dies) before anything else, so
 * every statement after them sees all that the previous holder committed — the writers of one
 * key queue instead of failing each other's SERIALIZABLE snapshots over and over. Every
 * transaction that changes what a key guards must take that key.
 */
export function lockedTransaction<T>(
	db: Db,
	keys: readonly string[],
	work: (tx: Tx) => Promise<T>
): Promise<T> {
	if (sqliteConnectionOf(db)) return db.transaction(work);
	// Always in the same order, so two transactions wanting the same keys cannot deadlock.
	const ordered = [...new Set(keys)].sort();
	return (
		db as unknown as {
			transaction(w: typeof work, config: object): Promise<T>;
		}
	).transaction(
		async (tx) => {
			for (const key of ordered)
				await execute(tx, sql`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
			return work(tx);
		},
		{ isolationLevel: 'read committed' }
	);
}
