import { databaseAnswers } from './health.ts';
import { claimInstallation } from './installation.ts';
import type { InstallationMode } from './schema/installation.ts';
import { GroupCommit, type Writes } from './group-commit.ts';
import { openSqlite, type Sqlite } from './sqlite/open.ts';
import type { Db, Dialect } from './types.ts';

export type { Db, DbOrTx, Dialect, Schema, Tx } from './types.ts';
export type { Sqlite } from './sqlite/open.ts';

export interface CreateDbOptions {
	/** A file path, or `:memory:` for tests. */
	path: string;
	/** Apply pending migrations before returning (default true). */
	migrate?: boolean;
	/** How long a writer waits for another process's write lock before giving up (ms). */
	busyTimeoutMs?: number;
	/**
	 * What the database becomes if this call creates it (it had no mode yet): `production` by
	 * default, so a file nobody meant as a demo never becomes one. Only `huizhan seed --demo`
	 * creates demo databases. An in-memory database (tests) stays undecided unless given one.
	 * Ignored with `migrate: false`, which must not write.
	 */
	createAs?: InstallationMode;
}

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
	close(): Promise<void>;
}

/**
 * Opens the platform's database: the SQLite file at `path` (WAL, so both apps and the CLI open
 * the same file at once: readers never block the writer and the writer never blocks readers).
 */
export async function createDb({
	path,
	migrate = true,
	busyTimeoutMs = 5_000,
	createAs = path === ':memory:' ? undefined : 'production'
}: CreateDbOptions): Promise<DbHandle> {
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
