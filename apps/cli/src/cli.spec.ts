import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDb, installationMode, ledgerStore, tables } from '@huizhan/db';
import { GENESIS_HASH, hashEntry } from '@huizhan/ledger';
import { runCli } from './cli.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
let out: string[];
let err: string[];
const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
const run = (...argv: string[]) => runCli(argv, io, env);
/** Runs with `input` piped on stdin, as `echo … | pnpm huizhan …` does. */
const runPiped = (input: string, ...argv: string[]) =>
	runCli(argv, { ...io, stdin: Readable.from([input]) }, env);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-cli-'));
	env = { DATABASE_PATH: join(dir, 'huizhan.db') };
	out = [];
	err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('migrate creates the database at DATABASE_PATH, a production database', async () => {
	expect(await run('migrate')).toBe(0);
	expect(existsSync(join(dir, 'huizhan.db'))).toBe(true);
	expect(out.join('\n')).toMatch(/is at migration \d+, a production database/);
});

test('seed --demo creates the demo data once and says so the second time', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	expect(out[0]).toMatch(/4 conferences/);
	expect(await run('seed', '--demo')).toBe(0);
	expect(out.at(-1)).toMatch(/nothing created/);
});

test('seed --demo gives every edition, the current open ones included, its own ticket key', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const t = tables(db);
	const editions = await db.select().from(t.conferences);
	const keys = await db.select().from(t.ticketKeys);
	await close();
	expect(editions.filter((c) => c.status === 'open')).toHaveLength(2);
	expect(keys.map((k) => k.conferenceId).sort()).toEqual(editions.map((c) => c.id).sort());
	expect(new Set(keys.map((k) => k.publicKey)).size).toBe(editions.length);
});

test('seed without --demo changes nothing and explains', async () => {
	expect(await run('seed')).toBe(2);
	expect(err[0]).toMatch(/--demo/);
	expect(existsSync(join(dir, 'huizhan.db'))).toBe(false);
});

test('backup copies the database, refuses to overwrite, and needs a file name', async () => {
	await run('seed', '--demo');
	const target = join(dir, 'backups', 'copy.db');
	expect(await run('backup', target)).toBe(0);
	const copy = await createDb({ path: target, migrate: false });
	expect(await copy.db.$count(tables(copy.db).conferences)).toBe(4);
	await copy.close();
	expect(await run('backup', target)).toBe(2);
	expect(err.at(-1)).toMatch(/already exists/);
	expect(await run('backup')).toBe(2);
	expect(await run('backup', join(dir, 'huizhan.db'))).toBe(2);
});

test('on PostgreSQL, backup and restore point to pg_dump and pg_restore instead of pretending, and the password stays out of every message', async () => {
	env = { DATABASE_URL: 'postgres://huizhan:s3cret@127.0.0.1:1/huizhan' };
	expect(await run('backup', join(dir, 'copy.db'))).toBe(2);
	expect(err.at(-1)).toMatch(/PostgreSQL .*pg_dump/);
	expect(await run('restore', join(dir, 'copy.db'))).toBe(2);
	expect(err.at(-1)).toMatch(/PostgreSQL .*pg_restore/);
	expect(existsSync(join(dir, 'copy.db'))).toBe(false);
	expect([...out, ...err].join('\n')).not.toContain('s3cret');
});

test('a malformed DATABASE_URL is refused with what to write instead', async () => {
	env = { DATABASE_URL: 'mysql://somewhere/huizhan' };
	expect(await run('migrate')).not.toBe(0);
	expect(err.join('\n')).toMatch(/must be a postgres:\/\/ URL/);
});

test('copy moves a whole database into an empty one, ledger head and all, and refuses one that holds anything', async () => {
	await run('seed', '--demo');
	const copyPath = join(dir, 'copy.db');
	expect(await run('copy', join(dir, 'huizhan.db'), copyPath)).toBe(0);
	expect(out.at(-1)).toMatch(
		/^copied \d+ rows from .* both ledgers verify to head \d+:[0-9a-f]{12}$/
	);
	const copy = await createDb({ path: copyPath, migrate: false });
	expect(await copy.db.$count(tables(copy.db).conferences)).toBe(4);
	expect(await installationMode(copy.db)).toBe('demo');
	await copy.close();
	expect(await run('copy', join(dir, 'huizhan.db'), copyPath)).toBe(1);
	expect(err.at(-1)).toMatch(/already holds rows .*nothing was written/);
	expect(await run('copy', join(dir, 'nowhere.db'), join(dir, 'other.db'))).toBe(1);
	expect(await run('copy', copyPath, copyPath)).toBe(2);
});

