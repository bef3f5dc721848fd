import { spawnSync } from 'node:child_process';
import { createDb, type DbHandle } from '@huizhan/db';
import { createTestDatabase, dropTestDatabase } from '@huizhan/db/postgres/testing';
import { ROOT } from './processes.ts';

/**
 * A PostgreSQL database of a test's own, on the throw-away cluster of scripts/pg-cluster.mjs
 * (the one the unit tests use; `npm test` installs PostgreSQL's programs for both). A cluster
 * already running is used as found; one started here is stopped again by `remove()`.
 */
export interface PostgresDatabase {
	/** `DATABASE_URL` for the apps and the CLI. */
	url: string;
	/** A connection of the test's own, to arrange and to check behind the apps' backs. */
	open(): Promise<DbHandle>;
	/** Drops the database, and stops the cluster if this test started it. */
	remove(): Promise<void>;
}

function cluster(command: 'start' | 'stop' | 'url'): string | null {
	const result = spawnSync(process.execPath, ['scripts/pg-cluster.mjs', command], {
		cwd: ROOT,
		encoding: 'utf8'
	});
	if (result.status !== 0) {
		if (command === 'url') return null;
		throw new Error(`pg-cluster ${command} failed:\n${result.stdout}${result.stderr}`);
	}
	return /DATABASE_URL=(\S+)/.exec(result.stdout)?.[1] ?? null;
}

export async function createPostgresDatabase(name: string): Promise<PostgresDatabase> {
	const running = cluster('url');
	const server = running ?? cluster('start');
	if (server === null) throw new Error('pg-cluster start printed no DATABASE_URL');
	const database = `${name}_${process.pid}`;
	const url = await createTestDatabase(server, database);
	return {
		url,
		open: () => createDb({ url, migrate: false, poolSize: 2 }),
		async remove() {
			await dropTestDatabase(server, database);
			if (running === null) cluster('stop');
		}
	};
}
