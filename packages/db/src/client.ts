import { databaseAnswers } from './health.ts';
import { claimInstallation } from './installation.ts';
import type { InstallationMode } from './schema/installation.ts';
import { GroupCommit, TransactionPerWrite, type Writes } from './group-commit.ts';
import { openPostgres } from './postgres/open.ts';
import { listenForChanges, type ChangeFeed } from './postgres/changes.ts';
import { openSqlite, type Sqlite } from './sqlite/open.ts';
import type { Db, Dialect } from './types.ts';

export type { Db, DbOrTx, Dialect, Schema, Tx } from './types.ts';
export type { Sqlite } from './sqlite/open.ts';

/** The embedded database: one SQLite file (the default, and the tests'). */
export interface SqliteDbOptions {
	/** A file path, or `:memory:` for tests. */
	path: string;
	url?: undefined;
	/** Apply pending migrations before returning (default true). */
	migrate?: boolean;
	/** How long a writer waits for another process's write lock before giving up (ms). */
	busyTimeoutMs?: number;
	/**
	 * What the database becomes if this call creates it (it had no mode yet): `production` by
	 * default, so a file nobody meant as a demo never becomes one. Only `huizhan seed --demo`
	 * creates demo databases. An in-memory database (tests) stays undecided unless given one.
	 * Ignored with `migrate: false`, which must not write. `null`: leave it undecided.
	 */
	createAs?: InstallationMode | null;
}

/** The server database: PostgreSQL, shared by any number of app instances. */
export interface PostgresDbOptions {
	/** `postgres://user:password@host:port/database` */
	url: string;
	path?: undefined;
	/** Connections this process may hold at most (default 10). */
	poolSize?: number;
	migrate?: boolean;
	/** As for SQLite: what a database nobody decided yet becomes (default `production`). */
	createAs?: InstallationMode | null;
}

export type CreateDbOptions = SqliteDbOptions | PostgresDbOptions;

export interface DbHandle {
	dialect: Dialect;
	/** The query interface the services use (see `Db`). */
	db: Db;
	/** Where the high-rate writes go (a group commit on SQLite). */
	writes: Writes;
	/** The SQLite connection itself, for SQLite-only operations (backup); absent on PostgreSQL. */
	sqlite?: Sqlite;
	/**
	 * True when the database answers a real read of our schema: not `SELECT 1`, which succeeds
	 * even when the file has been removed or the schema is missing.
	 */
	answers(): Promise<boolean>;
	/**
	 * On PostgreSQL: news of every commit that changed live figures, from any instance (LISTEN/
	 * NOTIFY). Absent on SQLite, where the live pages ask the file for its version on a timer.
	 */
	changes?: ChangeFeed;
	close(): Promise<void>;
}

/**
 * Opens the platform's database — the one place that chooses between the two: PostgreSQL when
 * given a `url`, otherwise the SQLite file at `path`. Everything above this package uses the
 * handle the same way whichever it is.
 */
export function createDb(options: CreateDbOptions): Promise<DbHandle> {
	return options.url === undefined ? createSqliteDb(options) : createPostgresDb(options);
}

async function createPostgresDb({
	url,
	poolSize = 10,
	migrate = true,
	createAs = 'production'
}: PostgresDbOptions): Promise<DbHandle> {
	const { db, close } = await openPostgres({ url, poolSize, migrate });
	if (migrate && createAs) await claimInstallation(db, createAs);
	const changes = listenForChanges({ url });
	return {
		dialect: 'postgres',
		db,
		writes: new TransactionPerWrite(db),
		answers: () => databaseAnswers(db),
		changes,
		close: async () => {
			await changes.close();
			await close();
		}
	};
}

/**
 * The SQLite file at `path`, in WAL mode: both apps and the CLI open the same file at once;
 * readers never block the writer and the writer never blocks readers.
 */
async function createSqliteDb({
	path,
	migrate = true,
	busyTimeoutMs = 5_000,
	createAs = path === ':memory:' ? null : 'production'
}: SqliteDbOptions): Promise<DbHandle> {
	const connection = openSqlite({ path, migrate, busyTimeoutMs });
	const { db, sqlite } = connection;
	if (migrate && createAs) await claimInstallation(db, createAs);
	return {
		dialect: 'sqlite',
		db,
		sqlite,
		writes: new GroupCommit(connection),
		answers: () => databaseAnswers(db),
		close: async () => {
			// Whatever holds the connection finishes first: closing under an open transaction
			// would throw away writes already promised to their callers' batch.
			await connection.turns.hold(() => undefined);
			if (sqlite.open) sqlite.close();
		}
	};
}
