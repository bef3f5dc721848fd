import { asc, sql } from 'drizzle-orm';
import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { GroupCommit } from '../group-commit.ts';
import { execute, row, rows } from '../tables.ts';
import type { DbOrTx } from '../types.ts';
import { openSqlite, type SqliteConnection } from './open.ts';

/*
 * The connection's turns: better-sqlite3 answers each statement at once, but a transaction's body
 * awaits between its statements, and whatever else runs meanwhile must not use the connection
 * the transaction holds. Each test here fails when `ConnectionTurns.hold` lets a caller in
 * without waiting for its turn.
 */

const notes = sqliteTable('notes', {
	id: integer().primaryKey(),
	text: text().notNull(),
	writtenBy: text()
});

let connection: SqliteConnection;
beforeEach(() => {
	connection = openSqlite({ path: ':memory:', migrate: false, busyTimeoutMs: 0 });
	connection.sqlite.exec(
		'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, written_by TEXT)'
	);
});
afterEach(() => connection.sqlite.close());

const texts = async (db: DbOrTx = connection.db) =>
	(await db.select({ text: notes.text }).from(notes).orderBy(asc(notes.id))).map((n) => n.text);

/** A promise with its resolve function, to hold a transaction open at a chosen point. */
function signal() {
	let resolve!: () => void;
	const promise = new Promise<void>((r) => (resolve = r));
	return { promise, resolve };
}

/** Lets every other callback that is ready run: what waits now waits for something else. */
const othersRun = () => new Promise((resolve) => setImmediate(resolve));

describe('a transaction holds the connection', () => {
	test('a query from outside it, made while it awaits, waits for the commit and then sees the write', async () => {
		const written = signal();
		const release = signal();
		const transaction = connection.db.transaction(async (tx) => {
			await tx.insert(notes).values({ text: 'uncommitted' });
			written.resolve();
			// Standing in for the transaction's other statements: an await, when others may run.
			await release.promise;
		});
		await written.promise;

		const answered: string[] = [];
		const byDrizzle = texts().then((found) => (answered.push('drizzle'), found));
		const byHand = rows<{ text: string }>(connection.db, sql`SELECT text FROM notes`).then(
			(found) => (answered.push('rows'), found)
		);
		await othersRun();
		expect(answered).toEqual([]);
		expect(connection.turns.waiting).toBe(3);

		release.resolve();
		await transaction;
		expect(await byDrizzle).toEqual(['uncommitted']);
		expect(await byHand).toEqual([{ text: 'uncommitted' }]);
	});

	test('two transactions started together run one after the other, never interleaved', async () => {
		const statements: string[] = [];
		const write = (name: string) =>
			connection.db.transaction(async (tx) => {
				for (const step of [1, 2, 3]) {
					statements.push(`${name}${step}`);
					await tx.insert(notes).values({ text: `${name}${step}` });
				}
				// What this transaction reads is what it wrote: nobody else's rows in between.
				expect(await texts(tx)).toEqual(
					name === 'a' ? ['a1', 'a2', 'a3'] : ['a1', 'a2', 'a3', 'b1', 'b2', 'b3']
				);
			});

		await Promise.all([write('a'), write('b')]);

		expect(statements).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
		expect(await texts()).toEqual(['a1', 'a2', 'a3', 'b1', 'b2', 'b3']);
	});

	test('a transaction opened inside a transaction is a savepoint: its failure rolls back only itself', async () => {
		await connection.db.transaction(async (tx) => {
			await tx.insert(notes).values({ text: 'outer' });
			// A helper given the transaction, and one that opens its own on the connection (as a
			// service calling a service might): both nest instead of waiting for a turn.
			await expect(
				tx.transaction(async (sp) => {
					await sp.insert(notes).values({ text: 'inner, on the transaction' });
					throw new Error('refused on the transaction');
				})
			).rejects.toThrow('refused on the transaction');
			await expect(
				connection.db.transaction(async (sp) => {
					await sp.insert(notes).values({ text: 'inner, on the connection' });
					throw new Error('refused on the connection');
				})
			).rejects.toThrow('refused on the connection');
			await connection.db.transaction((sp) => sp.insert(notes).values({ text: 'inner, kept' }));
			await tx.insert(notes).values({ text: 'after' });
		});

		expect(await texts()).toEqual(['outer', 'inner, kept', 'after']);
	}, 10_000);

	test('a failing transaction rolls back whole, and the connection serves the next caller', async () => {
		const failing = connection.db.transaction(async (tx) => {
			await tx.insert(notes).values({ text: 'first' });
			await tx.insert(notes).values({ text: 'second' });
			throw new Error('refused');
		});
		// Asked for while the failing transaction holds the connection, in this order.
		const next = rows(connection.db, sql`SELECT text FROM notes`);
		const after = connection.db.transaction((tx) => tx.insert(notes).values({ text: 'next' }));

		await expect(failing).rejects.toThrow('refused');
		expect(await next).toEqual([]);
		await after;
		expect(await texts()).toEqual(['next']);
		expect(connection.sqlite.inTransaction).toBe(false);
		expect(connection.turns.waiting).toBe(0);
	});

	test('writes.run called inside a transaction runs as a savepoint of it instead of waiting for it', async () => {
		const writes = new GroupCommit(connection);
		const answer = await connection.db.transaction(async (tx) => {
			await tx.insert(notes).values({ text: 'outer' });
			const seen = await writes.run(async (job) => {
				await job.insert(notes).values({ text: 'job' });
				return texts(job);
			});
			await expect(
				writes.run(async (job) => {
					await job.insert(notes).values({ text: 'refused job' });
					throw new Error('job refused');
				})
			).rejects.toThrow('job refused');
			return seen;
		});

		// The job saw the transaction's own uncommitted write: it ran inside it.
		expect(answer).toEqual(['outer', 'job']);
		expect(await texts()).toEqual(['outer', 'job']);
		expect(writes.stats).toEqual({ batches: 0, jobs: 0 });
	}, 10_000);
});

