import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/**
 * Throw-away databases on a test cluster (`node scripts/pg-cluster.mjs start`): each test file
 * creates its own, so files running at once never see each other's rows.
 */

const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

function withDatabase(url: string, database: string): string {
	const next = new URL(url);
	next.pathname = `/${database}`;
	return next.toString();
}

async function onMaintenanceDb<T>(baseUrl: string, run: (client: pg.Client) => Promise<T>) {
	const client = new pg.Client({ connectionString: withDatabase(baseUrl, 'postgres') });
	await client.connect();
	try {
		return await run(client);
	} finally {
		await client.end();
	}
}

function checkedName(name: string): string {
	if (!NAME.test(name)) throw new Error(`not a plain database name: ${name}`);
	return name;
}

/** Creates an empty database `name` (dropping one left by an earlier run) and returns its URL. */
export async function createTestDatabase(baseUrl: string, name: string): Promise<string> {
	const database = checkedName(name);
	await onMaintenanceDb(baseUrl, async (client) => {
		await client.query(`drop database if exists "${database}" with (force)`);
		await client.query(`create database "${database}"`);
	});
	return withDatabase(baseUrl, database);
}

/** Drops the database `name`, closing any connection still open to it. */
export async function dropTestDatabase(baseUrl: string, name: string): Promise<void> {
	const database = checkedName(name);
	await onMaintenanceDb(baseUrl, async (client) => {
		// A pool's `end()` resolves before its sockets have closed. Forcing the drop while one is
		// still closing makes the server send that client a FATAL it reports as an unhandled
		// error, failing the run: wait (briefly) for the connections to go first.
		for (let waited = 0; waited < 2_000; waited += 20) {
			const { rows } = await client.query<{ open: number }>(
				'select count(*)::int as open from pg_stat_activity where datname = $1',
				[database]
			);
			if (rows[0]!.open === 0) break;
			await new Promise((resolve) => setTimeout(resolve, 20));
		}
		await client.query(`drop database if exists "${database}" with (force)`);
	});
}

/**
 * Makes `template`, a migrated empty database test databases are copied from (PostgreSQL's
 * `CREATE DATABASE … TEMPLATE` copies files: much faster than migrating each one). Made once per
 * test run, by the run's global setup, before any worker starts.
 */
export async function createTemplateDatabase(
	baseUrl: string,
	template: string,
	migrate: (url: string) => Promise<void>
): Promise<void> {
	const url = await createTestDatabase(baseUrl, template);
	await migrate(url);
}

/** A new database copied from `template`; its URL. */
export async function copyTestDatabase(
	baseUrl: string,
	template: string,
	name: string
): Promise<string> {
	const database = checkedName(name);
	const source = checkedName(template);
	await onMaintenanceDb(baseUrl, (client) =>
		client.query(`create database "${database}" template "${source}"`)
	);
	return withDatabase(baseUrl, database);
}

const CLUSTER_SCRIPT = fileURLToPath(
	new URL('../../../../scripts/pg-cluster.mjs', import.meta.url)
);

/** The throw-away cluster's programs are missing: PostgreSQL is not installed here. */
export class PostgresNotInstalled extends Error {}

export interface ThrowAwayCluster {
	/** `postgres://postgres@127.0.0.1:<port>/postgres`, the maintenance database. */
	url: string;
	/** Stops the cluster if this call started it; one found running is left as it was. */
	release(): void;
}

function clusterCommand(command: 'start' | 'stop' | 'url') {
	const result = spawnSync(process.execPath, [CLUSTER_SCRIPT, command], { encoding: 'utf8' });
	const url = /DATABASE_URL=(\S+)/.exec(result.stdout)?.[1];
	return { ok: result.status === 0, url, output: `${result.stdout}${result.stderr}` };
}

/**
 * The throw-away PostgreSQL cluster of scripts/pg-cluster.mjs, which alone reads its settings
 * (PG_PORT): one already running is used as found, else one is started. For the test suites'
 * setup, the end-to-end journeys and the bench.
 */
export function throwAwayCluster(): ThrowAwayCluster {
	const running = clusterCommand('url');
	if (running.ok && running.url) return { url: running.url, release: () => {} };
	const started = clusterCommand('start');
	if (!started.ok) {
		if (/no PostgreSQL found/.test(started.output))
			throw new PostgresNotInstalled(started.output.trim());
		throw new Error(`pg-cluster start failed:\n${started.output}`);
	}
	if (!started.url) throw new Error('pg-cluster start printed no DATABASE_URL');
	return {
		url: started.url,
		release() {
			const stopped = clusterCommand('stop');
			if (!stopped.ok) throw new Error(`pg-cluster stop failed:\n${stopped.output}`);
		}
	};
}
