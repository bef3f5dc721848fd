import {
	PostgresNotInstalled,
	throwAwayCluster,
	type ThrowAwayCluster
} from '@huizhan/db/postgres/testing';
import { progress } from './report.ts';

/** PostgreSQL's programs are not on this machine: the PostgreSQL benchmarks cannot run. */
export class PostgresMissing extends Error {
	constructor() {
		super(
			'PostgreSQL benchmarks skipped: PostgreSQL is not installed (apt-get install -y postgresql, ' +
				'or put the bin directory holding initdb and pg_ctl on PATH); the SQLite figures stand alone'
		);
	}
}

let cluster: ThrowAwayCluster | undefined;

/**
 * The throw-away cluster of scripts/pg-cluster.mjs (port from PG_PORT, read by the script alone),
 * found or started once per run and released by `stopPostgresCluster` at the end. Rejects with
 * `PostgresMissing` when PostgreSQL is absent.
 */
export async function postgresCluster(): Promise<{ url: string }> {
	try {
		cluster ??= throwAwayCluster();
	} catch (error) {
		throw error instanceof PostgresNotInstalled ? new PostgresMissing() : error;
	}
	return cluster;
}

/** Stops the cluster if this run started it; one found running is left as it was. */
export async function stopPostgresCluster(): Promise<void> {
	try {
		cluster?.release();
	} catch (error) {
		progress(error instanceof Error ? error.message : String(error));
	}
}
