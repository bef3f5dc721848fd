import { sql } from 'drizzle-orm';
import { afterEach, expect, test } from 'vitest';
import type { DbHandle } from './client.ts';
import { execute } from './tables.ts';
import { createTestDb } from './test-database.ts';

let handle: DbHandle | undefined;
afterEach(async () => {
	await handle?.close();
	handle = undefined;
});

test('writes queued on one busy key leave the pool to a write on another key', async () => {
	// A test database's pool holds 4 connections: more writers than that wait on one key.
	handle = await createTestDb();
	const { writes } = handle;
	const finished: string[] = [];
	const write = (name: string, key: string) =>
		writes.run(
			async (tx) => {
				await execute(tx, sql`SELECT pg_sleep(0.05)`);
				finished.push(name);
			},
			{ locks: [key] }
		);
	const busy = Array.from({ length: 8 }, (_, i) => write(`ticket ${i}`, 'ticket:1'));
	const other = write('another ticket', 'ticket:2');
	await Promise.all([...busy, other]);
	// Waiting on the database's lock, the busy key's writes would hold every connection, and the
	// other write would come after most of them.
	expect(finished.indexOf('another ticket')).toBeLessThan(2);
	expect(finished.filter((name) => name.startsWith('ticket '))).toEqual(
		Array.from({ length: 8 }, (_, i) => `ticket ${i}`)
	);
});
