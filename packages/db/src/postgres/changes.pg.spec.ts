import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, inject, test, vi } from 'vitest';
import { copyTestDatabase, dropTestDatabase } from './testing.ts';
import { listenForChanges, LIVE_CHANNEL, type ChangeFeed } from './changes.ts';

const baseUrl = inject('pgUrl');
const opened: { feeds: ChangeFeed[]; pools: pg.Pool[]; databases: string[] } = {
	feeds: [],
	pools: [],
	databases: []
};

afterEach(async () => {
	await Promise.all(opened.feeds.splice(0).map((feed) => feed.close()));
	await Promise.all(opened.pools.splice(0).map((pool) => pool.end()));
	await Promise.all(opened.databases.splice(0).map((name) => dropTestDatabase(baseUrl, name)));
});

/** A migrated database of its own, a pool on it (another process, as far as the feed knows) and a feed. */
async function setUp(onError: (error: unknown) => void = () => {}) {
	const name = `changes_${randomBytes(4).toString('hex')}`;
	opened.databases.push(name);
	const url = await copyTestDatabase(baseUrl, inject('pgTemplate'), name);
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	opened.pools.push(pool);
	const feed = listenForChanges({ url, onError });
	opened.feeds.push(feed);
	let heard = 0;
	feed.subscribe(() => {
		heard += 1;
	});
	const listeners = async () =>
		(
			await pool.query<{ pid: number; query: string }>(
				`select pid, query from pg_stat_activity
				where application_name = 'huizhan-live' and datname = current_database()`
			)
		).rows;
	/** Resolves once the feed has spoken `count` times in all. */
	const heardTimes = (count: number) =>
		vi.waitFor(
			() => {
				if (heard < count) throw new Error(`heard ${heard} of ${count}`);
			},
			{ timeout: 5_000, interval: 10 }
		);
	return { pool, feed, heard: () => heard, heardTimes, listeners };
}

/** Long enough for a notification sent to have arrived. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

describe('the change feed (LISTEN/NOTIFY)', () => {
	test('speaks once it listens, then once per notification on its channel, and not for another', async () => {
		const { pool, heard, heardTimes, listeners } = await setUp();
		await heardTimes(1);
		expect(await listeners()).toHaveLength(1);

		await pool.query(`NOTIFY ${LIVE_CHANNEL}`);
		await heardTimes(2);
		await pool.query('NOTIFY some_other_channel');
		await settle();
		expect(heard()).toBe(2);
	});

	test('hears a write to each table the live pages read, after it commits, once per transaction', async () => {
		const { pool, heard, heardTimes } = await setUp();
		await heardTimes(1);
		let expected = 1;
		for (const table of [
			'ledger_entries',
			'registrations',
			'scans',
			'conferences',
			'targets',
			'responsible_units'
		]) {
			// A statement trigger fires even when no row matches: enough to prove it is there.
			await pool.query(`DELETE FROM ${table} WHERE false`);
			expected += 1;
			await heardTimes(expected);
		}

		const client = await pool.connect();
		try {
			await client.query('BEGIN');
			await client.query('UPDATE conferences SET name_en = name_en WHERE false');
			await client.query('UPDATE targets SET value = value WHERE false');
			await settle();
			expect(heard()).toBe(expected);
			await client.query('COMMIT');
		} finally {
			client.release();
		}
		// The two statements of one transaction are one notification.
		await heardTimes(expected + 1);
		await settle();
		expect(heard()).toBe(expected + 1);

		// A table the live pages do not read stays quiet.
		await pool.query('DELETE FROM audit_log WHERE false');
		await settle();
		expect(heard()).toBe(expected + 1);
	});

	test('after its connection is killed it says so, reconnects, speaks as it is back, and hears later writes', async () => {
		const onError = vi.fn();
		const { pool, heardTimes, listeners } = await setUp(onError);
		await heardTimes(1);
		const [first] = await listeners();

		await pool.query('select pg_terminate_backend($1)', [first!.pid]);
		// Back: a new connection, listening, and a word to catch up on what it may have missed.
		await heardTimes(2);
		expect(onError).toHaveBeenCalledTimes(1);
		const [again] = await listeners();
		expect(again!.pid).not.toBe(first!.pid);

		await pool.query('DELETE FROM registrations WHERE false');
		await heardTimes(3);
	});

	test('an unsubscribed listener hears nothing, and closing ends the connection', async () => {
		const { pool, feed, heardTimes, listeners } = await setUp();
		await heardTimes(1);
		const late = vi.fn();
		const unsubscribe = feed.subscribe(late);
		await pool.query(`NOTIFY ${LIVE_CHANNEL}`);
		await heardTimes(2);
		expect(late).toHaveBeenCalledTimes(1);
		unsubscribe();
		await pool.query(`NOTIFY ${LIVE_CHANNEL}`);
		await heardTimes(3);
		expect(late).toHaveBeenCalledTimes(1);

		await feed.close();
		expect(await listeners()).toEqual([]);
	});
});
