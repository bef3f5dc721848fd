import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb } from './client.ts';
import { applyMigrations, migrationsFolder } from './migrate.ts';
import { claimInstallation, installationMode, ProductionDatabaseRefusal } from './installation.ts';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from './seed/index.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-mode-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

const count = (handle: ReturnType<typeof createDb>, table: string) =>
	handle.sqlite.prepare(`SELECT count(*) FROM ${table}`).pluck().get();

describe('the installation mode', () => {
	test('a new database file is a production database unless its creator asks for a demo one', () => {
		const plain = createDb({ path: join(dir, 'plain.db') });
		expect(installationMode(plain.db)).toBe('production');
		plain.close();
		const demo = createDb({ path: join(dir, 'demo.db'), createAs: 'demo' });
		expect(installationMode(demo.db)).toBe('demo');
		demo.close();
	});

	test('is fixed at creation: reopening as a demo, claiming again, updating or deleting it changes nothing', () => {
		const path = join(dir, 'huizhan.db');
		createDb({ path }).close();
		const again = createDb({ path, createAs: 'demo' });
		expect(installationMode(again.db)).toBe('production');
		expect(claimInstallation(again.db, 'demo')).toBe('production');
		expect(() => again.sqlite.exec(`UPDATE installation SET mode = 'demo'`)).toThrow(
			/fixed when the database is created/
		);
		expect(() => again.sqlite.exec('DELETE FROM installation')).toThrow(
			/fixed when the database is created/
		);
		expect(installationMode(again.db)).toBe('production');
		again.close();
	});

	test('demo data is refused in a production database, and nothing is written', () => {
		const handle = createDb({ path: join(dir, 'huizhan.db') });
		expect(() => seedDemo(handle.db)).toThrow(ProductionDatabaseRefusal);
		expect(() => seedDemoDeals(handle.db)).toThrow(ProductionDatabaseRefusal);
		expect(() => seedDemoRegistrations(handle.db)).toThrow(ProductionDatabaseRefusal);
		for (const table of ['conferences', 'industry_chains', 'ledger_entries', 'registrations'])
			expect(count(handle, table)).toBe(0);
		handle.close();
	});

	test('seeding an undecided database (a test’s in-memory one) makes it a demo database', () => {
		const handle = createDb({ path: ':memory:' });
		expect(installationMode(handle.db)).toBeNull();
		seedDemo(handle.db);
		expect(installationMode(handle.db)).toBe('demo');
		handle.close();
	});
});

describe('a database created before the mode existed', () => {
	/** A database migrated up to the migration before the mode, holding what `fill` writes. */
	function legacyDatabase(fill: string[]) {
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
		const old = createDb({ path, migrate: false });
		applyMigrations(old.db, old.sqlite, folder);
		for (const statement of fill) old.sqlite.exec(statement);
		old.close();
		return path;
	}
	const staff = (login: string) =>
		`INSERT INTO staff_users (login, display_name, password_hash, created_at) VALUES ('${login}', '${login}', '$argon2id$x', 0)`;
	const demoStaffCreated = (logins: string[]) =>
		`INSERT INTO audit_log (at, actor_label, source, action, detail) VALUES (0, 'system', 'demo', 'demo_staff_created', '${JSON.stringify({ logins })}')`;

	test('is a demo database when every staff account in it was made by the demo set-up', () => {
		const path = legacyDatabase([
			staff('admin'),
			staff('door'),
			demoStaffCreated(['admin', 'recorder', 'door', 'leader'])
		]);
		const handle = createDb({ path });
		expect(installationMode(handle.db)).toBe('demo');
		handle.close();
	});

	test('is a production database when it holds any account the demo set-up did not make', () => {
		const path = legacyDatabase([
			staff('admin'),
			staff('chief'),
			demoStaffCreated(['admin', 'recorder', 'door', 'leader'])
		]);
		const handle = createDb({ path, createAs: 'demo' });
		expect(installationMode(handle.db)).toBe('production');
		expect(() => seedDemo(handle.db)).toThrow(ProductionDatabaseRefusal);
		handle.close();
	});

	test('is a production database when an account named like a demo one was made by hand', () => {
		const path = legacyDatabase([staff('admin')]);
		const handle = createDb({ path, createAs: 'demo' });
		expect(installationMode(handle.db)).toBe('production');
		handle.close();
	});

	test('is a production database when it holds data but no account yet', () => {
		const path = legacyDatabase([
			`INSERT INTO industry_chains (name_zh, name_en, created_at) VALUES ('智能传感器', 'Smart sensors', 0)`
		]);
		const handle = createDb({ path, createAs: 'demo' });
		expect(installationMode(handle.db)).toBe('production');
		handle.close();
	});

	test('is left to its creator when it is empty', () => {
		const path = legacyDatabase([]);
		const handle = createDb({ path, createAs: 'demo' });
		expect(installationMode(handle.db)).toBe('demo');
		handle.close();
	});
});
