import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, relative } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const repositoryRoot = fileURLToPath(new URL('../../../', import.meta.url));
const benchRoot = fileURLToPath(new URL('../../', import.meta.url));
const baselineFolder = fileURLToPath(new URL('../baseline/', import.meta.url));

/** Loopback only: a benchmark must never put load on, or be reachable from, the network. */
const HOST = '127.0.0.1';
/** Start-up includes migrating the database; on a loaded two-core machine that takes seconds. */
const HEALTHY_WITHIN_MS = 30_000;
/** adapter-node waits for open requests on SIGTERM; past this the server is killed outright. */
const STOPPED_WITHIN_MS = 5_000;
/** Lines of a server's own output kept to explain why it failed to start. */
const OUTPUT_LINES_KEPT = 40;

export interface RunningServer {
	name: string;
	/** `http://127.0.0.1:<port>`, with no trailing slash. */
	origin: string;
	/** The server's process id, to read its memory (`/proc/<pid>/status`). */
	pid: number | undefined;
	/** Stops the process and waits for it to exit; safe to call twice and after a crash. */
	stop(): Promise<void>;
}

/**
 * The server's database: the SQLite file, or a PostgreSQL URL with the connections this one
 * process may hold (`DATABASE_POOL_SIZE`; each caller says why its number).
 */
export type ServerDatabase =
	| { databasePath: string; databaseUrl?: undefined }
	| { databaseUrl: string; poolSize: number; databasePath?: undefined };

export type StartOptions = ServerDatabase & {
	signal: AbortSignal;
	/** Set in the server's environment on top of the bench's own. */
	env?: Record<string, string>;
};

/**
 * A port nothing listens on right now. Another process may take it before the server binds it;
 * the server then exits and `startServer` reports its output.
 */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, HOST, () => {
			const address = probe.address();
			probe.close(() => {
				if (address && typeof address === 'object') resolve(address.port);
				else reject(new Error('could not read the port of a probe socket'));
			});
		});
	});
}

/** One of the built SvelteKit apps, started from the repository root as `pnpm start` does. */
export async function startBuiltApp(
	app: 'admin' | 'attendee',
	options: StartOptions
): Promise<RunningServer> {
	const entry = join(repositoryRoot, 'apps', app, 'build', 'index.js');
	if (!existsSync(entry)) {
		throw new Error(
			`${relative(repositoryRoot, entry)} is missing: run \`pnpm build\` first ` +
				`(the benchmarks measure the built app and build nothing themselves)`
		);
	}
	return startServer(app, [join('apps', app, 'build')], repositoryRoot, options);
}

/** A framework-free server from `src/baseline/`, run through tsx like the bench itself. */
export function startBaseline(script: string, options: StartOptions): Promise<RunningServer> {
	const name = `baseline ${script}`;
	return startServer(name, ['--import', 'tsx', join(baselineFolder, script)], benchRoot, options);
}

async function startServer(
	name: string,
	nodeArguments: string[],
	cwd: string,
	{ signal, env, ...database }: StartOptions
): Promise<RunningServer> {
	signal.throwIfAborted();
	const port = await freePort();
	const origin = `http://${HOST}:${port}`;
	const child = spawn(process.execPath, nodeArguments, {
		cwd,
		env: {
			...process.env,
			...env,
			PORT: String(port),
			HOST,
			ORIGIN: origin,
			// Both always set: a DATABASE_URL in the bench's own environment must not win over
			// the scratch file (the app takes PostgreSQL whenever DATABASE_URL is set).
			...(database.databaseUrl === undefined
				? { DATABASE_PATH: database.databasePath, DATABASE_URL: '' }
				: {
						DATABASE_URL: database.databaseUrl,
						DATABASE_POOL_SIZE: String(database.poolSize),
						DATABASE_PATH: ''
					})
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});

	const output: string[] = [];
	const keep = (chunk: Buffer) => {
		output.push(...chunk.toString().split('\n').filter(Boolean));
		output.splice(0, output.length - OUTPUT_LINES_KEPT);
	};
	child.stdout.on('data', keep);
	child.stderr.on('data', keep);

	let spawnError: Error | undefined;
	const exited = new Promise<void>((resolve) => {
		child.once('error', (error) => {
			spawnError = error;
			resolve();
		});
		child.once('exit', () => resolve());
	});
	const hasExited = () =>
		spawnError !== undefined || child.exitCode !== null || child.signalCode !== null;
	const explain = () => (output.length ? `\n${name} said:\n${output.join('\n')}` : '');

	const server: RunningServer = {
		name,
		origin,
		pid: child.pid,
		async stop() {
			if (hasExited()) return;
			child.kill('SIGTERM');
			const killer = setTimeout(() => child.kill('SIGKILL'), STOPPED_WITHIN_MS);
			await exited;
			clearTimeout(killer);
		}
	};

	try {
		const deadline = Date.now() + HEALTHY_WITHIN_MS;
		let lastAnswer = 'no answer yet';
		for (;;) {
			signal.throwIfAborted();
			if (hasExited()) {
				const how = spawnError?.message ?? `exit code ${child.exitCode ?? child.signalCode}`;
				throw new Error(`${name} stopped (${how}) before answering GET /healthz${explain()}`);
			}
			try {
				const response = await fetch(`${origin}/healthz`, {
					signal: AbortSignal.any([signal, AbortSignal.timeout(1_000)])
				});
				await response.arrayBuffer();
				if (response.status === 200) return server;
				lastAnswer = `status ${response.status}`;
			} catch (error) {
				signal.throwIfAborted();
				// fetch says only "fetch failed"; the cause says why (ECONNREFUSED while starting).
				const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
				lastAnswer = cause instanceof Error ? cause.message : String(cause);
			}
			if (Date.now() > deadline) {
				throw new Error(
					`${name} did not answer GET ${origin}/healthz with 200 within ` +
						`${HEALTHY_WITHIN_MS / 1000} s (last: ${lastAnswer})${explain()}`
				);
			}
			await delay(100, undefined, { signal });
		}
	} catch (error) {
		await server.stop();
		throw error;
	}
}
