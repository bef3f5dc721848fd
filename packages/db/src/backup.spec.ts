import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, type DbHandle } from './client.ts';
import { backupDatabase, restoreDatabase, RestoreRefusal } from './backup.ts';
import { verifyLedger } from './ledger/verify.ts';
import { seedDemo, seedDemoDeals } from './seed/index.ts';
import { execute, row } from './tables.ts';

const here = dirname(fileURLToPath(import.meta.url));
let dir: string;
const children: ChildProcess[] = [];
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-backup-'));
});
afterEach(async () => {
	for (const child of children.splice(0)) {
		if (child.exitCode === null && child.signalCode === null) {
			child.kill('SIGKILL');
			await new Promise((resolve) => child.once('exit', resolve));
		}
	}
	rmSync(dir, { recursive: true, force: true });
});

/** The SQLite connection of a handle: file backups are SQLite's own. */
function sqliteOf(handle: DbHandle) {
	if (!handle.sqlite) throw new Error('a SQLite handle was expected');
	return handle.sqlite;
}

/** A demo database with its ledger, and `fillerPages` 4 KB pages of other data beside it. */
async function demoDatabase(path: string, fillerPages = 0) {
	const handle = await createDb({ path, createAs: 'demo' });
	await seedDemo(handle.db);
	await seedDemoDeals(handle.db);
	if (fillerPages > 0) {
		sqliteOf(handle).exec('CREATE TABLE filler (b BLOB)');
		sqliteOf(handle)
			.prepare(
				`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				INSERT INTO filler SELECT randomblob(4000) FROM n`
			)
			.run(fillerPages);
	}
	return handle;
}

/** How many rows `query` (a `count(*) AS n`) counts in the database behind `handle`. */
const count = async (handle: DbHandle, query: ReturnType<typeof sql>) =>
	(await row<{ n: number }>(handle.db, query))?.n;

const entriesIn = async (path: string) => {
	const handle = await createDb({ path, migrate: false });
	try {
		return await count(handle, sql`SELECT count(*) AS n FROM ledger_entries`);
	} finally {
		await handle.close();
	}
};
const changedAfterTheBackup = sql`SELECT count(*) AS n FROM conferences WHERE name_en = 'changed after the backup'`;

/** Starts a process that has `path` open, as an app does; resolves once it has read from it. */
function holdOpen(path: string): Promise<ChildProcess> {
	const script = `const db = require('better-sqlite3')(${JSON.stringify(path)});
		db.pragma('journal_mode = WAL'); db.prepare('SELECT count(*) FROM conferences').get();
		console.log('open'); setInterval(() => {}, 1000);`;
	const child = spawn(process.execPath, ['-e', script], { cwd: join(here, '..') });
	children.push(child);
	return new Promise((resolve, reject) => {
		child.stdout!.once('data', () => resolve(child));
		child.once('exit', (code) => reject(new Error(`holder exited ${code}`)));
	});
}

/**
 * Starts a process that writes to `path` without pause, each write its own commit as the apps'
 * are: small rows as fast as the disk allows, and a deal in the signing ledger every 50th write.
 * Resolves once it has recorded `warmUp` deals.
 */
function writeContinuously(path: string, warmUp = 3): Promise<ChildProcess> {
	const script = `import { createDb } from ${JSON.stringify(join(here, 'client.ts'))};
		import { appendToLedger } from ${JSON.stringify(join(here, 'ledger', 'append.ts'))};
		const { db, sqlite } = await createDb({ path: ${JSON.stringify(path)}, migrate: false });
		// Only this test's writer: as many commits as possible, to keep the source changing.
		sqlite.pragma('synchronous = OFF');
		const small = sqlite.prepare('INSERT INTO filler VALUES (randomblob(100))');
		for (let n = 0; ; n++) {
			if (n % 50 > 0) { small.run(); continue; }
			await db.transaction((tx) => appendToLedger(tx, {
				dealId: null,
				event: { type: 'signed', facts: {
					projectName: 'writer ' + n, investor: 'writer', investorOrigin: 'in_province',
					chainId: 1, unitId: 1, signingEvent: 'wsc-2024', signedOn: '2024-11-04',
					agreementType: 'contract', totalInvestment: 100000000, foreignCurrency: null,
					foreignAmount: null, exchangeRate: null, notes: '' } },
				occurredOn: '2024-11-04', recordedAt: new Date().toISOString(),
				recordedBy: 'writer', requestId: 'writer-' + process.pid + '-' + n
			}));
			if (n === ${warmUp} * 50) console.log('writing');
		}`;
	const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
		cwd: join(here, '..'),
		stdio: ['ignore', 'pipe', 'inherit']
	});
	children.push(child);
	return new Promise((resolve, reject) => {
		child.stdout!.once('data', () => resolve(child));
		child.once('exit', (code) => reject(new Error(`writer exited ${code}`)));
	});
}

const stop = async (child: ChildProcess) => {
	child.kill('SIGTERM');
	if (child.exitCode === null && child.signalCode === null)
		await new Promise((resolve) => child.once('exit', resolve));
};

