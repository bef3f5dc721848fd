import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb } from '../client.ts';
import { applyMigrations, migrationsFolder } from '../migrate.ts';
import { seedDemo } from '../seed/demo.ts';
import { targets } from './index.ts';

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

describe('the targets table', () => {
	test('refuses a unit target without its unit, and a year target naming one', () => {
		const { db, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		expect(() =>
			db
				.insert(targets)
				.values({ ...unitTarget, responsibleUnitId: null })
				.run()
		).toThrow(/CHECK constraint failed: targets_scope_unit/);
		expect(() =>
			db
				.insert(targets)
				.values({ ...unitTarget, scope: 'year' })
				.run()
		).toThrow(/CHECK constraint failed: targets_scope_unit/);
		close();
	});

	test('holds one live target per unit, metric and period, and a retired one frees its place', () => {
		const { db, close } = createDb({ path: ':memory:' });
		seedDemo(db, DEMO_DAY);
		db.insert(targets).values(unitTarget).run();
		expect(() => db.insert(targets).values(unitTarget).run()).toThrow(/UNIQUE constraint failed/);
		db.update(targets)
			.set({ retiredAt: new Date() })
			.where(eq(targets.periodStart, '2031-01-01'))
			.run();
		db.insert(targets).values(unitTarget).run();
		expect(
			db
				.select()
				.from(targets)
				.all()
				.filter((t) => t.responsibleUnitId === 1 && t.periodStart === '2031-01-01')
				.map((t) => t.retiredAt === null)
		).toEqual([false, true]);
		close();
	});

	test('migration 0016 keeps every target that was there before it', () => {
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
		const first = createDb({ path, migrate: false });
		applyMigrations(first.db, first.sqlite, folder);
		first.sqlite.exec(`
			INSERT INTO targets (scope, conference_id, metric, value, period_start, period_end, created_at)
				VALUES ('year', NULL, 'signed_amount', 60000000000, '2024-01-01', '2024-12-31', 1);`);
		first.close();

		writeFileSync(journalPath, JSON.stringify(journal));
		const second = createDb({ path, migrate: false });
		applyMigrations(second.db, second.sqlite, folder);
		expect(
			second.sqlite
				.prepare('SELECT scope, value, responsible_unit_id, retired_at FROM targets')
				.all()
		).toEqual([{ scope: 'year', value: 60000000000, responsible_unit_id: null, retired_at: null }]);
		second.close();
	});
});