describe('hand-written queries', () => {
	test('rows() and row() answer objects keyed by column name, inside and outside a transaction', async () => {
		await connection.db.insert(notes).values([
			{ text: 'a', writtenBy: 'lina' },
			{ text: 'b', writtenBy: null }
		]);
		expect(
			await rows(connection.db, sql`SELECT id, text, written_by FROM notes ORDER BY id`)
		).toEqual([
			{ id: 1, text: 'a', written_by: 'lina' },
			{ id: 2, text: 'b', written_by: null }
		]);
		expect(await row(connection.db, sql`SELECT count(*) AS n FROM notes`)).toEqual({ n: 2 });
		expect(await row(connection.db, sql`SELECT text FROM notes WHERE id = 99`)).toBeUndefined();

		await connection.db.transaction(async (tx) => {
			await execute(tx, sql`INSERT INTO notes (text) VALUES ('c')`);
			expect(await rows(tx, sql`SELECT text AS "noteText" FROM notes ORDER BY id`)).toEqual([
				{ noteText: 'a' },
				{ noteText: 'b' },
				{ noteText: 'c' }
			]);
			expect(await row(tx, sql`SELECT max(id) AS "lastId" FROM notes`)).toEqual({ lastId: 3 });
		});
	});

	test('drizzle names the columns in snake_case', async () => {
		await connection.db.insert(notes).values({ text: 'a', writtenBy: 'lina' });
		expect(await row(connection.db, sql`SELECT written_by FROM notes`)).toEqual({
			written_by: 'lina'
		});
		expect(await connection.db.select({ by: notes.writtenBy }).from(notes)).toEqual([
			{ by: 'lina' }
		]);
	});

	test('a batch runs whole or not at all', async () => {
		await expect(
			connection.db.batch([
				connection.db.insert(notes).values({ text: 'a' }),
				connection.db.insert(notes).values({ id: 1, text: 'the same id' })
			])
		).rejects.toThrow();
		expect(await texts()).toEqual([]);
		const [inserted, found] = await connection.db.batch([
			connection.db.insert(notes).values({ text: 'a' }).returning({ id: notes.id }),
			connection.db.select({ text: notes.text }).from(notes)
		]);
		expect(inserted).toEqual([{ id: 1 }]);
		expect(found).toEqual([{ text: 'a' }]);
	});
});

describe('a read transaction', () => {
	test('sees one moment and takes no write lock: another process writes meanwhile, and the reader still sees what it saw first', async () => {
		const { mkdtempSync, rmSync } = await import('node:fs');
		const { tmpdir } = await import('node:os');
		const { join } = await import('node:path');
		const Database = (await import('better-sqlite3')).default;
		const dir = mkdtempSync(join(tmpdir(), 'huizhan-read-'));
		const path = join(dir, 'read.db');
		const file = openSqlite({ path, migrate: false, busyTimeoutMs: 0 });
		file.sqlite.exec(
			'CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT NOT NULL, written_by TEXT)'
		);
		await file.db.insert(notes).values({ text: 'before' });
		const other = new Database(path);
		other.pragma('busy_timeout = 0');
		try {
			const seen = await file.read(async (tx) => {
				const first = await texts(tx);
				// With the write lock held here (an IMMEDIATE transaction) this would fail at once.
				other.prepare("INSERT INTO notes (text) VALUES ('meanwhile')").run();
				return { first, again: await texts(tx) };
			});
			expect(seen).toEqual({ first: ['before'], again: ['before'] });
			expect(await texts(file.db)).toEqual(['before', 'meanwhile']);
		} finally {
			other.close();
			file.sqlite.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