test('an unknown command or flag prints the usage and exits 2', async () => {
	expect(await run('frobnicate')).toBe(2);
	expect(err[0]).toMatch(/unknown command "frobnicate"/);
	expect(await run('seed', '--dmeo')).toBe(2);
	expect(err.at(-1)).toMatch(/seed:.*dmeo/);
});

test('seed --demo makes a new database a demo one, with one demo staff account per role', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	expect(out.join('\n')).toMatch(/demo staff created: admin, recorder, door, leader/);
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	expect(await installationMode(db)).toBe('demo');
	await close();
});

test('seed --demo refuses a database created for production, whatever HUIZHAN_MODE says, and changes nothing', async () => {
	expect(await runPiped('a long gate password\n', 'user', 'add', 'chief', '--role', 'admin')).toBe(
		0
	);
	for (const mode of [undefined, 'demo']) {
		env = { ...env, HUIZHAN_MODE: mode };
		expect(await run('seed', '--demo')).toBe(2);
		expect(err.at(-1)).toMatch(/created for production: demo data and demo accounts are never/);
	}
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const t = tables(db);
	expect(await db.select({ login: t.staffUsers.login }).from(t.staffUsers)).toEqual([
		{ login: 'chief' }
	]);
	expect(await db.select().from(t.conferences)).toEqual([]);
	expect(await db.select().from(t.ledgerEntries)).toEqual([]);
	await close();
});

test('seed --demo with HUIZHAN_MODE=production, or a mistyped mode, creates no database', async () => {
	env = { ...env, HUIZHAN_MODE: 'production' };
	expect(await run('seed', '--demo')).toBe(2);
	expect(err.at(-1)).toMatch(/HUIZHAN_MODE=production: demo data and demo accounts are never/);
	env = { ...env, HUIZHAN_MODE: 'prod' };
	expect(await run('seed', '--demo')).toBe(2);
	expect(err.at(-1)).toMatch(/must be "production" or "demo"/);
	expect(existsSync(env.DATABASE_PATH!)).toBe(false);
});

test('restore puts back a backup and reports its verified ledger', async () => {
	await run('seed', '--demo');
	const backupFile = join(dir, 'backups', 'copy.db');
	expect(await run('backup', backupFile)).toBe(0);
	const live = await createDb({ path: env.DATABASE_PATH! });
	await live.db.update(tables(live.db).conferences).set({ nameEn: 'after the backup' });
	await live.close();

	expect(await run('restore', backupFile)).toBe(0);
	expect(out.at(-1)).toMatch(
		/^restored .*copy\.db to .*: ledger ok, \d+ entries, \d+ deals, head [0-9a-f]{12}; a demo database$/
	);
	const restored = await createDb({ path: env.DATABASE_PATH! });
	const t = tables(restored.db);
	expect(
		await restored.db.select({ nameEn: t.conferences.nameEn }).from(t.conferences)
	).not.toContainEqual({ nameEn: 'after the backup' });
	await restored.close();
});

test('restore refuses while the database is open elsewhere, and without a usable file', async () => {
	await run('seed', '--demo');
	const backupFile = join(dir, 'copy.db');
	await run('backup', backupFile);
	const app = await createDb({ path: env.DATABASE_PATH! });
	try {
		expect(await run('restore', backupFile)).toBe(1);
		expect(err.at(-1)).toMatch(
			/^restore: refused, nothing was changed: .* is open in another process.*; stop both apps/
		);
	} finally {
		await app.close();
	}
	expect(await run('restore')).toBe(2);
	expect(await run('restore', env.DATABASE_PATH!)).toBe(2);
	expect(await run('restore', join(dir, 'missing.db'))).toBe(2);
	expect(err.at(-1)).toMatch(/no file at/);
});

test('user add creates an account with its roles from a password piped on stdin', async () => {
	expect(
		await runPiped(
			'a long gate password\n',
			'user',
			'add',
			'Chief',
			'--role',
			'admin',
			'--role',
			'leader',
			'--name',
			'总指挥'
		)
	).toBe(0);
	expect(out.at(-1)).toBe('created staff account chief (admin, leader)');
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const t = tables(db);
	const users = await db.select().from(t.staffUsers);
	expect(users.map((u) => [u.login, u.displayName])).toEqual([['chief', '总指挥']]);
	expect(users[0]?.passwordHash).toMatch(/^\$argon2id\$/);
	const audit = await db.select().from(t.auditLog);
	expect(audit.map((a) => [a.action, a.actorLabel, a.source])).toEqual([
		['user_created', 'cli', 'cli']
	]);
	expect(JSON.stringify(audit)).not.toContain('a long gate password');
	await close();
});

