import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createDb, type DbHandle } from './client.ts';
import { GroupCommit } from './group-commit.ts';

let dir: string;
let handle: DbHandle;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-group-'));
	handle = createDb({ path: join(dir, 'h.db'), migrate: false, busyTimeoutMs: 0 });
	handle.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
});

afterEach(() => {
	handle.close();
	rmSync(dir, { recursive: true, force: true });
});

const insert = (text: string) => () =>
	handle.db.run(sql`INSERT INTO notes (text) VALUES (${text})`).lastInsertRowid;
const texts = () =>
	(handle.sqlite.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map(
		(r) => r.text
	);

test('writes started together share one transaction and each gets its own result', async () => {
	const commits = new GroupCommit(handle.sqlite);
	const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => commits.run(insert(t))));
	expect(results.map(Number)).toEqual([1, 2, 3, 4]);
	expect(commits.stats).toEqual({ batches: 1, jobs: 4 });
	expect(texts()).toEqual(['a', 'b', 'c', 'd']);
});

test('a write that throws is undone alone; the others in its batch are committed', async () => {
	const commits = new GroupCommit(handle.sqlite);
	const outcomes = await Promise.allSettled([
		commits.run(insert('a')),
		commits.run(() => {
			insert('half-done')();
			throw new Error('refused');
		}),
		commits.run(insert('a')), // UNIQUE violation
		commits.run(insert('b'))
	]);
	expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
	expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
	expect(texts()).toEqual(['a', 'b']);
});

test('nothing is answered before it is committed: when the commit cannot happen, every write of the batch fails and none is stored', async () => {
	const commits = new GroupCommit(handle.sqlite);
	// Another connection holds the write lock; with no busy timeout the batch cannot begin.
	const other = new Database(join(dir, 'h.db'));
	other.exec('BEGIN IMMEDIATE');
	const outcomes = await Promise.allSettled([commits.run(insert('a')), commits.run(insert('b'))]);
	other.exec('ROLLBACK');
	other.close();
	expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
	expect(texts()).toEqual([]);
});

test('more writes than a batch holds are carried out over several commits, in order', async () => {
	const commits = new GroupCommit(handle.sqlite, { maxBatch: 3 });
	await Promise.all(Array.from({ length: 7 }, (_, i) => commits.run(insert(`n${i}`))));
	expect(commits.stats).toEqual({ batches: 3, jobs: 7 });
	expect(texts()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
});

test('a job may open a transaction of its own: inside the batch it is a savepoint', async () => {
	const commits = new GroupCommit(handle.sqlite);
	const outcomes = await Promise.allSettled([
		commits.run(() =>
			handle.db.transaction((tx) => tx.run(sql`INSERT INTO notes (text) VALUES ('x')`), {
				behavior: 'immediate'
			})
		),
		commits.run(() =>
			handle.db.transaction(
				(tx) => {
					tx.run(sql`INSERT INTO notes (text) VALUES ('y')`);
					throw new Error('changed its mind');
				},
				{ behavior: 'immediate' }
			)
		)
	]);
	expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected']);
	expect(texts()).toEqual(['x']);
});
