import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { SQLiteTransaction } from 'drizzle-orm/sqlite-core';
import type { SqliteRemoteDatabase, SqliteRemoteResult } from 'drizzle-orm/sqlite-proxy';
import type * as schema from './schema/index.ts';

/** The tables (and their constants) as the services see them, whatever the dialect. */
export type Schema = typeof schema;

export type Dialect = 'sqlite' | 'postgres';

/**
 * The query interface every service is written against: drizzle's asynchronous API. It is typed
 * with the SQLite schema, which the PostgreSQL schema mirrors name for name (a test keeps them
 * equal), and used the same way on both: every query awaited, tables from `tables(db)`, no
 * SQLite-only calls (`.all()`, `.get()`, `.run()`, `.values()`; the lint rules refuse them).
 */
export type Db = SqliteRemoteDatabase<Schema>;
/** A transaction on a `Db`. */
export type Tx = SQLiteTransaction<
	'async',
	SqliteRemoteResult,
	Schema,
	ExtractTablesWithRelations<Schema>
>;
/** A connection or a transaction on it: helpers that write take either, so they compose. */
export type DbOrTx = Db | Tx;
