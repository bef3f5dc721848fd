import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { drizzle, type NodePgClient, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PoolClient } from 'pg';

/**
 * The committed PostgreSQL migrations folder, found like `migrationsFolder()`: through the
 * package's own `package.json`, because the apps bundle this source and the bundle lives elsewhere.
 */
export function migrationsFolderPg(): string {
	const require = createRequire(import.meta.url);
	return join(dirname(require.resolve('@huizhan/db/package.json')), 'migrations-pg');
}

/**
 * The session advisory lock every migrating instance takes: any constant both sides agree on
 * (the bytes of "huizhan" and a 1, so it is unlikely to meet a lock of another program).
 */
export const MIGRATION_LOCK_KEY = 0x6875697a68616e01n;

/**
 * Applies pending migrations. Several instances start at once and each migrates at start-up;
 * drizzle's migrator reads what is applied before applying the rest, and its `create schema if
 * not exists` races too, so each instance waits here for the others: a session advisory lock is
 * held on one dedicated connection, and the migrations run on that same connection.
 */
export async function applyPgMigrations(
	db: NodePgDatabase<Record<string, unknown>> & { $client: NodePgClient },
	folder: string = migrationsFolderPg()
): Promise<void> {
	const pool = db.$client;
	const client = 'totalCount' in pool ? await pool.connect() : pool;
	try {
		await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY.toString()]);
		try {
			await migrate(drizzle({ client }), { migrationsFolder: folder });
		} finally {
			await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY.toString()]);
		}
	} finally {
		if (client !== pool) (client as PoolClient).release();
	}
}
