import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
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

const insert = (text: string) => (tx: Parameters<Parameters<GroupCommit['run']>[0]>[0]) =>
	tx.run(sql`INSERT INTO notes (text) VALUES (${text}) RETURNING id`).lastInsertRowid;
const texts = () =>
	(handle.sqlite.prepare('SELECT text FROM notes ORDER BY id').all() as { text: string }[]).map(
		(r) => r.text
	);

test('writes started together share one transaction and each gets its own result', async () => {
	const commits = new GroupCommit(handle.db);
	const transaction = vi.spyOn(handle.db, 'transaction');
	const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => commits.run(insert(t))));
	expect(results.map(Number)).toEqual([1, 2, 3, 4]);
	expect(transaction).toHaveBeenCalledTimes(1);
	expect(texts()).toEqual(['a', 'b', 'c', 'd']);
});

test('a write that throws is undone alone; the others in its batch are committed', async () => {
	const commits = new GroupCommit(handle.db);
	const outcomes = await Promise.allSettled([
		commits.run(insert('a')),
		commits.run((tx) => {
			insert('half-done')(tx);
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
	const commits = new GroupCommit(handle.db);
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
	const commits = new GroupCommit(handle.db, { maxBatch: 3 });
	const transaction = vi.spyOn(handle.db, 'transaction');
	await Promise.all(Array.from({ length: 7 }, (_, i) => commits.run(insert(`n${i}`))));
	expect(transaction).toHaveBeenCalledTimes(3);
	expect(texts()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
});