test('user add refuses a weak or missing password, an unknown role and a taken login', async () => {
	expect(await runPiped('1234567890\n', 'user', 'add', 'chief', '--role', 'admin')).toBe(2);
	expect(err.at(-1)).toMatch(/too common/);
	expect(await runPiped('', 'user', 'add', 'chief', '--role', 'admin')).toBe(2);
	expect(err.at(-1)).toMatch(/no password/);
	expect(await runPiped('a long gate password\n', 'user', 'add', 'chief', '--role', 'boss')).toBe(
		2
	);
	expect(err.at(-1)).toMatch(/unknown: boss/);
	expect(await runPiped('a long gate password\n', 'user', 'add', 'chief', '--role', 'admin')).toBe(
		0
	);
	expect(await runPiped('another long password\n', 'user', 'add', 'CHIEF', '--role', 'door')).toBe(
		1
	);
	expect(err.at(-1)).toMatch(/login taken/);
});

test('keys rotate signs new tickets with a new key; keys retire refuses the signing key and retires an old one', async () => {
	await run('seed', '--demo');
	expect(await run('keys', 'list', 'wsc-2024')).toBe(0);
	const [oldKey] = out.at(-1)!.split('\t').slice(1);
	expect(await run('keys', 'rotate', 'wsc-2024')).toBe(0);
	const newKey = /signed with key ([0-9a-f]{8})/.exec(out.join('\n'))![1]!;
	expect(newKey).not.toBe(oldKey);
	expect(out.at(-1)).toContain(`still valid until retired: ${oldKey}`);
	expect(await run('keys', 'retire', newKey)).toBe(1);
	expect(err.at(-1)).toMatch(/rotate first/);
	expect(await run('keys', 'retire', oldKey!)).toBe(0);
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const keys = (await db.select().from(tables(db).ticketKeys)).filter(
		(k) => k.conferenceId === 'wsc-2024'
	);
	await close();
	expect(keys.map((k) => [k.keyId, k.retiredAt !== null]).sort()).toEqual(
		[
			[oldKey, true],
			[newKey, false]
		].sort()
	);
	expect(await run('keys', 'rotate', 'no-such-conference')).toBe(1);
	expect(await run('keys', 'rotate')).toBe(2);
});

/** The head `ledger verify` printed: `<seq>:<hash>`. */
const printedHead = () => /head (\d+:[0-9a-f]{64})/.exec(out.join('\n'))?.[1] ?? '';

test('ledger verify prints the head, and --head proves a head written down earlier is still in the chain', async () => {
	await run('seed', '--demo');
	expect(await run('ledger', 'verify')).toBe(0);
	const head = printedHead();
	expect(head).toMatch(/^\d+:[0-9a-f]{64}$/);
	const [seq, hash] = head.split(':') as [string, string];

	for (const written of [head, hash, hash.slice(0, 16).toUpperCase(), `#${seq} ${hash}`]) {
		out = [];
		expect(await run('ledger', 'verify', '--head', written), written).toBe(0);
		expect(out.at(-1)).toContain(`head ${head} is in the chain`);
	}
	// The same hash at another position is not the head that was written down.
	expect(await run('ledger', 'verify', '--head', `${Number(seq) + 1}:${hash}`)).toBe(1);
	expect(await run('ledger', 'verify', '--head', hash.slice(0, 12))).toBe(2);
	expect(err.at(-1)).toMatch(/at least its first 16 hex digits/);
	expect(await run('ledger', 'rebuild', '--head', head)).toBe(2);
});

