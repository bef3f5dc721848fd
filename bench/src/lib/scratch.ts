import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb } from '@huizhan/db';
import {
	copyTestDatabase,
	createTestDatabase,
	dropTestDatabase
} from '@huizhan/db/postgres/testing';
import { seedDemo } from '@huizhan/db/seed';
import { postgresCluster } from './pg-cluster.ts';

export interface ScratchDatabase {
	databasePath: string;
	/** Deletes the database and its WAL files; safe to call twice. */
	remove(): Promise<void>;
}

/** Where a benchmark's database is, as `createDb` takes it: the SQLite file or PostgreSQL's URL. */
export type DatabaseAt = { path: string } | { url: string };

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

export interface ScratchPostgres {
	/** `postgres://…/huizhan_bench_…`: a database of its own on the throw-away cluster. */
	url: string;
	/**
	 * A new scratch database holding what this one holds now (PostgreSQL copies the files: far
	 * faster than preparing the data again). Nothing may be connected to this one meanwhile.
	 */
	copy(): Promise<ScratchPostgres>;
	/** Drops the database, closing connections still open to it; safe to call twice. */
	remove(): Promise<void>;
}

/**
 * The same demo database on PostgreSQL: a fresh database with a name of its own on the throw-away
 * cluster (started if none runs; `PostgresMissing` when PostgreSQL is not installed), migrated
 * and seeded as the SQLite one is. Dropped again by `remove`.
 */
export async function createScratchPostgres(): Promise<ScratchPostgres> {
	const { url: clusterUrl } = await postgresCluster();
	const name = scratchName();
	const scratch = scratchPostgres(clusterUrl, name, await createTestDatabase(clusterUrl, name));
	try {
		const { db, close } = await createDb({ url: scratch.url, createAs: 'demo' });
		try {
			await seedDemo(db);
		} finally {
			await close();
		}
	} catch (error) {
		await scratch.remove();
		throw error;
	}
	return scratch;
}

const scratchName = () => `huizhan_bench_${process.pid}_${randomBytes(4).toString('hex')}`;

function scratchPostgres(clusterUrl: string, name: string, url: string): ScratchPostgres {
	let removed = false;
	return {
		url,
		async copy() {
			const copyName = scratchName();
			const copyUrl = await copyTestDatabase(clusterUrl, name, copyName);
			return scratchPostgres(clusterUrl, copyName, copyUrl);
		},
		async remove() {
			if (removed) return;
			removed = true;
			await dropTestDatabase(clusterUrl, name);
		}
	};
}
