import { sql } from 'drizzle-orm';
import { dialectOf, rows } from './tables.ts';
import type { Db } from './types.ts';

/**
 * How many migrations the database has had, from drizzle's own journal: a table of the file on
 * SQLite, of the `drizzle` schema on PostgreSQL.
 */
export async function appliedMigrations(db: Db): Promise<number> {
	const journal =
		dialectOf(db) === 'sqlite' ? sql`__drizzle_migrations` : sql`drizzle.__drizzle_migrations`;
	const [applied] = await rows<{ n: number }>(db, sql`SELECT count(*) AS n FROM ${journal}`);
	return Number(applied?.n ?? 0);
}
