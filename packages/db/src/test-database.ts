import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { createDb, type DbHandle } from './client.ts';
import type { InstallationMode } from './schema/installation.ts';
import { copyTestDatabase, dropTestDatabase } from './postgres/testing.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A server the tests may create databases on (its maintenance database's URL). */
		pgUrl: string;
		/** The migrated database each test's own is copied from. */
		pgTemplate: string;
	}
}

/**
 * A fresh, empty, migrated database for one test: an in-memory SQLite database, or — when the
 * run was started for PostgreSQL (`vitest.pg.config.ts` provides a server) — a new database on
 * that server, dropped again by `close()`. Tests written with it run unchanged on both.
 */
export async function createTestDb(
	options: { createAs?: InstallationMode | null } = {}
): Promise<DbHandle> {
	const createAs = options.createAs ?? null;
	const server = inject('pgUrl');
	if (!server) return createDb({ path: ':memory:', createAs });
	const name = `t_${process.pid}_${randomBytes(6).toString('hex')}`;
	const url = await copyTestDatabase(server, inject('pgTemplate'), name);
	const handle = await createDb({ url, poolSize: 4, createAs });
	return {
		...handle,
		close: async () => {
			await handle.close();
			await dropTestDatabase(server, name);
		}
	};
}
