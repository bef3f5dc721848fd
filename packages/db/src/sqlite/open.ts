import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle as drizzleSync } from 'drizzle-orm/better-sqlite3';
import { drizzle as drizzleAsync } from 'drizzle-orm/sqlite-proxy';
import * as schema from '../schema/index.ts';
import { applyMigrations } from '../migrate.ts';
import { ConnectionTurns, type Lease } from './lease.ts';
import type { Db, Tx } from '../types.ts';

export type Sqlite = Database.Database;

export interface OpenSqliteOptions {
	/** A file path, or `:memory:` for tests. */
	path: string;
	migrate: boolean;
	busyTimeoutMs: number;
}

/**
 * Switches the file to WAL. SQLite answers this pragma with SQLITE_BUSY at once, without calling
 * the busy handler, while another process is creating or migrating the same new file (four
 * processes starting together showed it under load): so it is retried here, for as long as the
 * busy timeout allows, before the error is let through.
 */
function useWal(sqlite: Sqlite, timeoutMs: number): void {
	const deadline = Date.now() + Math.max(0, timeoutMs);
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (;;) {
		try {
			sqlite.pragma('journal_mode = WAL');
			return;
		} catch (error) {
			const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
			if (!busy || Date.now() >= deadline) throw error;
			// A synchronous wait: nothing else may use the connection before it is set up.
			Atomics.wait(pause, 0, 0, 20);
		}
	}
}

export interface SqliteConnection {
	sqlite: Sqlite;
	db: Db;
	turns: ConnectionTurns;
	/** The connection's prepared statements, by SQL text. */
	statements: StatementCache;
	/** Runs `work` in one IMMEDIATE transaction holding the connection (the group commit's batch). */
	immediate<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
	/**
	 * Runs `work` in one DEFERRED transaction: a consistent snapshot for reads that must agree
	 * with each other, without SQLite's write lock, so other processes' writes go on meanwhile.
	 */
	read<T>(work: (tx: Tx) => Promise<T>): Promise<T>;
}

const connections = new WeakMap<object, SqliteConnection>();

/** The connection behind a drizzle handle or transaction made by `openSqlite`. */
export function sqliteConnectionOf(db: object): SqliteConnection | undefined {
	const session = (db as { session?: { client?: object } }).session;
	return session?.client ? connections.get(session.client) : undefined;
}

/**
 * Opens the platform's SQLite database: WAL, FULL sync, foreign keys, the committed migrations,
 * and an asynchronous drizzle handle over it — the same API the services use on PostgreSQL.
 */
export function openSqlite({ path, migrate, busyTimeoutMs }: OpenSqliteOptions): SqliteConnection {
	if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
	const sqlite = new Database(path);

	// First: switching a new file to WAL takes a lock, and another process opening the same new
	// file at the same moment (both apps at first start) must wait for it, not fail with BUSY.
	sqlite.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
	useWal(sqlite, busyTimeoutMs);
	/*
	 * synchronous = FULL: every committed transaction is fsynced to the WAL before the commit
	 * returns. A killed process (kill -9) loses nothing once a commit has returned even at
	 * NORMAL, because the WAL is already in the OS page cache; FULL also keeps it through a power
	 * cut or an OS crash, which is the guarantee we give to anyone who was told "saved" — a
	 * recorded deal, a registration, a check-in. The cost is one fsync per write transaction;
	 * the group commit (`writes`) shares it among the writes of a busy moment.
	 */
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');

	// Migrations run before anyone else can use the connection, synchronously.
	if (migrate) applyMigrations(drizzleSync(sqlite), sqlite);

	const turns = new ConnectionTurns();
	const statements = new StatementCache(sqlite);
	const execute = (text: string, params: unknown[], method: Method) =>
		run(statements.get(text), params, method);
	const client = (text: string, params: unknown[], method: Method) =>
		turns.current()
			? execute(text, params, method)
			: turns.hold(() => execute(text, params, method));

	// A batch runs whole or not at all, in a transaction of its own (a savepoint inside one).
	const batch = (queries: { sql: string; params: unknown[]; method: Method }[]) => {
		const all = sqlite.transaction(() => queries.map((q) => execute(q.sql, q.params, q.method)));
		return turns.current() ? all.immediate() : turns.hold(() => all.immediate());
	};

	// The three-argument form: given as the second argument, the config's `casing` is dropped
	// (drizzle-orm 0.45 reads it from the third only) and every column goes out in camelCase.
	const db = drizzleAsync(client as never, batch as never, {
		schema,
		casing: 'snake_case'
	}) as unknown as Db;
	const begin = db.transaction.bind(db);

	/*
	 * Every transaction takes the connection for its whole body and begins IMMEDIATE, taking
	 * SQLite's write lock before its first read, so what it reads cannot change before it
	 * writes — also against the other processes on the file. A transaction opened inside another
	 * (a service calling a service, or a job of a group commit) becomes a savepoint of it.
	 */
	const inTurn =
		(behavior: 'immediate' | 'deferred') =>
		<T>(work: (tx: Tx) => Promise<T>): Promise<T> =>
			turns.hold((lease: Lease) => {
				if (lease.tx) return (lease.tx as Tx).transaction(work);
				return begin(
					async (tx) => {
						lease.tx = tx;
						try {
							return await work(tx as Tx);
						} finally {
							lease.tx = undefined;
						}
					},
					{ behavior }
				);
			});
	const transaction = inTurn('immediate');
	(db as { transaction: unknown }).transaction = transaction;

	const connection: SqliteConnection = {
		sqlite,
		db,
		turns,
		statements,
		immediate: transaction,
		read: inTurn('deferred')
	};
	connections.set(client, connection);
	return connection;
}

type Method = 'run' | 'all' | 'values' | 'get';

/**
 * Runs one statement the way drizzle's remote SQLite driver expects: rows as arrays of values
 * (drizzle maps them to its fields by position).
 */
function run(statement: Database.Statement, params: unknown[], method: Method): { rows: unknown } {
	if (!statement.reader) {
		statement.run(...params);
		return { rows: [] };
	}
	statement.raw(true);
	if (method === 'get') return { rows: statement.get(...params) };
	return { rows: statement.all(...params) };
}

/**
 * Prepared statements by SQL text. drizzle builds the same text for the same query shape, so a
 * busy moment prepares each shape once instead of once per call.
 */
export class StatementCache {
	private readonly cache = new Map<string, Database.Statement>();
	constructor(
		private readonly sqlite: Sqlite,
		private readonly size = 500
	) {}

	get(text: string): Database.Statement {
		let statement = this.cache.get(text);
		if (statement) {
			// Most recently used last, so the oldest is the first to go.
			this.cache.delete(text);
		} else {
			statement = this.sqlite.prepare(text);
			if (this.cache.size >= this.size) {
				const oldest = this.cache.keys().next().value;
				if (oldest !== undefined) this.cache.delete(oldest);
			}
		}
		this.cache.set(text, statement);
		return statement;
	}
}
