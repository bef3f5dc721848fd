// What the PostgreSQL half of the unit tests needs from the machine that npm cannot install: a
// PostgreSQL server's programs (initdb, pg_ctl). The tests start a throw-away cluster of their own
// with them (scripts/pg-cluster.mjs) on a loopback port. `npm test` installs Debian's
// `postgresql` package itself when it may, as it does Chromium; otherwise it says in one sentence
// what to install.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { aptCommand, probeMachine } from './browser.mjs';

export const POSTGRES_PACKAGE = 'postgresql';

/** Whether initdb and pg_ctl are on PATH or in Debian's /usr/lib/postgresql/<version>/bin. */
export function hasPostgres(env = process.env, exists = existsSync, list = readdirSync) {
	for (const dir of (env.PATH ?? '').split(delimiter).filter(Boolean)) {
		if (exists(join(dir, 'initdb')) && exists(join(dir, 'pg_ctl'))) return true;
	}
	const debian = '/usr/lib/postgresql';
	if (!exists(debian)) return false;
	return list(debian).some((version) => exists(join(debian, version, 'bin', 'pg_ctl')));
}

export const missingPostgresSentence = () =>
	`The PostgreSQL tests need PostgreSQL's server programs: install them with \`sudo apt-get install -y ${POSTGRES_PACKAGE}\` (or put a PostgreSQL bin directory on PATH), then run npm test again.`;

/**
 * Makes sure the PostgreSQL tests can start their cluster: `{ ok: true }`, or `{ ok: false,
 * sentence }`. As root the server runs as the `postgres` user, which Debian's package creates.
 */
export async function ensurePostgres({ run, log = console.log } = {}) {
	const machine = probeMachine();
	const needsUser = machine.isRoot && !userExists('postgres');
	if (hasPostgres() && !needsUser) return { ok: true };
	// The same rules as for Chromium: apt-get as root, `sudo -n` where allowed, else explain.
	const viaApt = aptCommand(machine);
	if (!viaApt) return { ok: false, sentence: missingPostgresSentence() };
	log(`· installing ${POSTGRES_PACKAGE} with apt-get for the PostgreSQL tests`);
	const [command, ...prefix] = viaApt;
	const apt = (...args) =>
		run(command, [...prefix, ...args], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
	const installed =
		(await apt('update', '-qq')) === 0 &&
		(await apt('install', '-y', '-qq', POSTGRES_PACKAGE)) === 0;
	if (installed && hasPostgres() && !(machine.isRoot && !userExists('postgres')))
		return { ok: true };
	return {
		ok: false,
		sentence: `Installing with apt-get did not work. ${missingPostgresSentence()}`
	};
}

function userExists(name) {
	return spawnSync('id', ['-u', name], { stdio: 'ignore' }).status === 0;
}
