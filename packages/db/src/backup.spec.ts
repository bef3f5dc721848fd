import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb } from './client.ts';
import { backupDatabase, restoreDatabase, RestoreRefusal } from './backup.ts';
import { verifyLedger } from './ledger/verify.ts';
import { seedDemo, seedDemoDeals } from './seed/index.ts';

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

/** A demo database with its ledger, and `fillerPages` 4 KB pages of other data beside it. */
function demoDatabase(path: string, fillerPages = 0) {
	const handle = createDb({ path, createAs: 'demo' });
	seedDemo(handle.db);
	seedDemoDeals(handle.db);
	if (fillerPages > 0) {
		handle.sqlite.exec('CREATE TABLE filler (b BLOB)');
		handle.sqlite
			.prepare(
				`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
				INSERT INTO filler SELECT randomblob(4000) FROM n`
			)
			.run(fillerPages);
	}
	return handle;
}

const entriesIn = (path: string) => {
	const handle = createDb({ path, migrate: false });
	try {
		return handle.sqlite.prepare('SELECT count(*) FROM ledger_entries').pluck().get() as number;
	} finally {
		handle.close();
	}
};

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
		const { db, sqlite } = createDb({ path: ${JSON.stringify(path)}, migrate: false });
		// Only this test's writer: as many commits as possible, to keep the source changing.
		sqlite.pragma('synchronous = OFF');
		const small = sqlite.prepare('INSERT INTO filler VALUES (randomblob(100))');
		for (let n = 0; ; n++) {
			if (n % 50 > 0) { small.run(); continue; }
			db.transaction((tx) => appendToLedger(tx, {
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
		const handle = demoDatabase(live, 6_000);
		const writer = await writeContinuously(live);
		const before = handle.sqlite.prepare('SELECT count(*) FROM ledger_entries').pluck().get();

		const result = backupDatabase(handle.sqlite, join(dir, 'backups', 'copy.db'));

		const after = handle.sqlite.prepare('SELECT count(*) FROM ledger_entries').pluck().get();
		await stop(writer);
		handle.close();
		expect(result.pages).toBeGreaterThan(6_000);
		const copy = createDb({ path: join(dir, 'backups', 'copy.db'), migrate: false });
		const check = verifyLedger(copy.db);
		copy.close();
		expect(check).toMatchObject({ ok: true });
		const entries = (check as { entries: number }).entries;
		expect(entries).toBeGreaterThanOrEqual(before as number);
		expect(entries).toBeLessThanOrEqual(after as number);
	}, 120_000);

	test('never overwrites an existing file and leaves no partial file behind', () => {
		const handle = demoDatabase(join(dir, 'live.db'));
		const target = join(dir, 'copy.db');
		writeFileSync(target, 'an older backup');
		expect(() => backupDatabase(handle.sqlite, target)).toThrow(/EEXIST/);
		handle.close();
		expect(readdirSync(dir).sort()).toEqual(['copy.db', 'live.db']);
	});
});

describe('restoreDatabase', () => {
	test('puts a backup in place of a stopped database, after checking its ledger', () => {
		const live = join(dir, 'huizhan.db');
		const handle = demoDatabase(live);
		backupDatabase(handle.sqlite, join(dir, 'backup.db'));
		const backedUp = verifyLedger(handle.db);
		if (!backedUp.ok) throw new Error(backedUp.problem);
		handle.sqlite.exec(`UPDATE conferences SET name_en = 'changed after the backup'`);
		handle.close();

		const result = restoreDatabase({ from: join(dir, 'backup.db'), to: live });

		expect(result).toMatchObject({
			entries: backedUp.entries,
			headHash: backedUp.headHash,
			mode: 'demo'
		});
		expect(readdirSync(dir).sort()).toEqual(['backup.db', 'huizhan.db']);
		const restored = createDb({ path: live });
		expect(verifyLedger(restored.db)).toEqual(backedUp);
		expect(
			restored.sqlite
				.prepare(`SELECT count(*) FROM conferences WHERE name_en = 'changed after the backup'`)
				.pluck()
				.get()
		).toBe(0);
		restored.close();
	});

	test('refuses while another process has the database open, and changes nothing', async () => {
		const live = join(dir, 'huizhan.db');
		const handle = demoDatabase(live);
		backupDatabase(handle.sqlite, join(dir, 'backup.db'));
		handle.sqlite.exec(`UPDATE conferences SET name_en = 'changed after the backup'`);
		handle.close();

		const app = await holdOpen(live);
		expect(() =>
			restoreDatabase({ from: join(dir, 'backup.db'), to: live, lockTimeoutMs: 200 })
		).toThrow(expect.objectContaining({ reason: 'in_use' }) as RestoreRefusal);
		const still = createDb({ path: live, migrate: false });
		expect(
			still.sqlite
				.prepare(`SELECT count(*) FROM conferences WHERE name_en = 'changed after the backup'`)
				.pluck()
				.get()
		).toBe(4);
		still.close();
		expect(readdirSync(dir).filter((f) => f.includes('restoring'))).toEqual([]);

		await stop(app);
		restoreDatabase({ from: join(dir, 'backup.db'), to: live });
		const restored = createDb({ path: live, migrate: false });
		expect(
			restored.sqlite
				.prepare(`SELECT count(*) FROM conferences WHERE name_en = 'changed after the backup'`)
				.pluck()
				.get()
		).toBe(0);
		restored.close();
	});

	test('refuses a backup whose ledger was changed behind its back, leaving the live database as it was', () => {
		const live = join(dir, 'huizhan.db');
		const handle = demoDatabase(live);
		backupDatabase(handle.sqlite, join(dir, 'backup.db'));
		const before = verifyLedger(handle.db);
		handle.close();
		const tampered = createDb({ path: join(dir, 'backup.db'), migrate: false });
		tampered.sqlite.exec('DROP TRIGGER ledger_entries_no_update');
		tampered.sqlite.exec(`UPDATE ledger_entries SET recorded_by = 'someone-else' WHERE seq = 12`);
		tampered.close();

		expect(() => restoreDatabase({ from: join(dir, 'backup.db'), to: live })).toThrow(
			/does not verify at entry seq 12/
		);
		const after = createDb({ path: live });
		expect(verifyLedger(after.db)).toEqual(before);
		after.close();
		expect(readdirSync(dir).sort()).toEqual(['backup.db', 'huizhan.db']);
	});

	test('refuses a demo backup over a production database', () => {
		const demo = demoDatabase(join(dir, 'demo.db'));
		backupDatabase(demo.sqlite, join(dir, 'demo-backup.db'));
		demo.close();
		const live = join(dir, 'huizhan.db');
		createDb({ path: live }).close();

		expect(() => restoreDatabase({ from: join(dir, 'demo-backup.db'), to: live })).toThrow(
			expect.objectContaining({ reason: 'demo_over_production' }) as RestoreRefusal
		);
		const still = createDb({ path: live });
		expect(still.sqlite.prepare('SELECT count(*) FROM conferences').pluck().get()).toBe(0);
		still.close();
	});

	test('refuses a file that is not a database', () => {
		const live = join(dir, 'huizhan.db');
		demoDatabase(live).close();
		writeFileSync(
			join(dir, 'notes.txt'),
			'not a database at all, but long enough to look like one?'
		);
		expect(() => restoreDatabase({ from: join(dir, 'notes.txt'), to: live })).toThrow(
			expect.objectContaining({ reason: 'not_a_database' }) as RestoreRefusal
		);
		expect(existsSync(live)).toBe(true);
		expect(entriesIn(live)).toBeGreaterThan(0);
	});
});
