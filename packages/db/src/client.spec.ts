import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, type DbHandle } from './client.ts';
import { applyMigrations, migrationsFolder } from './migrate.ts';
import { databaseAnswers } from './health.ts';
import { seedDemo } from './seed/demo.ts';
import { rows, tables } from './tables.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-db-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

/** The SQLite connection of a handle: its pragmas and its migrator are SQLite's own. */
function sqliteOf(handle: DbHandle) {
	if (!handle.sqlite) throw new Error('a SQLite handle was expected');
	return handle.sqlite;
}

/** Applies the migrations in `folder` with the SQLite migrator, as `createDb` does at start. */
const migrateFrom = (handle: DbHandle, folder: string) =>
	applyMigrations(drizzle(sqliteOf(handle)), sqliteOf(handle), folder);

describe('createDb', () => {
	test('opens the file in WAL mode, fsyncing every commit, with foreign keys enforced', async () => {
		const handle = await createDb({ path: join(dir, 'nested', 'huizhan.db') });
		const sqlite = sqliteOf(handle);
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		await handle.close();
	});

	test('applies every committed migration at start-up', async () => {
		const handle = await createDb({ path: join(dir, 'huizhan.db') });
		const journal = JSON.parse(
			readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')
		);
		const [applied] = await rows<{ n: number }>(
			handle.db,
			sql`SELECT count(*) AS n FROM __drizzle_migrations`
		);
		expect(applied?.n).toBe(journal.entries.length);
		expect(await databaseAnswers(handle.db)).toBe(true);
		expect(await handle.answers()).toBe(true);
		await handle.close();
	});

	test('keeps the data when the database is opened again', async () => {
		const path = join(dir, 'huizhan.db');
		const first = await createDb({ path, createAs: 'demo' });
		await seedDemo(first.db, new Date('2026-11-29T02:00:00Z'));
		await first.close();
		const second = await createDb({ path });
		expect(
			(await second.db.select().from(tables(second.db).conferences)).map((c) => c.id).sort()
		).toEqual(['diamond-2024', 'diamond-2027', 'wsc-2024', 'wsc-2027']);
		await second.close();
	});

	test('a migration added later applies on start without touching existing rows', async () => {
		const folder = join(dir, 'migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const path = join(dir, 'huizhan.db');
		const first = await createDb({ path, migrate: false });
		migrateFrom(first, folder);
		await seedDemo(first.db);
		const before = await rows(first.db, sql`SELECT * FROM conferences ORDER BY id`);
		await first.close();

		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		const tag = '9999_later_column';
		journal.entries.push({
			idx: journal.entries.length,
			version: '6',
			when: Date.now(),
			tag,
			breakpoints: true
		});
		writeFileSync(journalPath, JSON.stringify(journal));
		writeFileSync(join(folder, `${tag}.sql`), 'ALTER TABLE `conferences` ADD `website` text;');

		const second = await createDb({ path, migrate: false });
		migrateFrom(second, folder);
		const after = await rows<Record<string, unknown>>(
			second.db,
			sql`SELECT * FROM conferences ORDER BY id`
		);
		expect(after.map(({ website, ...rest }) => (expect(website).toBeNull(), rest))).toEqual(before);
		await second.close();
	});

	test('a migration that rebuilds a referenced table keeps the rows that point to it', async () => {
		const folder = join(dir, 'migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		const rebuild = journal.entries.find((e: { tag: string }) => e.tag === '0015_editions');
		expect(rebuild).toBeDefined();
		writeFileSync(
			journalPath,
			JSON.stringify({ ...journal, entries: journal.entries.filter((e: unknown) => e !== rebuild) })
		);
		const path = join(dir, 'huizhan.db');
		const first = await createDb({ path, migrate: false });
		migrateFrom(first, folder);
		// The columns as they were before the rebuild: the schema in code is already newer.
		sqliteOf(first).exec(`
			INSERT INTO conferences VALUES ('wsc-2024', '传感器', 'Sensors', 'WSC', '2024-11-03',
				'2024-11-05', 'v', 'v', 1, 2, 'open', '#0b5cad', 1, NULL);
			INSERT INTO conference_categories (conference_id, category, color, capacity)
				VALUES ('wsc-2024', 'visitor', '#2e7d32', 100);`);
		await first.close();

		writeFileSync(journalPath, JSON.stringify(journal));
		const second = await createDb({ path, migrate: false });
		migrateFrom(second, folder);
		expect(
			await rows(second.db, sql`SELECT conference_id, capacity FROM conference_categories`)
		).toEqual([{ conference_id: 'wsc-2024', capacity: 100 }]);
		expect(sqliteOf(second).pragma('foreign_keys', { simple: true })).toBe(1);
		await second.close();
	});

	test('the mail queue moves into the outbox of every channel, ids and states kept', async () => {
		const folder = join(dir, 'migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		const firstNew = journal.entries.findIndex(
			(e: { tag: string }) => e.tag === '0017_invitations_delegations_outbox'
		);
		expect(firstNew).toBeGreaterThan(0);
		writeFileSync(
			journalPath,
			JSON.stringify({ ...journal, entries: journal.entries.slice(0, firstNew) })
		);
		const path = join(dir, 'huizhan.db');
		const first = await createDb({ path, migrate: false });
		migrateFrom(first, folder);
		sqliteOf(first).exec(`
			INSERT INTO conferences (id, name_zh, name_en, ref_prefix, starts_on, ends_on, venue_zh,
				venue_en, registration_opens_at, registration_closes_at, status, theme_color, created_at)
				VALUES ('wsc-2024', '传感器', 'Sensors', 'WSC', '2024-11-03', '2024-11-05', 'v', 'v',
				1, 2, 'open', '#0b5cad', 1);
			INSERT INTO registrations (id, conference_id, category, name, organisation, title, mobile,
				email, country, language, consent_at, status, reference, ticket_secret, created_at)
				VALUES (7, 'wsc-2024', 'visitor', '张三', '某公司', '经理', NULL, 'z@example.cn', 'CN',
				'zh-CN', 1, 'confirmed', 'WSC-7K3Q9M', 'cccccccccccccccccccccc', 1);
			INSERT INTO mail_outbox (id, kind, registration_id, status, attempts, next_attempt_at,
				last_error, created_at, sent_at)
				VALUES (41, 'registration_confirmed', 7, 'failed', 8, 5, '550 <address>', 3, NULL),
				(42, 'registration_received', 7, 'sent', 1, 4, NULL, 2, 4);`);
		await first.close();

		writeFileSync(journalPath, JSON.stringify(journal));
		const second = await createDb({ path, migrate: false });
		migrateFrom(second, folder);
		expect(
			await rows(
				second.db,
				sql`SELECT id, channel, kind, registration_id, status, attempts, last_error, sent_at FROM outbox ORDER BY id`
			)
		).toEqual([
			{
				id: 41,
				channel: 'mail',
				kind: 'registration_confirmed',
				registration_id: 7,
				status: 'failed',
				attempts: 8,
				last_error: '550 <address>',
				sent_at: null
			},
			{
				id: 42,
				channel: 'mail',
				kind: 'registration_received',
				registration_id: 7,
				status: 'sent',
				attempts: 1,
				last_error: null,
				sent_at: 4
			}
		]);
		expect(await rows(second.db, sql`SELECT reference, delegation_id FROM registrations`)).toEqual([
			{ reference: 'WSC-7K3Q9M', delegation_id: null }
		]);
		expect(
			await rows(second.db, sql`SELECT name FROM sqlite_master WHERE name = 'mail_outbox'`)
		).toEqual([]);
		await second.close();
	});

	test('four processes opening a fresh file at once all start, and migrate it once', async () => {
		const path = join(dir, 'race.db');
		// Every process waits for the same instant after loading, so their migrations overlap.
		const startAt = Date.now() + 4_000;
		const script = `import { createDb } from ${JSON.stringify(new URL('./client.ts', import.meta.url).pathname)};
			while (Date.now() < ${startAt});
			const { sqlite, close } = await createDb({ path: ${JSON.stringify(path)} });
			console.log(sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get().n);
			await close();`;
		const run = () =>
			promisify(execFile)(process.execPath, [
				'--import',
				'tsx',
				'--input-type=module',
				'-e',
				script
			]);
		const results = await Promise.all([run(), run(), run(), run()]);
		const counts = new Set(results.map((r) => r.stdout.trim()));
		const journal = JSON.parse(
			readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')
		);
		expect(counts).toEqual(new Set([String(journal.entries.length)]));
	}, 60_000);
});

describe('databaseAnswers', () => {
	test('is false once the connection is gone', async () => {
		const handle = await createDb({ path: ':memory:' });
		expect(await databaseAnswers(handle.db)).toBe(true);
		expect(await handle.answers()).toBe(true);
		await handle.close();
		expect(await databaseAnswers(handle.db)).toBe(false);
		expect(await handle.answers()).toBe(false);
	});

	test('is false when the schema is missing', async () => {
		const handle = await createDb({ path: ':memory:', migrate: false });
		expect(await databaseAnswers(handle.db)).toBe(false);
		expect(await handle.answers()).toBe(false);
		await handle.close();
	});
});

describe('audit log', () => {
	test('refuses to change or delete an entry once written', async () => {
		const handle = await createDb({ path: ':memory:' });
		const sqlite = sqliteOf(handle);
		sqlite
			.prepare(
				`INSERT INTO audit_log (at, actor_label, source, action) VALUES (?, 'system', 'cli', 'seed')`
			)
			.run(Date.now());
		expect(() => sqlite.exec(`UPDATE audit_log SET action = 'nothing'`)).toThrow(/append-only/);
		expect(() => sqlite.exec(`DELETE FROM audit_log`)).toThrow(/append-only/);
		expect(await rows(handle.db, sql`SELECT action FROM audit_log`)).toEqual([{ action: 'seed' }]);
		await handle.close();
	});
});
