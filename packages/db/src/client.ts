import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import * as schema from './schema/index.ts';
import { applyMigrations } from './migrate.ts';
import { claimInstallation } from './installation.ts';
import type { InstallationMode } from './schema/installation.ts';

export type Db = BetterSQLite3Database<typeof schema>;
/** A connection or a transaction on it: helpers that write take either, so they compose. */
export type DbOrTx = Db | Parameters<Parameters<Db['transaction']>[0]>[0];
export type Sqlite = Database.Database;

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
	db: Db;
	sqlite: Sqlite;
	close(): void;
}

/**
 * Switches the file to WAL. SQLite answers this pragma with SQLITE_BUSY at once, without calling
 * the busy handler, while another process is creating or migrating the same new file (four
 * processes starting together showed it under load): so it is retried here, for as long as the
 * busy timeout allows, before the error is let through.
 */
function useWal(sqlite: Database.Database, timeoutMs: number): void {
	const deadline = Date.now() + Math.max(0, timeoutMs);
	const pause = new Int32Array(new SharedArrayBuffer(4));
	for (;;) {
		try {
			sqlite.pragma('journal_mode = WAL');
			return;
		} catch (error) {
			const busy = (error as { code?: string }).code === 'SQLITE_BUSY';
			if (!busy || Date.now() >= deadline) throw error;
			// A synchronous wait: opening the database is synchronous for its callers.
			Atomics.wait(pause, 0, 0, 20);
		}
	}
}

/**
 * Opens the platform's SQLite database. Both apps and the CLI open the same file at once,
 * which WAL makes safe: readers never block the writer and the writer never blocks readers.
 */
export function createDb({
	path,
	migrate = true,
	busyTimeoutMs = 5_000,
	createAs = path === ':memory:' ? undefined : 'production'
}: CreateDbOptions): DbHandle {
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
	 * `groupCommitFor` shares it among the writes of a busy moment.
	 */
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');

	const db = drizzle(sqlite, { schema, casing: 'snake_case' });
	if (migrate) {
		applyMigrations(db, sqlite);
		if (createAs) claimInstallation(db, createAs);
	}

	return {
		db,
		sqlite,
		close: () => {
			if (sqlite.open) sqlite.close();
		}
	};
}
