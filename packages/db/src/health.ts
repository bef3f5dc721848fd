import type { Sqlite } from './client.ts';

/**
 * True when the database answers a real read of our schema: not `SELECT 1`, which succeeds
 * even when the file has been removed or the schema is missing.
 */
export function databaseAnswers(sqlite: Sqlite): boolean {
	try {
		sqlite.prepare('SELECT count(*) AS n FROM conferences').get();
		return true;
	} catch {
		return false;
	}
}