describe('backupDatabase', () => {
	test('finishes on a large database while another process writes to it without pause, and the copy verifies', async () => {
		const live = join(dir, 'live.db');
		const handle = await demoDatabase(live, 6_000);
		const writer = await writeContinuously(live);
		const entries = sql`SELECT count(*) AS n FROM ledger_entries`;
		const before = await count(handle, entries);

		const result = backupDatabase(sqliteOf(handle), join(dir, 'backups', 'copy.db'));

		const after = await count(handle, entries);
		await stop(writer);
		await handle.close();
		expect(result.pages).toBeGreaterThan(6_000);
		const copy = await createDb({ path: join(dir, 'backups', 'copy.db'), migrate: false });
		const check = await verifyLedger(copy.db);
		await copy.close();
		expect(check).toMatchObject({ ok: true });
		const copied = (check as { entries: number }).entries;
		expect(copied).toBeGreaterThanOrEqual(before!);
		expect(copied).toBeLessThanOrEqual(after!);
	}, 120_000);

	test('never overwrites an existing file and leaves no partial file behind', async () => {
		const handle = await demoDatabase(join(dir, 'live.db'));
		const target = join(dir, 'copy.db');
		writeFileSync(target, 'an older backup');
		expect(() => backupDatabase(sqliteOf(handle), target)).toThrow(/EEXIST/);
		await handle.close();
		expect(readdirSync(dir).sort()).toEqual(['copy.db', 'live.db']);
	});
});

describe('restoreDatabase', () => {
	test('puts a backup in place of a stopped database, after checking its ledger', async () => {
		const live = join(dir, 'huizhan.db');
		const handle = await demoDatabase(live);
		backupDatabase(sqliteOf(handle), join(dir, 'backup.db'));
		const backedUp = await verifyLedger(handle.db);
		if (!backedUp.ok) throw new Error(backedUp.problem);
		await execute(handle.db, sql`UPDATE conferences SET name_en = 'changed after the backup'`);
		await handle.close();

		const result = await restoreDatabase({ from: join(dir, 'backup.db'), to: live });

		expect(result).toMatchObject({
			entries: backedUp.entries,
			headHash: backedUp.headHash,
			mode: 'demo'
		});
		expect(readdirSync(dir).sort()).toEqual(['backup.db', 'huizhan.db']);
		const restored = await createDb({ path: live });
		expect(await verifyLedger(restored.db)).toEqual(backedUp);
		expect(await count(restored, changedAfterTheBackup)).toBe(0);
		await restored.close();
	});

	test('refuses while another process has the database open, and changes nothing', async () => {
		const live = join(dir, 'huizhan.db');
		const handle = await demoDatabase(live);
		backupDatabase(sqliteOf(handle), join(dir, 'backup.db'));
		await execute(handle.db, sql`UPDATE conferences SET name_en = 'changed after the backup'`);
		await handle.close();

		const app = await holdOpen(live);
		await expect(
			restoreDatabase({ from: join(dir, 'backup.db'), to: live, lockTimeoutMs: 200 })
		).rejects.toThrow(expect.objectContaining({ reason: 'in_use' }) as RestoreRefusal);
		const still = await createDb({ path: live, migrate: false });
		expect(await count(still, changedAfterTheBackup)).toBe(4);
		await still.close();
		expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);

		await stop(app);
		await restoreDatabase({ from: join(dir, 'backup.db'), to: live });
		const restored = await createDb({ path: live, migrate: false });
		expect(await count(restored, changedAfterTheBackup)).toBe(0);
		await restored.close();
	});

	test('refuses a backup whose ledger was changed behind its back, leaving the live database as it was', async () => {
		const live = join(dir, 'huizhan.db');
		const handle = await demoDatabase(live);
		backupDatabase(sqliteOf(handle), join(dir, 'backup.db'));
		const before = await verifyLedger(handle.db);
		await handle.close();
		const tampered = await createDb({ path: join(dir, 'backup.db'), migrate: false });
		sqliteOf(tampered).exec('DROP TRIGGER ledger_entries_no_update');
		sqliteOf(tampered).exec(
			`UPDATE ledger_entries SET recorded_by = 'someone-else' WHERE seq = 12`
		);
		await tampered.close();

		await expect(restoreDatabase({ from: join(dir, 'backup.db'), to: live })).rejects.toThrow(
			/does not verify at entry seq 12/
		);
		const after = await createDb({ path: live });
		expect(await verifyLedger(after.db)).toEqual(before);
		await after.close();
		expect(readdirSync(dir).sort()).toEqual(['backup.db', 'huizhan.db']);
	});

	test('refuses a demo backup over a production database', async () => {
		const demo = await demoDatabase(join(dir, 'demo.db'));
		backupDatabase(sqliteOf(demo), join(dir, 'demo-backup.db'));
		await demo.close();
		const live = join(dir, 'huizhan.db');
		await (await createDb({ path: live })).close();

		await expect(restoreDatabase({ from: join(dir, 'demo-backup.db'), to: live })).rejects.toThrow(
			expect.objectContaining({ reason: 'demo_over_production' }) as RestoreRefusal
		);
		const still = await createDb({ path: live });
		expect(await count(still, sql`SELECT count(*) AS n FROM conferences`)).toBe(0);
		await still.close();
	});

	test('refuses a file that is not a database', async () => {
		const live = join(dir, 'huizhan.db');
		await (await demoDatabase(live)).close();
		writeFileSync(
			join(dir, 'notes.txt'),
			'not a database at all, but long enough to look like one?'
		);
		await expect(restoreDatabase({ from: join(dir, 'notes.txt'), to: live })).rejects.toThrow(
			expect.objectContaining({ reason: 'not_a_database' }) as RestoreRefusal
		);
		expect(existsSync(live)).toBe(true);
		expect(await entriesIn(live)).toBeGreaterThan(0);
	});
});
