import { afterEach, expect, test } from 'vitest';
import { createDb, type DbHandle } from './client.ts';
import { copyDatabase, copyOrder, CopyRefusal } from './copy.ts';
import { verifyLedger } from './ledger/verify.ts';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from './seed/index.ts';
import { rows, tables } from './tables.ts';
import { createTestDb } from './test-database.ts';
import { getTableName, type Table } from 'drizzle-orm';
import { sql } from 'drizzle-orm';

const DEMO_DAY = new Date('2026-11-26T10:00:00+08:00');
const open: DbHandle[] = [];
afterEach(async () => {
	for (const handle of open.splice(0)) await handle.close();
});

async function demoSqlite() {
	const handle = await createDb({ path: ':memory:' });
	open.push(handle);
	await seedDemo(handle.db, DEMO_DAY);
	await seedDemoDeals(handle.db, DEMO_DAY);
	await seedDemoRegistrations(handle.db);
	// An admission undone by a later undo scan, and the same ticket let in again: the undone
	// admission points to a row after it, and the two admissions share one entry key.
	const t = tables(handle.db);
	const [staff] = await handle.db
		.insert(t.staffUsers)
		.values({ login: 'gate1', displayName: 'Gate', passwordHash: '$argon2id$not-used-here' })
		.returning();
	const [gate] = await handle.db.select().from(t.checkpoints).limit(1);
	const [person] = await handle.db.select().from(t.registrations).limit(1);
	const scan = (nonce: string, extra: object) => ({
		conferenceId: gate!.conferenceId,
		checkpointId: gate!.id,
		registrationId: person!.id,
		deviceId: 'lane-1',
		nonce,
		staffId: staff!.id,
		scannedAt: DEMO_DAY,
		storedAt: DEMO_DAY,
		...extra
	});
	const [admitted] = await handle.db
		.insert(t.scans)
		.values(scan('n1', { reason: 'ok', method: 'token', entryKey: 'entry-1' }))
		.returning();
	const [undo] = await handle.db
		.insert(t.scans)
		.values(scan('n2', { kind: 'undo', undoes: admitted!.id }))
		.returning();
	await handle.db
		.update(t.scans)
		.set({ undoneBy: undo!.id })
		.where(sql`${t.scans.id} = ${admitted!.id}`);
	await handle.db
		.insert(t.scans)
		.values(scan('n3', { reason: 'ok', method: 'token', entryKey: 'entry-1' }));
	return handle;
}

async function counts(handle: DbHandle) {
	const result: Record<string, number> = {};
	for (const name of copyOrder()) {
		const table = getTableName(tables(handle.db)[name] as unknown as Table);
		const [found] = await rows<{ n: number }>(
			handle.db,
			sql.raw(`SELECT count(*) AS n FROM "${table}"`)
		);
		result[table] = Number(found?.n);
	}
	return result;
}

test('the demo database goes SQLite → PostgreSQL → SQLite with every row and the same ledger head', async () => {
	const first = await demoSqlite();
	const server = await createTestDb({ createAs: null });
	open.push(server);
	const toServer = await copyDatabase(first, server);
	const back = await createDb({ path: ':memory:', createAs: null });
	open.push(back);
	const toFile = await copyDatabase(server, back);

	const head = await verifyLedger(first.db);
	expect(head.ok).toBe(true);
	if (!head.ok) return;
	expect(toServer).toMatchObject({ headSeq: head.headSeq, headHash: head.headHash });
	expect(toFile).toMatchObject({ headSeq: head.headSeq, headHash: head.headHash });
	expect(toServer.rows).toBeGreaterThan(500);
	expect(await counts(server)).toEqual(await counts(first));
	expect(await counts(back)).toEqual(await counts(first));
	const undone = async (handle: DbHandle) =>
		(await handle.db.select().from(tables(handle.db).scans))
			.map((s) => [s.id, s.undoneBy])
			.sort((a, b) => Number(a[0]) - Number(b[0]));
	expect(await undone(server)).toEqual(await undone(first));
	expect(await undone(back)).toEqual(await undone(first));
	// New rows on the server take ids after the copied ones.
	const [user] = await server.db
		.insert(tables(server.db).industryChains)
		.values({ nameZh: '新产业链', nameEn: 'New chain', sortOrder: 99 })
		.returning();
	const [highest] = await rows<{ n: number }>(
		first.db,
		sql`SELECT max(id) AS n FROM industry_chains`
	);
	expect(user!.id).toBe(Number(highest!.n) + 1);
});

test('a target that holds anything is refused, and nothing is written to it', async () => {
	const first = await demoSqlite();
	const server = await createTestDb({ createAs: null });
	open.push(server);
	await seedDemo(server.db, DEMO_DAY);
	const before = await counts(server);
	await expect(copyDatabase(first, server)).rejects.toBeInstanceOf(CopyRefusal);
	expect(await counts(server)).toEqual(before);
});
