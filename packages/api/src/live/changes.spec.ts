import { createDb, row, rows, tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createTestDb } from '@huizhan/db/testing';
import { eq, sql } from 'drizzle-orm';
import { describe, expect, inject, test, vi } from 'vitest';
import { createLiveHub, LIVE_PROBES } from './index.ts';
import type { LiveSubscriber } from './watcher.ts';

/*
 * PostgreSQL only: several app instances share one database there, and each hears of the others'
 * commits through LISTEN/NOTIFY (`handle.changes`). SQLite has no notifications — one file, its
 * hub asks on a short timer (watcher.spec.ts) — so on SQLite these tests check only that.
 */

const decoder = new TextDecoder();
/** Polling a minute apart: within the test, only a notification can explain an update. */
const SLOW_POLL_MS = 60_000;

/** The versions a connected client has been sent, in order. */
function client() {
	const versions: string[] = [];
	const subscriber: LiveSubscriber = {
		credential: { kind: 'staff', tokenHash: 'h1' },
		write: (bytes) => {
			const id = /^id: (.+)$/m.exec(decoder.decode(bytes))?.[1];
			if (id !== undefined) versions.push(id);
			return true;
		},
		close: () => {}
	};
	return { subscriber, versions };
}

/** A second instance on the same database: its own pool, as another process would open. */
async function anotherInstance(handle: DbHandle): Promise<DbHandle> {
	const current = await row<{ name: string }>(handle.db, sql`SELECT current_database() AS name`);
	const url = new URL(inject('pgUrl'));
	url.pathname = `/${current!.name}`;
	return createDb({ url: url.toString(), poolSize: 2, migrate: false });
}

/** Resolves once `versions` holds more than `count`, within a second. */
const sentWithinASecond = (versions: string[], count: number) =>
	vi.waitFor(
		() => {
			if (versions.length <= count) throw new Error('no new snapshot yet');
		},
		{ timeout: 1_000, interval: 10 }
	);

async function watched() {
	const handle = await createTestDb();
	if (handle.dialect !== 'postgres') return { handle, postgres: null };
	await seedDemo(handle.db);
	const second = await anotherInstance(handle);
	const hub = createLiveHub({
		db: handle.db,
		changes: handle.changes,
		intervalMs: SLOW_POLL_MS,
		// Check-in's figures are not what this is about.
		checkIns: null
	});
	const { subscriber, versions } = client();
	await hub.subscribe(subscriber);
	expect(versions).toHaveLength(1);
	const close = async () => {
		hub.close();
		await second.close();
		await handle.close();
	};
	return { handle, postgres: { second, hub, versions, close } };
}

describe('news of another instance’s writes (PostgreSQL LISTEN/NOTIFY)', () => {
	test('a write through a second pool reaches the hub within a second, though it polls once a minute', async () => {
		const { handle, postgres } = await watched();
		if (!postgres) {
			expect(handle.changes).toBeUndefined();
			await handle.close();
			return;
		}
		const { second, versions, close } = postgres;
		try {
			const t = tables(second.db);
			const [target] = await second.db.select().from(t.targets).limit(1);
			await second.db
				.update(t.targets)
				.set({ value: target!.value + 1 })
				.where(eq(t.targets.id, target!.id));
			await sentWithinASecond(versions, 1);
			expect(versions[1]).not.toBe(versions[0]);
		} finally {
			await close();
		}
	});

	test('after the listening connection is killed it reconnects, and a later write still arrives', async () => {
		const { handle, postgres } = await watched();
		if (!postgres) {
			expect(handle.changes).toBeUndefined();
			await handle.close();
			return;
		}
		const { second, hub, versions, close } = postgres;
		try {
			const listening = () =>
				row<{ pid: number }>(
					second.db,
					sql`SELECT pid FROM pg_stat_activity
					WHERE application_name = 'huizhan-live' AND datname = current_database()
						AND state = 'idle' AND query LIKE 'LISTEN%'`
				);
			await vi.waitFor(async () => expect(await listening()).toBeDefined(), { timeout: 5_000 });
			const killed = (await listening())!.pid;
			const ticks = hub.stats.ticks;
			await row(
				second.db,
				sql`SELECT pg_terminate_backend(pid) FROM pg_stat_activity
				WHERE application_name = 'huizhan-live' AND datname = current_database()`
			);
			// Back: a new connection listens, and the hub has asked for the version on its word.
			await vi.waitFor(
				async () => {
					expect((await listening())?.pid).not.toBe(killed);
					expect((await listening())?.pid).toBeDefined();
					expect(hub.stats.ticks).toBeGreaterThan(ticks);
				},
				{ timeout: 5_000, interval: 20 }
			);
			expect(versions).toHaveLength(1);

			const t = tables(second.db);
			await second.db
				.update(t.conferences)
				.set({ nameEn: 'Renamed while watched' })
				.where(eq(t.conferences.id, 'wsc-2024'));
			await sentWithinASecond(versions, 1);
			expect(versions[1]).not.toBe(versions[0]);
		} finally {
			await close();
		}
	});

	test('every table a version probe reads notifies on a write (migration 0002_live_notify)', async () => {
		const handle = await createTestDb();
		try {
			if (handle.dialect !== 'postgres') {
				expect(handle.changes).toBeUndefined();
				return;
			}
			const read = new Set<string>();
			for (const probe of LIVE_PROBES) {
				const text = typeof probe.sql === 'string' ? probe.sql : probe.sql.postgres;
				for (const [, table] of text.matchAll(/\bFROM\s+([a-z_]+)/g)) read.add(table!);
			}
			expect(read.size).toBeGreaterThan(0);
			const notifying = await rows<{ table: string }>(
				handle.db,
				sql`SELECT DISTINCT c.relname AS "table" FROM pg_trigger g
				JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_proc p ON p.oid = g.tgfoid
				WHERE p.proname = 'huizhan_notify_live' AND NOT g.tgisinternal`
			);
			const tablesNotifying = new Set(notifying.map((n) => n.table));
			expect([...read].filter((table) => !tablesNotifying.has(table))).toEqual([]);
		} finally {
			await handle.close();
		}
	});
});
