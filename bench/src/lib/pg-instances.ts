import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { serverCounters, type ServerCounters } from './pg-driver.ts';
import type { Measurement } from './measure.ts';
import { progress, round, type Figure } from './report.ts';
import { startBuiltApp, type RunningServer } from './servers.ts';

/**
 * Connections to PostgreSQL all instances of an app share, split evenly among them. The database
 * runs on the same two cores as the apps and the load: past a handful of transactions at once,
 * more only queue inside PostgreSQL and, being SERIALIZABLE, fail each other more often. One
 * budget for one and for two instances means the second instance adds Node.js processes (HTTP,
 * tRPC, signature checks), not database concurrency: that is what the comparison is about.
 */
export const DATABASE_CONNECTIONS = 16;

/** `count` instances of a built app on one PostgreSQL database, started one after another. */
export async function startInstances(
	app: 'admin' | 'attendee',
	count: number,
	databaseUrl: string,
	signal: AbortSignal,
	env: Record<string, string> = {}
): Promise<RunningServer[]> {
	const servers: RunningServer[] = [];
	try {
		for (let i = 0; i < count; i++) {
			// Started in turn: each migrates at start-up, and they would only queue on its lock.
			const server = await startBuiltApp(app, {
				databaseUrl,
				poolSize: Math.ceil(DATABASE_CONNECTIONS / count),
				signal,
				env
			});
			servers.push({ ...server, name: `${app} ${String.fromCharCode(65 + i)} (PostgreSQL)` });
		}
		return servers;
	} catch (error) {
		await Promise.all(servers.map((server) => server.stop()));
		throw error;
	}
}

/** The admin app's demo settings: a demo database and a password of this run's own. */
export const demoAdmin = (password = randomBytes(18).toString('base64url')) => ({
	HUIZHAN_MODE: 'demo',
	HUIZHAN_DEMO_PASSWORD: password
});

/**
 * Where the database's time went during a load, from its own counters (read after the servers
 * stopped): commits and rollbacks per answered request — on PostgreSQL every rollback here is a
 * SERIALIZABLE transaction run again, or a request that failed — and WAL flushes per commit (how
 * much the server's commits shared an fsync).
 */
export async function sayServerWork(
	name: string,
	url: string,
	before: ServerCounters,
	answered: number
): Promise<void> {
	// A backend reports its counters as it exits; the servers' have just been told to.
	await delay(500);
	const after = await serverCounters(url);
	const commits = after.commits - before.commits;
	const rollbacks = after.rollbacks - before.rollbacks;
	const syncs = after.walSyncs - before.walSyncs;
	progress(
		`${name}: PostgreSQL committed ${commits} transactions and rolled back ${rollbacks} ` +
			`(${round(rollbacks / Math.max(1, answered), 3)} per answered request: retries), ` +
			`${syncs} WAL flushes (${round(syncs / Math.max(1, commits), 2)} per commit)`
	);
}

/**
 * A load's figures with one and with two instances: `<name>_1`, `<name>_2` and their p99s, the
 * two-instance ones against one instance (the ratio is what the second instance adds).
 */
export function perInstanceFigures(
	name: string,
	unit: string,
	one: Measurement,
	two: Measurement
): Figure[] {
	const throughput = (m: Measurement) => round(m.requestsPerSecond, 1);
	return [
		{ bench: `${name}_1`, value: throughput(one), unit, baseline: null },
		{ bench: `${name}_1_p99`, value: one.latencyP99Ms, unit: 'ms', baseline: null },
		{ bench: `${name}_2`, value: throughput(two), unit, baseline: throughput(one) },
		{ bench: `${name}_2_p99`, value: two.latencyP99Ms, unit: 'ms', baseline: one.latencyP99Ms }
	];
}
