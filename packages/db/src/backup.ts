import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Sqlite } from './client.ts';

/**
 * Copies the live database to `destination` with SQLite's online backup API: pages are copied
 * in steps while the apps go on reading and writing, and the copy is a consistent snapshot.
 * Returns the number of pages copied.
 */
export async function backupDatabase(sqlite: Sqlite, destination: string): Promise<number> {
	const target = resolve(destination);
	mkdirSync(dirname(target), { recursive: true });
	const result = await sqlite.backup(target);
	return result.totalPages;
}
