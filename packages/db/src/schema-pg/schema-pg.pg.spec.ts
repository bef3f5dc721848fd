import { randomBytes } from 'node:crypto';
import { eq, getTableName } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { applyPgMigrations } from '../postgres/migrate.ts';
import { createTestDatabase, dropTestDatabase } from '../postgres/testing.ts';
import { at, big, rows } from './fixtures.pg.ts';
import * as schema from './index.ts';

const baseUrl = inject('pgUrl');
const LEDGER_CEILING = 1_000_000_000_000_000;

interface Handle {
	name: string;
	pool: pg.Pool;
	db: NodePgDatabase<typeof schema> & { $client: pg.Pool };
}

/** A migrated database of its own; `timeZone` sets the server's, as a Beijing host would have. */
async function migratedDatabase(prefix: string, timeZone = 'UTC'): Promise<Handle> {
	const name = `huizhan_${prefix}_${randomBytes(4).toString('hex')}`;
	const url = await createTestDatabase(baseUrl, name);
	const setup = new pg.Client({ connectionString: url });
	await setup.connect();
	await setup.query(`alter database "${name}" set timezone to '${timeZone}'`);
	await setup.end();
	const pool = new pg.Pool({ connectionString: url, max: 2 });
	const db = drizzle({ client: pool, schema, casing: 'snake_case' });
	await applyPgMigrations(db);
	return { name, pool, db };
}

async function close(handle: Handle | undefined) {
	if (!handle) return;
	await handle.pool.end();
	await dropTestDatabase(baseUrl, handle.name);
}

async function insertAll(db: Handle['db'], except: string[] = []) {
	for (const [table, values] of rows) {
		if (!except.includes(getTableName(table))) await db.insert(table).values(values);
	}
}

describe('a row of every table through drizzle and PostgreSQL', () => {
	let handle: Handle;
	beforeAll(async () => {
		handle = await migratedDatabase('roundtrip', 'Asia/Shanghai');
	});
	afterAll(() => close(handle));

	test('comes back equal: Dates to the millisecond, booleans, JSON, amounts above 2^31', async () => {
		expect((await handle.pool.query('show timezone')).rows).toEqual([
			{ TimeZone: 'Asia/Shanghai' }
		]);
		await insertAll(handle.db);
		for (const [table, values] of rows) {
			expect(await handle.db.select().from(table), getTableName(table)).toEqual([values]);
		}
		expect(await handle.db.select().from(schema.ledgerTotal)).toEqual([{ id: 1, amount: big }]);
	});

	test('keeps ledger event JSON as it was written', async () => {
		const { rows: stored } = await handle.pool.query<{ text: string }>(
			'select event::text as text from ledger_entries where seq = 1'
		);
		const [written] = await handle.db
			.select({ event: schema.ledgerEntries.event })
			.from(schema.ledgerEntries)
			.where(eq(schema.ledgerEntries.seq, 1));
		expect(stored[0]?.text).toBe(JSON.stringify(written?.event));
	});
});

