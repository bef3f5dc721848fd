import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb } from './client.ts';
import { applyMigrations, migrationsFolder } from './migrate.ts';
import { databaseAnswers } from './health.ts';
import { seedDemo } from './seed/demo.ts';
import { conferences } from './schema/index.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-db-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

describe('createDb', () => {
	test('opens the file in WAL mode, fsyncing every commit, with foreign keys enforced', () => {
		const { sqlite, close } = createDb({ path: join(dir, 'nested', 'huizhan.db') });
		expect(sqlite.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(sqlite.pragma('synchronous', { simple: true })).toBe(2); // FULL
		expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		expect(sqlite.pragma('busy_timeout', { simple: true })).toBe(5000);
		close();
	});

	test('applies every committed migration at start-up', () => {
		const { sqlite, close } = createDb({ path: join(dir, 'huizhan.db') });
		const journal = JSON.parse(
			readFileSync(join(migrationsFolder(), 'meta', '_journal.json'), 'utf8')
		);
		const applied = sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as {
			n: number;
		};
		expect(applied.n).toBe(journal.entries.length);
		expect(databaseAnswers(sqlite)).toBe(true);
		close();
	});

	test('keeps the data when the database is opened again', () => {
		const path = join(dir, 'huizhan.db');
		const first = createDb({ path, createAs: 'demo' });
		seedDemo(first.db, new Date('2026-11-29T02:00:00Z'));
		first.close();
		const second = createDb({ path });
		expect(
			second.db
				.select()
				.from(conferences)
				.all()
				.map((c) => c.id)
				.sort()
		).toEqual(['diamond-2024', 'diamond-2027', 'wsc-2024', 'wsc-2027']);
		second.close();
	});

	test('a migration added later applies on start without touching existing rows', () => {
		const folder = join(dir, 'migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const path = join(dir, 'huizhan.db');
		const first = createDb({ path, migrate: false });
		applyMigrations(first.db, first.sqlite, folder);
		seedDemo(first.db);
		const before = first.sqlite.prepare('SELECT * FROM conferences ORDER BY id').all();
		first.close();

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

		const second = createDb({ path, migrate: false });
		applyMigrations(second.db, second.sqlite, folder);
		const after = second.sqlite.prepare('SELECT * FROM conferences ORDER BY id').all() as Record<
			string,
			unknown
		>[];
		expect(after.map(({ website, ...rest }) => (expect(website).toBeNull(), rest))).toEqual(before);
		second.close();
	});

	test('a migration that rebuilds a referenced table keeps the rows that point to it', () => {
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
		const first = createDb({ path, migrate: false });
		applyMigrations(first.db, first.sqlite, folder);
		// The columns as they were before the rebuild: the schema in code is already newer.
		first.sqlite.exec(`
			INSERT INTO conferences VALUES ('wsc-2024', '传感器', 'Sensors', 'WSC', '2024-11-03',
				'2024-11-05', 'v', 'v', 1, 2, 'open', '#0b5cad', 1, NULL);
			INSERT INTO conference_categories (conference_id, category, color, capacity)
				VALUES ('wsc-2024', 'visitor', '#2e7d32', 100);`);
		first.close();

		writeFileSync(journalPath, JSON.stringify(journal));
		const second = createDb({ path, migrate: false });
		applyMigrations(second.db, second.sqlite, folder);
		expect(
			second.sqlite.prepare('SELECT conference_id, capacity FROM conference_categories').all()
		).toEqual([{ conference_id: 'wsc-2024', capacity: 100 }]);
		expect(second.sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
		second.close();
	});

	test('four processes opening a fresh file at once all start, and migrate it once', async () => {
		const path = join(dir, 'race.db');
		// Every process waits for the same instant after loading, so their migrations overlap.
		const startAt = Date.now() + 4_000;
		const script = `import { createDb } from ${JSON.stringify(new URL('./client.ts', import.meta.url).pathname)};
			while (Date.now() < ${startAt});
			const { sqlite, close } = createDb({ path: ${JSON.stringify(path)} });
			console.log(sqlite.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get().n); close();`;
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
	test('is false once the connection is gone', () => {
		const { sqlite, close } = createDb({ path: ':memory:' });
		expect(databaseAnswers(sqlite)).toBe(true);
		close();
		expect(databaseAnswers(sqlite)).toBe(false);
	});

	test('is false when the schema is missing', () => {
		const { sqlite, close } = createDb({ path: ':memory:', migrate: false });
		expect(databaseAnswers(sqlite)).toBe(false);
		close();
	});
});

describe('audit log', () => {
	test('refuses to change or delete an entry once written', () => {
		const { sqlite, close } = createDb({ path: ':memory:' });
		sqlite
			.prepare(
				`INSERT INTO audit_log (at, actor_label, source, action) VALUES (?, 'system', 'cli', 'seed')`
			)
			.run(Date.now());
		expect(() => sqlite.exec(`UPDATE audit_log SET action = 'nothing'`)).toThrow(/append-only/);
		expect(() => sqlite.exec(`DELETE FROM audit_log`)).toThrow(/append-only/);
		expect(sqlite.prepare('SELECT action FROM audit_log').pluck().all()).toEqual(['seed']);
		close();
	});
});
