import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { progress } from './report.ts';

const script = fileURLToPath(new URL('../../../scripts/pg-cluster.mjs', import.meta.url));

/** PostgreSQL's programs are not on this machine: the PostgreSQL benchmarks cannot run. */
export class PostgresMissing extends Error {
	constructor() {
		super(
			'PostgreSQL benchmarks skipped: PostgreSQL is not installed (apt-get install -y postgresql, ' +
				'or put the bin directory holding initdb and pg_ctl on PATH); the SQLite figures stand alone'
		);
	}
}

interface Cluster {
	url: string;
	/** True when this run started it, and so stops it at the end. */
	startedHere: boolean;
}

let cluster: Promise<Cluster> | undefined;

function run(command: 'start' | 'stop' | 'url') {
	return spawnSync(process.execPath, [script, command], { encoding: 'utf8' });
}

/**
 * The throw-away cluster of scripts/pg-cluster.mjs (port from PG_PORT, read by the script alone):
 * one already running is used as found, else one is started here, once per run, and stopped by
 * `stopPostgresCluster` at the end. Rejects with `PostgresMissing` when PostgreSQL is absent.
 */
export function postgresCluster(): Promise<Cluster> {
	cluster ??= (async () => {
		const running = /DATABASE_URL=(\S+)/.exec(run('url').stdout)?.[1];
		if (running) return { url: running, startedHere: false };
		progress('starting a throw-away PostgreSQL cluster (scripts/pg-cluster.mjs)');
		const started = run('start');
		if (started.status !== 0) {
			if (/no PostgreSQL found/.test(started.stderr)) throw new PostgresMissing();
			throw new Error(`pg-cluster start failed:\n${started.stdout}${started.stderr}`);
		}
		const url = /DATABASE_URL=(\S+)/.exec(started.stdout)?.[1];
		if (!url) throw new Error('pg-cluster start printed no DATABASE_URL');
		return { url, startedHere: true };
	})();
	return cluster;
}

/** Stops the cluster if this run started it; one found running is left as it was. */
export async function stopPostgresCluster(): Promise<void> {
	const found = await cluster?.catch(() => undefined);
	if (!found?.startedHere) return;
	const stopped = run('stop');
	if (stopped.status !== 0)
		progress(`pg-cluster stop failed: ${stopped.stderr.trim() || stopped.stdout.trim()}`);
}