describe('the triggers', () => {
	let handle: Handle;
	const query = (text: string) => handle.pool.query(text);
	/** The query is refused with exactly this message, as its SQLite twin refuses it. */
	const refuses = (text: string, message: string) =>
		expect(query(text)).rejects.toThrow(new RegExp(`^${message}$`));

	beforeAll(async () => {
		handle = await migratedDatabase('triggers');
		// The rows the tests below write themselves are left out.
		await insertAll(handle.db, ['ledger_entries', 'scans', 'scan_conflicts', 'installation']);
	});
	afterAll(() => close(handle));

	test('audit_log refuses UPDATE, DELETE and TRUNCATE', async () => {
		await refuses(`update audit_log set action = 'nothing'`, 'audit_log is append-only');
		await refuses('delete from audit_log', 'audit_log is append-only');
		await refuses('truncate audit_log', 'audit_log is append-only');
		expect((await query('select count(*)::int as n from audit_log')).rows).toEqual([{ n: 1 }]);
	});

	test('installation refuses UPDATE, DELETE and TRUNCATE', async () => {
		await handle.db
			.insert(schema.installation)
			.values({ id: 1, mode: 'production', decidedBy: 'created' });
		const fixed = 'the installation mode is fixed when the database is created';
		await refuses(`update installation set mode = 'demo'`, fixed);
		await refuses('delete from installation', fixed);
		await refuses('truncate installation', fixed);
		expect((await query('select mode from installation')).rows).toEqual([{ mode: 'production' }]);
	});

	describe('on ledger_entries', () => {
		let seq = 0;
		const append = (delta: number, deltaFramework = 0) => {
			seq += 1;
			return handle.db.insert(schema.ledgerEntries).values({
				seq,
				dealId: 'D-1',
				type: delta < 0 ? 'voided' : 'signed',
				event: { type: 'voided', reason: 'test' },
				recordedAt: at.toISOString(),
				recordedBy: 'admin',
				occurredOn: '2026-05-20',
				deltaContract: delta,
				deltaFramework,
				deltaIntent: 0,
				prevHash: '0'.repeat(64),
				hash: seq.toString(16).padStart(64, '0'),
				requestId: `req-${seq}`
			});
		};
		const total = async () => (await handle.db.select().from(schema.ledgerTotal))[0]?.amount;

		test('ledger_total follows every insert, several rows at once included', async () => {
			await append(big);
			expect(await total()).toBe(big);
			await append(7, 3);
			expect(await total()).toBe(big + 10);
			await query(`insert into ledger_entries
				(seq, deal_id, type, event, recorded_at, recorded_by, occurred_on, delta_contract, delta_framework, delta_intent, prev_hash, hash, request_id)
				values
				(3, 'D-2', 'signed', '{}', 'x', 'admin', '2026-05-20', 100, 0, 0, repeat('0', 64), repeat('a', 64), 'req-3'),
				(4, 'D-3', 'signed', '{}', 'x', 'admin', '2026-05-20', 0, 0, 20, repeat('0', 64), repeat('b', 64), 'req-4')`);
			seq = 4;
			expect(await total()).toBe(big + 130);
		});

		test('refuses UPDATE, DELETE and TRUNCATE', async () => {
			await refuses(`update ledger_entries set deal_id = 'D-9'`, 'ledger_entries is append-only');
			await refuses('delete from ledger_entries', 'ledger_entries is append-only');
			await refuses('truncate ledger_entries', 'ledger_entries is append-only');
		});

		test('refuses through drizzle too, with the message as the cause', async () => {
			const refusal = await handle.db
				.delete(schema.ledgerEntries)
				.then(() => null)
				.catch((error: unknown) => error);
			expect((refusal as { cause?: Error }).cause?.message).toBe('ledger_entries is append-only');
		});

		test('the ceiling refuses an entry past it, and still lets a void through', async () => {
			await append(LEDGER_CEILING - (await total())!);
			expect(await total()).toBe(LEDGER_CEILING);
			const refusal = await append(1)
				.then(() => null)
				.catch((error: unknown) => error);
			expect((refusal as { cause?: Error }).cause?.message).toBe('ledger_ceiling');
			expect(await total()).toBe(LEDGER_CEILING);
			await append(-big);
			expect(await total()).toBe(LEDGER_CEILING - big);
			await append(big);
			expect(await total()).toBe(LEDGER_CEILING);
			const count = await query('select count(*)::int as n from ledger_entries');
			expect(count.rows).toEqual([{ n: seq - 1 }]);
		});
	});

	describe('on scans', () => {
		const undoneByOnly = 'scans are append-only: only marking an admission undone is allowed';

		beforeAll(async () => {
			const admission = rows.find(([table]) => table === schema.scans)![1];
			await handle.db.insert(schema.scans).values(admission as typeof schema.scans.$inferInsert);
			await handle.db.insert(schema.scans).values({
				id: 2,
				conferenceId: 'wsc-2026',
				checkpointId: 1,
				registrationId: 1,
				kind: 'undo',
				undoes: 1,
				note: '误扫',
				deviceId: 'dev-1',
				nonce: 'n-2',
				staffId: 1,
				scannedAt: at,
				storedAt: at
			});
		});

		test('refuse any change but marking an admission undone', async () => {
			await refuses(`update scans set reason = 'invalid' where id = 1`, undoneByOnly);
			await refuses('update scans set entry_key = null where id = 1', undoneByOnly);
			await refuses(`update scans set undone_by = 2, note = 'x' where id = 1`, undoneByOnly);
			await refuses('update scans set undone_by = 2, offline = false where id = 1', undoneByOnly);
			await refuses('update scans set undone_by = 1 where id = 2', undoneByOnly);
		});

		test('allow marking a standing admission undone, once, which frees its entry key', async () => {
			await query('update scans set undone_by = 2 where id = 1');
			await refuses('update scans set undone_by = null where id = 1', undoneByOnly);
			await refuses('update scans set undone_by = 1 where id = 1', undoneByOnly);
			await query(`insert into scans
				(id, conference_id, checkpoint_id, registration_id, kind, reason, entry_key, device_id, nonce, staff_id, scanned_at, stored_at)
				values (3, 'wsc-2026', 1, 1, 'scan', 'ok', '1:1:2026-05-20', 'dev-1', 'n-3', 1, now(), now())`);
			const undone = await query('select id, undone_by from scans order by id');
			expect(undone.rows).toEqual([
				{ id: 1, undone_by: 2 },
				{ id: 2, undone_by: null },
				{ id: 3, undone_by: null }
			]);
		});

		test('refuse DELETE and TRUNCATE', async () => {
			await refuses('delete from scans where id = 3', 'scans are append-only');
			await refuses('truncate scans cascade', 'scans are append-only');
		});
	});
});
