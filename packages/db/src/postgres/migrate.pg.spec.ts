import { randomBytes } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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

	test('the mail queue moves into the outbox of every channel, ids kept, and new ids follow', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'huizhan-migrations-pg-'));
		try {
			cpSync(migrationsFolderPg(), folder, { recursive: true });
			const journalPath = join(folder, 'meta', '_journal.json');
			const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
			const firstNew = journal.entries.findIndex(
				(e: { tag: string }) => e.tag === '0003_invitations_delegations_outbox'
			);
			expect(firstNew).toBeGreaterThan(0);
			writeFileSync(
				journalPath,
				JSON.stringify({ ...journal, entries: journal.entries.slice(0, firstNew) })
			);
			const url = await freshDatabase();
			const db = open(url);
			await applyPgMigrations(db, folder);
			await db.$client.query(`
				INSERT INTO conferences (id, name_zh, name_en, ref_prefix, starts_on, ends_on, venue_zh,
					venue_en, registration_opens_at, registration_closes_at, status, theme_color, created_at)
					VALUES ('wsc-2024', '传感器', 'Sensors', 'WSC', '2024-11-03', '2024-11-05', 'v', 'v',
					now() - interval '1 day', now(), 'open', '#0b5cad', now());
				INSERT INTO registrations (id, conference_id, category, name, organisation, title,
					email, country, language, consent_at, status, reference, ticket_secret, created_at)
					VALUES (7, 'wsc-2024', 'visitor', '张三', '某公司', '经理', 'z@example.cn', 'CN',
					'zh-CN', now(), 'confirmed', 'WSC-7K3Q9M', 'cccccccccccccccccccccc', now());
				INSERT INTO mail_outbox (id, kind, registration_id, status, attempts, next_attempt_at,
					created_at) VALUES (41, 'registration_confirmed', 7, 'failed', 8, now(), now());`);

			writeFileSync(journalPath, JSON.stringify(journal));
			await applyPgMigrations(db, folder);
			const moved = await db.$client.query(
				'select id, channel, kind, registration_id, status, attempts from outbox'
			);
			expect(moved.rows).toEqual([
				{
					id: 41,
					channel: 'mail',
					kind: 'registration_confirmed',
					registration_id: 7,
					status: 'failed',
					attempts: 8
				}
			]);
			// The identity continues after the copied ids instead of colliding with them.
			const next = await db.$client.query(
				`insert into outbox (channel, kind, registration_id, next_attempt_at, created_at)
					values ('sms', 'registration_confirmed', 7, now(), now()) returning id`
			);
			expect(next.rows[0].id).toBeGreaterThan(41);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	test('releases its lock when a migration fails, so the next instance is not stuck', async () => {
		const url = await freshDatabase();
		await expect(applyPgMigrations(open(url), '/nonexistent/migrations-pg')).rejects.toThrow();
		// Another pool: a session holding the lock could take it again, a second one could not.
		await applyPgMigrations(open(url));
		expect(await appliedMigrations(url)).toBe(committedMigrations);
	});
});
