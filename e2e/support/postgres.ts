import { createDb, type DbHandle } from '@huizhan/db';
import {
	createTestDatabase,
	dropTestDatabase,
	throwAwayCluster
} from '@huizhan/db/postgres/testing';

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

export async function createPostgresDatabase(name: string): Promise<PostgresDatabase> {
	const cluster = throwAwayCluster();
	const server = cluster.url;
	const database = `${name}_${process.pid}`;
	const url = await createTestDatabase(server, database);
	return {
		url,
		open: () => createDb({ url, migrate: false, poolSize: 2 }),
		async remove() {
			await dropTestDatabase(server, database);
			cluster.release();
		}
	};
}
