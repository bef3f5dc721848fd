import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';

export interface ScratchDatabase {
	databasePath: string;
	/** Deletes the database and its WAL files; safe to call twice. */
	remove(): Promise<void>;
}

/**
 * A migrated demo database holding the demo data, in a directory of its own, so a benchmark never
 * touches the operator's `data/huizhan.db` and leaves nothing behind.
 */
export async function createScratchDatabase(): Promise<ScratchDatabase> {
	const directory = await mkdtemp(join(tmpdir(), 'huizhan-bench-'));
	const remove = () => rm(directory, { recursive: true, force: true });
	const databasePath = join(directory, 'huizhan.db');
	try {
		const { db, close } = await createDb({ path: databasePath, createAs: 'demo' });
		try {
			await seedDemo(db);
		} finally {
			await close();
		}
	} catch (error) {
		await remove();
		throw error;
	}
	return { databasePath, remove };
}
