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
	await onMaintenanceDb(baseUrl, (client) =>
		client.query(`drop database if exists "${database}" with (force)`)
	);
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
