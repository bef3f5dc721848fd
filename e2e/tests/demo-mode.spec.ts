import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { ownPort } from '../support/origins.ts';
import { exited, huizhan, ROOT, sqliteValue } from '../support/processes.ts';

const ATTENDEE_PORT = ownPort(1);
const ADMIN_PORT = ownPort(2);
const ADMIN_ORIGIN = `http://127.0.0.1:${ADMIN_PORT}`;

/** The environment without HUIZHAN_MODE, plus `extra`. */
function envWith(extra: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
	const env = { ...process.env, ...extra };
	if (!('HUIZHAN_MODE' in extra)) delete env.HUIZHAN_MODE;
	return env;
}

/** Runs the README's `npm start` (scripts/start.mjs) until it says it is running, or exits. */
async function npmStart(
	env: NodeJS.ProcessEnv,
	started: ChildProcess[]
): Promise<{ child: ChildProcess; output: () => string }> {
	const child = spawn(process.execPath, ['scripts/start.mjs'], {
		cwd: ROOT,
		env: envWith({
			...env,
			ATTENDEE_PORT: String(ATTENDEE_PORT),
			ADMIN_PORT: String(ADMIN_PORT),
			ATTENDEE_ORIGIN: `http://127.0.0.1:${ATTENDEE_PORT}`,
			ADMIN_ORIGIN,
			HOST: '127.0.0.1'
		})
	});
	started.push(child);
	let output = '';
	child.stdout!.on('data', (d) => (output += d));
	child.stderr!.on('data', (d) => (output += d));
	await expect
		.poll(() => child.exitCode !== null || /Huizhan is running/.test(output), {
			timeout: 150_000
		})
		.toBe(true);
	// Shows what npm start printed if it stopped instead.
	expect(output).toContain('Huizhan is running');
	return { child, output: () => output };
}

async function stopNpmStart(child: ChildProcess) {
	child.kill('SIGINT');
	await exited(child);
}

/** Whether the console accepts this login and password (a refusal is `ok: false`, not an HTTP error). */
async function signIn(login: string, password: string): Promise<boolean> {
	const response = await fetch(`${ADMIN_ORIGIN}/api/trpc/auth.signIn`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: ADMIN_ORIGIN },
		body: JSON.stringify({ login, password })
	});
	return (await response.json()).result?.data?.ok === true;
}

test('npm start makes a demo database only where there is none; a production database never gets the demo accounts', async () => {
	test.setTimeout(420_000);
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-mode-'));
	const started: ChildProcess[] = [];
	try {
		// No database yet: npm start creates the demo, with its accounts.
		const demoPath = join(dir, 'demo.db');
		const demo = await npmStart({ DATABASE_PATH: demoPath }, started);
		expect(demo.output()).toContain('demo sign-in');
		expect(await signIn('admin', 'huizhan-demo')).toBe(true);
		await stopNpmStart(demo.child);

		// A database created for the real event, by creating its first administrator.
		const env = { DATABASE_PATH: join(dir, 'production.db') };
		const chief = 'a long gate password';
		const added = spawn(
			process.execPath,
			['--import', 'tsx', 'apps/cli/src/main.ts', 'user', 'add', 'chief', '--role', 'admin'],
			{ cwd: ROOT, env: envWith(env), stdio: ['pipe', 'ignore', 'inherit'] }
		);
		added.stdin!.end(`${chief}\n`);
		await exited(added);
		expect(added.exitCode).toBe(0);

		// Neither npm start nor an environment asking for the demo puts demo accounts into it.
		const production = await npmStart({ ...env, HUIZHAN_MODE: 'demo' }, started);
		expect(production.output()).not.toContain('demo sign-in');
		expect(production.output()).toContain('production mode');
		expect(await signIn('admin', 'huizhan-demo')).toBe(false);
		expect(await signIn('chief', chief)).toBe(true);
		await stopNpmStart(production.child);

		const seeded = huizhan(['seed', '--demo'], { ...env, HUIZHAN_MODE: 'demo' });
		expect(seeded.out).toContain('created for production');
		expect(seeded.code).toBe(2);
		expect(sqliteValue(env.DATABASE_PATH, 'SELECT group_concat(login) FROM staff_users')).toBe(
			'chief'
		);
		expect(sqliteValue(env.DATABASE_PATH, 'SELECT count(*) FROM conferences')).toBe(0);
	} finally {
		// npm start stops both apps on SIGINT; a failed run must not leave them on these ports.
		for (const child of started) if (child.exitCode === null) child.kill('SIGINT');
		await Promise.all(started.map(exited));
		rmSync(dir, { recursive: true, force: true });
	}
});

test('with HUIZHAN_MODE=production the console refuses a demo database, whose passwords are public', async () => {
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-mode-'));
	try {
		const env = { DATABASE_PATH: join(dir, 'demo.db') };
		expect(huizhan(['seed', '--demo'], envWith(env)).code).toBe(0);
		const child = spawn(process.execPath, ['apps/admin/build'], {
			cwd: ROOT,
			env: envWith({
				...env,
				HUIZHAN_MODE: 'production',
				PORT: String(ADMIN_PORT),
				HOST: '127.0.0.1',
				ORIGIN: ADMIN_ORIGIN
			})
		});
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		await exited(child);
		expect(child.exitCode).not.toBe(0);
		expect(output).toContain('this is a demo database');
		expect(output).not.toContain('Listening on');
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});
