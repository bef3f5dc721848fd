import {
	closeSync,
	copyFileSync,
	existsSync,
	fsyncSync,
	linkSync,
	mkdirSync,
	openSync,
	renameSync,
	rmSync,
	statSync
} from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { createDb, type Sqlite } from './client.ts';
import { installationMode, type InstallationMode } from './installation.ts';
import { verifyLedger } from './ledger/verify.ts';

export interface BackupResult {
	pages: number;
	bytes: number;
}

/**
 * Writes a consistent copy of the live database to `destination` with `VACUUM INTO`. It reads
 * the database in one read transaction, so the apps go on writing beside it (WAL) and none of
 * their writes makes it start over. SQLite's online backup API, used before, copies a few pages
 * a step and restarts whenever another connection writes: on a large database under steady
 * writes it might never finish.
 *
 * The copy is written under a temporary name beside the destination, fsynced, and only then
 * linked to its name, so a half-written file never carries it and an existing file is never
 * overwritten (the link fails instead).
 */
export function backupDatabase(sqlite: Sqlite, destination: string): BackupResult {
	const target = resolve(destination);
	mkdirSync(dirname(target), { recursive: true });
	const partial = `${target}.partial-${process.pid}`;
	rmSync(partial, { force: true });
	try {
		sqlite.prepare('VACUUM INTO ?').run(partial);
		fsyncFile(partial);
		linkSync(partial, target);
		fsyncFile(dirname(target));
	} finally {
		rmSync(partial, { force: true });
	}
	const bytes = statSync(target).size;
	return { pages: bytes / (sqlite.pragma('page_size', { simple: true }) as number), bytes };
}

export type RestoreRefusalReason =
	/** Another process (an app, a CLI command) has the live database open. */
	| 'in_use'
	/** The file is not a readable SQLite database of ours, or it is damaged. */
	| 'not_a_database'
	/** Its signing ledger does not verify: some row was changed behind the ledger's back. */
	| 'ledger_broken'
	/** A demo database would replace a production one. */
	| 'demo_over_production';

export class RestoreRefusal extends Error {
	constructor(
		readonly reason: RestoreRefusalReason,
		message: string
	) {
		super(message);
		this.name = 'RestoreRefusal';
	}
}

export interface RestoreOptions {
	/** The backup file. */
	from: string;
	/** The live database path (`DATABASE_PATH`). */
	to: string;
	/** How long to wait for a brief lock (another CLI command finishing) before refusing. */
	lockTimeoutMs?: number;
}

export interface RestoreResult {
	entries: number;
	deals: number;
	headHash: string;
	mode: InstallationMode | null;
}

/**
 * Puts the backup `from` in place of the database at `to`, only when nothing has it open.
 *
 * The backup is first copied beside the live file, migrated to this version and checked (SQLite's
 * integrity check, then the ledger's hash chain and projection); nothing live is touched before
 * that passes. Then an exclusive lock on the live file decides whether it may be replaced: every
 * process with the database open in WAL mode holds a shared lock on the file for as long as its
 * connection is open, and the operating system drops it when the process ends, even on kill -9.
 * So the lock is granted exactly when no app (or other command) has the database open, with no
 * heartbeat to go stale. Holding it, the live file leaves WAL mode (folding in its WAL), the
 * checked copy is renamed over it and the stale `-shm` removed.
 *
 * Throws `RestoreRefusal` and leaves the live database as it was when any step refuses.
 */
export async function restoreDatabase({
	from,
	to,
	lockTimeoutMs = 2_000
}: RestoreOptions): Promise<RestoreResult> {
	const source = resolve(from);
	const target = resolve(to);
	const staging = `${target}.restoring-${process.pid}`;
	const removeStaging = () => {
		for (const suffix of ['', '-wal', '-shm', '-journal'])
			rmSync(staging + suffix, { force: true });
	};
	removeStaging();
	mkdirSync(dirname(target), { recursive: true });
	try {
		copyFileSync(source, staging);
		const checked = await checkCopy(staging, source);
		fsyncFile(staging);
		if (!existsSync(target)) {
			// Nothing to lock; the link fails rather than replace a file created meanwhile.
			try {
				linkSync(staging, target);
			} catch {
				throw new RestoreRefusal('in_use', `${target} appeared while restoring`);
			}
		} else {
			replaceLocked(target, staging, checked.mode, lockTimeoutMs);
		}
		fsyncFile(dirname(target));
		return checked;
	} finally {
		removeStaging();
	}
}

async function checkCopy(staging: string, source: string): Promise<RestoreResult> {
	let handle;
	try {
		handle = await createDb({ path: staging });
		const integrity = handle.sqlite?.pragma('integrity_check', { simple: true });
		if (integrity !== 'ok') throw new Error(`integrity check: ${integrity}`);
	} catch (error) {
		await handle?.close();
		throw new RestoreRefusal(
			'not_a_database',
			`${source} is not a readable Huizhan database (${(error as Error).message})`
		);
	}
	try {
		const ledger = await verifyLedger(handle.db);
		if (!ledger.ok) {
			const where = [
				ledger.seq !== null ? `entry seq ${ledger.seq}` : null,
				ledger.dealId ? `deal ${ledger.dealId}` : null
			]
				.filter(Boolean)
				.join(', ');
			throw new RestoreRefusal(
				'ledger_broken',
				`the ledger in ${source} does not verify at ${where || 'an unknown entry'}: ${ledger.problem}`
			);
		}
		return {
			entries: ledger.entries,
			deals: ledger.deals,
			headHash: ledger.headHash,
			mode: await installationMode(handle.db)
		};
	} finally {
		// The last connection to close folds the WAL into the file: the copy is one file again.
		await handle.close();
	}
}

function replaceLocked(
	target: string,
	staging: string,
	incoming: InstallationMode | null,
	lockTimeoutMs: number
): void {
	const lock = new Database(target, { fileMustExist: true });
	try {
		lock.pragma(`busy_timeout = ${Math.max(0, Math.trunc(lockTimeoutMs))}`);
		// Exclusive locking mode keeps the lock until this connection closes, between statements too.
		lock.pragma('locking_mode = EXCLUSIVE');
		try {
			lock.exec('BEGIN EXCLUSIVE');
			lock.exec('COMMIT');
		} catch (error) {
			if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) {
				throw new RestoreRefusal(
					'in_use',
					`${target} is open in another process (an app or a command is running)`
				);
			}
			throw error;
		}
		const live = liveMode(lock);
		if (live === 'production' && incoming === 'demo') {
			throw new RestoreRefusal(
				'demo_over_production',
				`the backup is a demo database and ${target} a production one`
			);
		}
		// Out of WAL mode, so closing this connection later never touches a `-wal` by name: after
		// the rename that name belongs to the restored database.
		if (lock.pragma('journal_mode = DELETE', { simple: true }) !== 'delete') {
			throw new RestoreRefusal('in_use', `${target} could not be taken out of WAL mode`);
		}
		lock.exec('BEGIN EXCLUSIVE');
		rmSync(`${target}-wal`, { force: true });
		rmSync(`${target}-shm`, { force: true });
		renameSync(staging, target);
		lock.exec('ROLLBACK');
	} finally {
		lock.close();
	}
}

function liveMode(lock: Database.Database): InstallationMode | null {
	try {
		return (
			(lock.prepare('SELECT mode FROM installation WHERE id = 1').pluck().get() as
				InstallationMode | undefined) ?? null
		);
	} catch {
		return null; // a database from before the mode existed
	}
}

function fsyncFile(path: string): void {
	const fd = openSync(path, 'r');
	try {
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}
