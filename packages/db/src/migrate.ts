import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import type { BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import type Database from 'better-sqlite3';

/**
 * The committed migrations folder. Found through the package's own `package.json` rather than
 * `import.meta.url`, because the apps bundle this source and the bundle lives elsewhere.
 */
export function migrationsFolder(): string {
	const require = createRequire(import.meta.url);
	return join(dirname(require.resolve('@huizhan/db/package.json')), 'migrations');
}

const MAX_ATTEMPTS = 5;

/**
 * Applies pending migrations. Both apps start together and each migrates at start-up; drizzle
 * reads what is applied before taking the write lock, so the slower process can try to apply a
 * migration the faster one has just committed. Its transaction then fails and rolls back whole,
 * and on the next attempt it sees the migration as applied.
 */
export function applyMigrations(
	db: BetterSQLite3Database<Record<string, unknown>>,
	sqlite: Database.Database,
	folder: string = migrationsFolder()
): void {
	// drizzle rebuilds a table (to change a CHECK) by dropping it; with foreign keys on, that drop
	// cascades into the rows that reference it. Its `PRAGMA foreign_keys=OFF` is ignored inside
	// the migrator's transaction, so the switch is made here, outside it, as SQLite's own
	// procedure for changing a table says; then every reference is checked before going on.
	const foreignKeys = sqlite.pragma('foreign_keys', { simple: true });
	sqlite.pragma('foreign_keys = OFF');
	try {
		migrateWithRetries(db, sqlite, folder);
		const broken = sqlite.pragma('foreign_key_check') as unknown[];
		if (broken.length > 0) {
			throw new Error(`migrations left ${broken.length} broken foreign key reference(s)`);
		}
	} finally {
		sqlite.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
	}
}

function migrateWithRetries(
	db: BetterSQLite3Database<Record<string, unknown>>,
	sqlite: Database.Database,
	folder: string
): void {
	for (let attempt = 1; ; attempt++) {
		try {
			migrate(db, { migrationsFolder: folder });
			return;
		} catch (error) {
			if (attempt >= MAX_ATTEMPTS || !isRaceWithAnotherMigrator(error)) throw error;
			if (sqlite.inTransaction) sqlite.exec('ROLLBACK');
			sleepMs(50 * attempt);
		}
	}
}

function isRaceWithAnotherMigrator(error: unknown): boolean {
	const text = String((error as { cause?: unknown })?.cause ?? error);
	return /already exists|SQLITE_BUSY|database is locked|UNIQUE constraint failed: __drizzle_migrations/i.test(
		text
	);
}

function sleepMs(ms: number): void {
	Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
