import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, type DbHandle } from './client.ts';
import { applyMigrations, migrationsFolder } from './migrate.ts';
import { claimInstallation, installationMode, ProductionDatabaseRefusal } from './installation.ts';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from './seed/index.ts';
import { execute, row } from './tables.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-mode-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const count = async (handle: DbHandle, table: string) =>
	(await row<{ n: number }>(handle.db, sql`SELECT count(*) AS n FROM ${sql.identifier(table)}`))?.n;

/** What the database answered a refused statement (drizzle wraps it as the cause of its error). */
async function refusalOf(statement: Promise<unknown>): Promise<string> {
	try {
		await statement;
	} catch (error) {
		return String((error as Error).cause ?? error);
	}
	throw new Error('the statement was not refused');
}

/** The SQLite connection of a handle: the migrator and the old schema's rows are SQLite's own. */
function sqliteOf(handle: DbHandle) {
	if (!handle.sqlite) throw new Error('a SQLite handle was expected');
	return handle.sqlite;
}

describe('the installation mode', () => {
	test('a new database file is a production database unless its creator asks for a demo one', async () => {
		const plain = await createDb({ path: join(dir, 'plain.db') });
		expect(await installationMode(plain.db)).toBe('production');
		await plain.close();
		const demo = await createDb({ path: join(dir, 'demo.db'), createAs: 'demo' });
		expect(await installationMode(demo.db)).toBe('demo');
		await demo.close();
	});

	test('is fixed at creation: reopening as a demo, claiming again, updating or deleting it changes nothing', async () => {
		const path = join(dir, 'huizhan.db');
		await (await createDb({ path })).close();
		const again = await createDb({ path, createAs: 'demo' });
		expect(await installationMode(again.db)).toBe('production');
		expect(await claimInstallation(again.db, 'demo')).toBe('production');
		expect(await refusalOf(execute(again.db, sql`UPDATE installation SET mode = 'demo'`))).toMatch(
			/fixed when the database is created/
		);
		expect(await refusalOf(execute(again.db, sql`DELETE FROM installation`))).toMatch(
			/fixed when the database is created/
		);
		expect(await installationMode(again.db)).toBe('production');
		await again.close();
	});

	test('demo data is refused in a production database, and nothing is written', async () => {
		const handle = await createDb({ path: join(dir, 'huizhan.db') });
		await expect(seedDemo(handle.db)).rejects.toThrow(ProductionDatabaseRefusal);
		await expect(seedDemoDeals(handle.db)).rejects.toThrow(ProductionDatabaseRefusal);
		await expect(seedDemoRegistrations(handle.db)).rejects.toThrow(ProductionDatabaseRefusal);
		for (const table of ['conferences', 'industry_chains', 'ledger_entries', 'registrations'])
			expect(await count(handle, table)).toBe(0);
		await handle.close();
	});

	test('seeding an undecided database (a test’s in-memory one) makes it a demo database', async () => {
		const handle = await createDb({ path: ':memory:' });
		expect(await installationMode(handle.db)).toBeNull();
		await seedDemo(handle.db);
		expect(await installationMode(handle.db)).toBe('demo');
		await handle.close();
	});
});

describe('a database created before the mode existed', () => {
	/** A database migrated up to the migration before the mode, holding what `fill` writes. */
	async function legacyDatabase(fill: string[]) {
		const folder = join(dir, 'old-migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		// Everything from the mode's migration on: the migrator applies only what is newer than
		// the last migration a database has, so a later one left in would hide the mode's.
		const modeAt = journal.entries.findIndex((e: { tag: string }) =>
			e.tag.endsWith('installation')
		);
		journal.entries = journal.entries.slice(0, modeAt);
		writeFileSync(journalPath, JSON.stringify(journal));
		const path = join(dir, 'legacy.db');
		const old = await createDb({ path, migrate: false });
		applyMigrations(drizzle(sqliteOf(old)), sqliteOf(old), folder);
		for (const statement of fill) sqliteOf(old).exec(statement);
		await old.close();
		return path;
	}
	const staff = (login: string) =>
		`INSERT INTO staff_users (login, display_name, password_hash, created_at) VALUES ('${login}', '${login}', '$argon2id$x', 0)`;
	const demoStaffCreated = (logins: string[]) =>
		`INSERT INTO audit_log (at, actor_label, source, action, detail) VALUES (0, 'system', 'demo', 'demo_staff_created', '${JSON.stringify({ logins })}')`;

	test('is a demo database when every staff account in it was made by the demo set-up', async () => {
		const path = await legacyDatabase([
			staff('admin'),
			staff('door'),
			demoStaffCreated(['admin', 'recorder', 'door', 'leader'])
		]);
		const handle = await createDb({ path });
		expect(await installationMode(handle.db)).toBe('demo');
		await handle.close();
	});

	test('is a production database when it holds any account the demo set-up did not make', async () => {
		const path = await legacyDatabase([
			staff('admin'),
			staff('chief'),
			demoStaffCreated(['admin', 'recorder', 'door', 'leader'])
		]);
		const handle = await createDb({ path, createAs: 'demo' });
		expect(await installationMode(handle.db)).toBe('production');
		await expect(seedDemo(handle.db)).rejects.toThrow(ProductionDatabaseRefusal);
		await handle.close();
	});

	test('is a production database when an account named like a demo one was made by hand', async () => {
		const path = await legacyDatabase([staff('admin')]);
		const handle = await createDb({ path, createAs: 'demo' });
		expect(await installationMode(handle.db)).toBe('production');
		await handle.close();
	});

	test('is a production database when it holds data but no account yet', async () => {
		const path = await legacyDatabase([
			`INSERT INTO industry_chains (name_zh, name_en, created_at) VALUES ('智能传感器', 'Smart sensors', 0)`
		]);
		const handle = await createDb({ path, createAs: 'demo' });
		expect(await installationMode(handle.db)).toBe('production');
		await handle.close();
	});

	test('is left to its creator when it is empty', async () => {
		const path = await legacyDatabase([]);
		const handle = await createDb({ path, createAs: 'demo' });
		expect(await installationMode(handle.db)).toBe('demo');
		await handle.close();
	});
});
