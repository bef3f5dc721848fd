import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** Runs the ops CLI (`pnpm huizhan …`) to completion; `input` is typed into its stdin. */
export function huizhan(args: string[], env: NodeJS.ProcessEnv, input?: string) {
	const result = spawnSync(process.execPath, ['--import', 'tsx', 'apps/cli/src/main.ts', ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		encoding: 'utf8',
		input
	});
	return { code: result.status, out: `${result.stdout}${result.stderr}` };
}

/** Starts the built admin app on `port` and resolves once /healthz answers. */
export const startAdmin = (port: number, env: NodeJS.ProcessEnv) => startApp('admin', port, env);

/** Starts a built app on `port` and resolves once /healthz answers. */
export async function startApp(
	app: 'admin' | 'attendee',
	port: number,
	env: NodeJS.ProcessEnv
): Promise<ChildProcess> {
	const child = spawn(process.execPath, [`apps/${app}/build`], {
		cwd: ROOT,
		env: {
			...process.env,
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`
		},
		stdio: 'ignore'
	});
	for (let i = 0; i < 200; i++) {
		if (child.exitCode !== null) throw new Error(`${app} app exited with ${child.exitCode}`);
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return child;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	child.kill('SIGKILL');
	throw new Error(`${app} app did not become healthy`);
}

export const exited = (child: ChildProcess) =>
	new Promise<void>((resolve) => {
		if (child.exitCode !== null || child.signalCode !== null) resolve();
		else child.once('exit', () => resolve());
	});

/** Runs SQL statements on a database file directly, behind the apps' backs (better-sqlite3). */
export function sqlite(path: string, statements: string[]): number | null {
	const script = `const db = require('better-sqlite3')(${JSON.stringify(path)});
		for (const s of ${JSON.stringify(statements)}) db.exec(s);
		db.close();`;
	// Run from packages/db, where better-sqlite3 is installed.
	return spawnSync(process.execPath, ['-e', script], {
		cwd: `${ROOT}packages/db`,
		stdio: 'inherit'
	}).status;
}

/** One value read from a database file (better-sqlite3, from packages/db). */
export function sqliteValue(path: string, query: string): unknown {
	const script = `const db = require('better-sqlite3')(${JSON.stringify(path)}, { readonly: true });
		process.stdout.write(JSON.stringify(db.prepare(${JSON.stringify(query)}).pluck().get()));`;
	const result = spawnSync(process.execPath, ['-e', script], {
		cwd: `${ROOT}packages/db`,
		encoding: 'utf8'
	});
	return JSON.parse(result.stdout);
}