test('ledger verify --head catches a ledger rehashed from scratch, which plain verify cannot', async () => {
	await run('seed', '--demo');
	await run('ledger', 'verify');
	const head = printedHead();

	// Someone with the database file drops the triggers, edits the first entry and rehashes the chain.
	// The file itself, as that person would have it: SQLite's own trigger, edited under drizzle.
	const { db, sqlite, close } = await createDb({ path: env.DATABASE_PATH!, migrate: false });
	sqlite!.exec('DROP TRIGGER ledger_entries_no_update');
	sqlite!.exec("UPDATE ledger_entries SET recorded_by = 'mallory' WHERE seq = 1");
	let prevHash = GENESIS_HASH;
	for (const entry of await ledgerStore.loadEntries(db)) {
		const hash = hashEntry({ ...entry, prevHash });
		sqlite!
			.prepare('UPDATE ledger_entries SET prev_hash = ?, hash = ? WHERE seq = ?')
			.run(prevHash, hash, entry.seq);
		prevHash = hash;
	}
	await close();
	expect(await run('ledger', 'rebuild')).toBe(0);

	out = [];
	expect(await run('ledger', 'verify')).toBe(0);
	expect(printedHead()).not.toBe(head);
	expect(await run('ledger', 'verify', '--head', head)).toBe(1);
	expect(err.at(-1)).toMatch(/not in the chain/);
});

test("conference export writes an edition's settings; import creates it as a draft in another install", async () => {
	expect(await run('seed', '--demo')).toBe(0);
	const file = join(dir, 'wsc.json');
	expect(await run('conference', 'export', 'wsc-2024', file)).toBe(0);
	expect(out.at(-1)).toMatch(/wrote wsc-2024 .* categories, \d+ gates, \d+ targets/);
	const written = JSON.parse(readFileSync(file, 'utf8')) as { format: string };
	expect(written.format).toBe('huizhan.edition/1');

	env = { DATABASE_PATH: join(dir, 'production.db') };
	expect(await run('conference', 'import', file, '--id', 'wsc-2026', '--prefix', 'WSC26')).toBe(0);
	expect(out.at(-1)).toMatch(/imported wsc-2026 \(tickets WSC26-…\) as a draft/);
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const t = tables(db);
	const [row] = await db.select().from(t.conferences).limit(1);
	const audit = await db.select().from(t.auditLog);
	await close();
	expect(row).toMatchObject({ id: 'wsc-2026', refPrefix: 'WSC26', status: 'draft' });
	expect(audit.map((a) => [a.action, a.actorLabel, a.source])).toEqual([
		['edition_imported', 'cli', 'cli']
	]);
});

test('conference import refuses an existing id, names every bad field, and changes nothing', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	const file = join(dir, 'wsc.json');
	await run('conference', 'export', 'wsc-2024', file);
	expect(await run('conference', 'import', file)).toBe(1);
	expect(err.at(-1)).toMatch(/nothing imported; an edition wsc-2024 exists here already.*--id/);
	// A year no demo database holds, so only the prefix can clash.
	expect(await run('conference', 'import', file, '--id', 'wsc-2031')).toBe(1);
	expect(err.at(-1)).toMatch(/ticket prefix WSC.* is used by wsc-2024 here.*--prefix/);

	const document = JSON.parse(readFileSync(file, 'utf8')) as { edition: Record<string, unknown> };
	document.edition.themeColor = 'blue';
	document.edition.nameEn = '';
	const bad = join(dir, 'bad.json');
	writeFileSync(bad, JSON.stringify(document));
	err = [];
	expect(await run('conference', 'import', bad, '--id', 'wsc-2031')).toBe(1);
	expect(err).toEqual([
		`conference import: nothing imported; ${bad} has these problems:`,
		'  edition.nameEn: required',
		'  edition.themeColor: color format'
	]);
	const { db, close } = await createDb({ path: env.DATABASE_PATH! });
	const ids = (await db.select().from(tables(db).conferences)).map((c) => c.id);
	await close();
	expect(ids).not.toContain('wsc-2031');
});

test('conference export refuses to overwrite a file or export an unknown edition; import needs JSON', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	const file = join(dir, 'wsc.json');
	writeFileSync(file, 'keep me');
	expect(await run('conference', 'export', 'wsc-2024', file)).toBe(2);
	expect(err.at(-1)).toMatch(/already exists/);
	expect(readFileSync(file, 'utf8')).toBe('keep me');
	expect(await run('conference', 'export', 'nope-2030', join(dir, 'x.json'))).toBe(1);
	expect(err.at(-1)).toMatch(/no edition nope-2030/);
	expect(await run('conference', 'import', file)).toBe(2);
	expect(err.at(-1)).toMatch(/is not a JSON file/);
	expect(await run('conference', 'import')).toBe(2);
	expect(err.at(-1)).toMatch(/usage: huizhan conference export/);
});
