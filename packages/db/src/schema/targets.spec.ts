import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, type DbHandle } from '../client.ts';
import { createTestDb } from '../test-database.ts';
import { applyMigrations, migrationsFolder } from '../migrate.ts';
import { seedDemo } from '../seed/demo.ts';
import { rows, tables } from '../tables.ts';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-targets-'));
});
afterEach(() => {
	rmSync(dir, { recursive: true, force: true });
});

// 2031: a year the demo, made on `DEMO_DAY`, holds no targets for.
const DEMO_DAY = new Date('2026-11-29T04:00:00Z');
const unitTarget = {
	scope: 'unit' as const,
	responsibleUnitId: 1,
	metric: 'signed_amount' as const,
	value: 50 * 100_000_000,
	periodStart: '2031-01-01',
	periodEnd: '2031-12-31'
};

/** What the database answered a refused statement (drizzle wraps it as the cause of its error). */
async function refusalOf(statement: PromiseLike<unknown>): Promise<string> {
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

/** The refusal of a CHECK, as each database words it. */
const checkFailed = (name: string) =>
	new RegExp(`CHECK constraint failed: ${name}$|violates check constraint "${name}"`);

describe('the targets table', () => {
	test('refuses a unit target without its unit, and a year target naming one', async () => {
		const { db, close } = await createTestDb();
		const t = tables(db);
		await seedDemo(db);
		expect(
			await refusalOf(db.insert(t.targets).values({ ...unitTarget, responsibleUnitId: null }))
		).toMatch(checkFailed('targets_scope_unit'));
		expect(await refusalOf(db.insert(t.targets).values({ ...unitTarget, scope: 'year' }))).toMatch(
			checkFailed('targets_scope_unit')
		);
		await close();
	});

	test('holds one live target per unit, metric and period, and a retired one frees its place', async () => {
		const { db, close } = await createTestDb();
		const t = tables(db);
		await seedDemo(db, DEMO_DAY);
		await db.insert(t.targets).values(unitTarget);
		expect(await refusalOf(db.insert(t.targets).values(unitTarget))).toMatch(
			// SQLite names the columns of the index, PostgreSQL the index itself.
			/UNIQUE constraint failed: targets\.responsible_unit_id|unique constraint "targets_unit_once"/
		);
		await db
			.update(t.targets)
			.set({ retiredAt: new Date() })
			.where(eq(t.targets.periodStart, '2031-01-01'));
		await db.insert(t.targets).values(unitTarget);
		expect(
			(await db.select().from(t.targets))
				.filter((target) => target.responsibleUnitId === 1 && target.periodStart === '2031-01-01')
				.map((target) => target.retiredAt === null)
		).toEqual([false, true]);
		await close();
	});

	test('migration 0016 keeps every target that was there before it', async () => {
		const folder = join(dir, 'migrations');
		cpSync(migrationsFolder(), folder, { recursive: true });
		const journalPath = join(folder, 'meta', '_journal.json');
		const journal = JSON.parse(readFileSync(journalPath, 'utf8'));
		const unitTargets = journal.entries.find((e: { tag: string }) => e.tag === '0016_unit_targets');
		expect(unitTargets).toBeDefined();
		writeFileSync(
			journalPath,
			JSON.stringify({
				...journal,
				entries: journal.entries.filter((e: { idx: number }) => e.idx < unitTargets.idx)
			})
		);
		const path = join(dir, 'huizhan.db');
		const first = await createDb({ path, migrate: false });
		applyMigrations(drizzle(sqliteOf(first)), sqliteOf(first), folder);
		sqliteOf(first).exec(`
			INSERT INTO targets (scope, conference_id, metric, value, period_start, period_end, created_at)
				VALUES ('year', NULL, 'signed_amount', 60000000000, '2024-01-01', '2024-12-31', 1);`);
		await first.close();

		writeFileSync(journalPath, JSON.stringify(journal));
		const second = await createDb({ path, migrate: false });
		applyMigrations(drizzle(sqliteOf(second)), sqliteOf(second), folder);
		expect(
			await rows(second.db, sql`SELECT scope, value, responsible_unit_id, retired_at FROM targets`)
		).toEqual([{ scope: 'year', value: 60000000000, responsible_unit_id: null, retired_at: null }]);
		await second.close();
	});
});
