import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/node-postgres';
import { PgTable } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { afterEach, describe, expect, inject, test } from 'vitest';
import * as schema from '../schema-pg/index.ts';
import { applyPgMigrations, migrationsFolderPg } from './migrate.ts';
import { createTestDatabase, dropTestDatabase } from './testing.ts';

const baseUrl = inject('pgUrl');
const pools: pg.Pool[] = [];
const databases: string[] = [];

async function freshDatabase(): Promise<string> {
	const name = `huizhan_migrate_${randomBytes(4).toString('hex')}`;
	databases.push(name);
	return createTestDatabase(baseUrl, name);
}

function open(url: string) {
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	pools.push(pool);
	return drizzle({ client: pool, casing: 'snake_case' });
}

afterEach(async () => {
	await Promise.all(pools.splice(0).map((pool) => pool.end()));
	await Promise.all(databases.splice(0).map((name) => dropTestDatabase(baseUrl, name)));
});

async function appliedMigrations(url: string): Promise<number> {
	const { rows } = await open(url).$client.query(
		'select count(*)::int as n from drizzle.__drizzle_migrations'
	);
	return rows[0].n;
}

async function tableNames(url: string): Promise<string[]> {
	const { rows } = await open(url).$client.query<{ name: string }>(
		"select table_name as name from information_schema.tables where table_schema = 'public'"
	);
	return rows.map((r) => r.name).sort();
}

/** Every migration committed: a new one is counted without editing this test. */
const committedMigrations = (
	JSON.parse(readFileSync(join(migrationsFolderPg(), 'meta', '_journal.json'), 'utf8')) as {
		entries: unknown[];
	}
).entries.length;

const expectedTables = Object.values(schema)
	.filter((v) => is(v, PgTable))
	.map((t) => getTableName(t as PgTable))
	.sort();

describe('applyPgMigrations', () => {
	test('creates every table of the schema in an empty database, and the ledger total row', async () => {
		const url = await freshDatabase();
		await applyPgMigrations(open(url));
		expect(await tableNames(url)).toEqual(expectedTables);
		const { rows } = await open(url).$client.query('select id, amount from ledger_total');
		expect(rows).toEqual([{ id: 1, amount: '0' }]);
		expect(await appliedMigrations(url)).toBe(committedMigrations);
	});

	test('applying again changes nothing', async () => {
		const url = await freshDatabase();
		const db = open(url);
		await applyPgMigrations(db);
		await db.$client.query(
			"insert into industry_chains (name_zh, name_en, created_at) values ('新能源', 'New energy', now())"
		);
		await applyPgMigrations(db);
		expect(await appliedMigrations(url)).toBe(committedMigrations);
		const { rows } = await db.$client.query('select name_zh from industry_chains');
		expect(rows).toEqual([{ name_zh: '新能源' }]);
	});

	test('four instances migrating at once all succeed, and the migrations are applied once', async () => {
		const url = await freshDatabase();
		const results = await Promise.allSettled([1, 2, 3, 4].map(() => applyPgMigrations(open(url))));
		expect(results.map((r) => r.status)).toEqual(Array(4).fill('fulfilled'));
		expect(await appliedMigrations(url)).toBe(committedMigrations);
		expect(await tableNames(url)).toEqual(expectedTables);
	});

	test('releases its lock when a migration fails, so the next instance is not stuck', async () => {
		const url = await freshDatabase();
		await expect(applyPgMigrations(open(url), '/nonexistent/migrations-pg')).rejects.toThrow();
		// Another pool: a session holding the lock could take it again, a second one could not.
		await applyPgMigrations(open(url));
		expect(await appliedMigrations(url)).toBe(committedMigrations);
	});
});
