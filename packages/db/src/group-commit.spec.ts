import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { GroupCommit, KeyQueue } from './group-commit.ts';
import { openSqlite, type SqliteConnection } from './sqlite/open.ts';
import { execute, rows } from './tables.ts';
import type { DbOrTx } from './types.ts';

let dir: string;
let connection: SqliteConnection;

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-group-'));
	connection = openSqlite({ path: join(dir, 'h.db'), migrate: false, busyTimeoutMs: 0 });
	connection.sqlite.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL UNIQUE)');
});

afterEach(() => {
	connection.sqlite.close();
	rmSync(dir, { recursive: true, force: true });
});

/** Inserts a note; answers its id. */
const insertNote = async (db: DbOrTx, text: string) => {
	const [inserted] = await rows<{ id: number }>(
		db,
		sql`INSERT INTO notes (text) VALUES (${text}) RETURNING id`
	);
	return inserted!.id;
};
const insert = (text: string) => (tx: DbOrTx) => insertNote(tx, text);
const texts = async () =>
	(await rows<{ text: string }>(connection.db, sql`SELECT text FROM notes ORDER BY id`)).map(
		(r) => r.text
	);

test('writes started together share one transaction and each gets its own result', async () => {
	const commits = new GroupCommit(connection);
	const results = await Promise.all(['a', 'b', 'c', 'd'].map((t) => commits.run(insert(t))));
	expect(results.map(Number)).toEqual([1, 2, 3, 4]);
	expect(commits.stats).toEqual({ batches: 1, jobs: 4 });
	expect(await texts()).toEqual(['a', 'b', 'c', 'd']);
});

test('a write that throws is undone alone; the others in its batch are committed', async () => {
	const commits = new GroupCommit(connection);
	const outcomes = await Promise.allSettled([
		commits.run(insert('a')),
		commits.run(async (tx) => {
			await insertNote(tx, 'half-done');
			throw new Error('refused');
		}),
		commits.run(insert('a')), // UNIQUE violation
		commits.run(insert('b'))
	]);
	expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
	expect((outcomes[1] as PromiseRejectedResult).reason).toEqual(new Error('refused'));
	expect(await texts()).toEqual(['a', 'b']);
});

test('nothing is answered before it is committed: when the commit cannot happen, every write of the batch fails and none is stored', async () => {
	const commits = new GroupCommit(connection);
	// Another connection holds the write lock; with no busy timeout the batch cannot begin.
	const other = new Database(join(dir, 'h.db'));
	other.exec('BEGIN IMMEDIATE');
	const outcomes = await Promise.allSettled([commits.run(insert('a')), commits.run(insert('b'))]);
	other.exec('ROLLBACK');
	other.close();
	expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
	expect(await texts()).toEqual([]);
});

test('more writes than a batch holds are carried out over several commits, in order', async () => {
	const commits = new GroupCommit(connection, { maxBatch: 3 });
	await Promise.all(Array.from({ length: 7 }, (_, i) => commits.run(insert(`n${i}`))));
	expect(commits.stats).toEqual({ batches: 3, jobs: 7 });
	expect(await texts()).toEqual(['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6']);
});

test('a job may open a transaction of its own: inside the batch it is a savepoint', async () => {
	const commits = new GroupCommit(connection);
	const outcomes = await Promise.allSettled([
		commits.run((tx) =>
			tx.transaction((sp) => execute(sp, sql`INSERT INTO notes (text) VALUES ('x')`))
		),
		commits.run((tx) =>
			tx.transaction(async (sp) => {
				await execute(sp, sql`INSERT INTO notes (text) VALUES ('y')`);
				throw new Error('changed its mind');
			})
		),
		// A job calling code that opens its transaction on the connection itself, not on the job's.
		commits.run(() =>
			connection.db.transaction(async (tx) => {
				await execute(tx, sql`INSERT INTO notes (text) VALUES ('z')`);
				throw new Error('changed its mind too');
			})
		)
	]);
	expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'rejected']);
	expect(commits.stats).toEqual({ batches: 1, jobs: 3 });
	expect(await texts()).toEqual(['x']);
});

describe('the key queue of a server database', () => {
	/** A job that records when it starts and ends, and ends when told. */
	function job(log: string[], name: string) {
		let finish!: () => void;
		const done = new Promise<void>((resolve) => (finish = resolve));
		return {
			finish,
			run: async () => {
				log.push(`${name} starts`);
				await done;
				log.push(`${name} ends`);
				return name;
			}
		};
	}
	const turn = () => new Promise((resolve) => setImmediate(resolve));

	test('jobs naming one key run one after another in the order they came; another key does not wait', async () => {
		const queue = new KeyQueue();
		const log: string[] = [];
		const [a, b, c] = [job(log, 'a'), job(log, 'b'), job(log, 'c')];
		const ran = [
			queue.hold(['ticket:1'], a.run),
			queue.hold(['ticket:1'], b.run),
			queue.hold(['ticket:2'], c.run)
		];
		await turn();
		expect(log).toEqual(['a starts', 'c starts']);
		c.finish();
		await turn();
		expect(log).toEqual(['a starts', 'c starts', 'c ends']);
		a.finish();
		await turn();
		b.finish();
		expect(await Promise.all(ran)).toEqual(['a', 'b', 'c']);
		expect(log).toEqual(['a starts', 'c starts', 'c ends', 'a ends', 'b starts', 'b ends']);
		expect(queue.busy).toBe(0);
	});

	test('a job that throws hands the key on', async () => {
		const queue = new KeyQueue();
		const failed = queue.hold(['capacity:wsc'], () => Promise.reject(new Error('refused')));
		await expect(failed).rejects.toThrow('refused');
		await expect(queue.hold(['capacity:wsc'], async () => 'next')).resolves.toBe('next');
		expect(queue.busy).toBe(0);
	});

	test('two jobs naming the same two keys in opposite orders both finish', async () => {
		const queue = new KeyQueue();
		const log: string[] = [];
		const [a, b] = [job(log, 'a'), job(log, 'b')];
		const ran = [queue.hold(['x', 'y'], a.run), queue.hold(['y', 'x'], b.run)];
		await turn();
		a.finish();
		b.finish();
		expect(await Promise.all(ran)).toEqual(['a', 'b']);
		expect(log).toEqual(['a starts', 'a ends', 'b starts', 'b ends']);
	});
});
