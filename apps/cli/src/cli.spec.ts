import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { createDb } from '@huizhan/db';
import { runCli } from './cli.ts';

let dir: string;
let env: NodeJS.ProcessEnv;
let out: string[];
let err: string[];
const io = { out: (l: string) => void out.push(l), err: (l: string) => void err.push(l) };
const run = (...argv: string[]) => runCli(argv, io, env);

beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-cli-'));
	env = { DATABASE_PATH: join(dir, 'huizhan.db') };
	out = [];
	err = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('migrate creates the database at DATABASE_PATH', async () => {
	expect(await run('migrate')).toBe(0);
	expect(existsSync(join(dir, 'huizhan.db'))).toBe(true);
	expect(out.join('\n')).toMatch(/is at migration \d+/);
});

test('seed --demo creates the demo data once and says so the second time', async () => {
	expect(await run('seed', '--demo')).toBe(0);
	expect(out[0]).toMatch(/2 conferences/);
	expect(await run('seed', '--demo')).toBe(0);
	expect(out[1]).toMatch(/nothing created/);
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
	const copy = createDb({ path: target, migrate: false });
	expect(copy.sqlite.prepare('SELECT count(*) FROM conferences').pluck().get()).toBe(2);
	copy.close();
	expect(await run('backup', target)).toBe(2);
	expect(err.at(-1)).toMatch(/already exists/);
	expect(await run('backup')).toBe(2);
	expect(await run('backup', join(dir, 'huizhan.db'))).toBe(2);
});

test('an unknown command or flag prints the usage and exits 2', async () => {
	expect(await run('frobnicate')).toBe(2);
	expect(err[0]).toMatch(/unknown command "frobnicate"/);
	expect(await run('seed', '--dmeo')).toBe(2);
	expect(err.at(-1)).toMatch(/seed:.*dmeo/);
});
