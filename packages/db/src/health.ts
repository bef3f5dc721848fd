import { sql } from 'drizzle-orm';
import { rows } from './tables.ts';
import type { DbOrTx } from './types.ts';

/**
 * True when the database answers a real read of our schema: not `SELECT 1`, which succeeds
 * even when the file has been removed or the schema is missing.
 */
export async function databaseAnswers(db: DbOrTx): Promise<boolean> {
	try {
		await rows(db, sql`SELECT count(*) AS n FROM conferences`);
		return true;
	} catch {
		return false;
	}
}
