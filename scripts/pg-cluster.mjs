// A throw-away PostgreSQL cluster for tests: `node scripts/pg-cluster.mjs start | stop | url`.
// `start` initialises a cluster in a temporary directory, starts it on 127.0.0.1:$PG_PORT (55432
// unless set) and prints its DATABASE_URL; a cluster this script already runs on that port is
// reused. `stop` stops it and removes the directory. The state (data dir, port) is kept in
// .pg-cluster/state.json at the repository root. The server refuses to run as root, so as root
// every PostgreSQL program runs as the `postgres` user (runuser), which then owns the directory.
import { spawnSync } from 'node:child_process';
import {
	chownSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	readdirSync,
	readFileSync,
	rmSync,
	writeFileSync
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const stateDir = join(root, '.pg-cluster');
const stateFile = join(stateDir, 'state.json');
const asRoot = process.getuid?.() === 0;

/** The directory holding initdb and pg_ctl: first on PATH, else Debian's newest version. */
function findBinaries() {
	const onPath = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
	for (const dir of onPath) {
		if (existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl'))) return dir;
	}
	const debian = '/usr/lib/postgresql';
	if (existsSync(debian)) {
		const versions = readdirSync(debian)
			.filter((v) => existsSync(join(debian, v, 'bin', 'pg_ctl')))
			.sort((a, b) => Number(b) - Number(a));
		if (versions.length > 0) return join(debian, versions[0], 'bin');
	}
	throw new Error(
		'no PostgreSQL found: install it (apt-get install -y postgresql) or put its bin on PATH'
	);
}

/** Runs a PostgreSQL program, as the `postgres` user when we are root. */
function pg(bin, program, args, { check = true } = {}) {
	const command = asRoot ? 'runuser' : join(bin, program);
	const fullArgs = asRoot ? ['-u', 'postgres', '--', join(bin, program), ...args] : args;
	// The postgres user may not be allowed into the caller's directory.
	const result = spawnSync(command, fullArgs, { cwd: tmpdir(), encoding: 'utf8' });
	if (check && result.status !== 0) {
		throw new Error(
			`${program} ${args.join(' ')} failed (exit ${result.status}):\n${result.stdout}${result.stderr}`
		);
	}
	return result;
}

function idOf(flag) {
	const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
	if (result.status !== 0) throw new Error('running as root, but there is no `postgres` user');
	return Number(result.stdout.trim());
}

function readState() {
	try {
		return JSON.parse(readFileSync(stateFile, 'utf8'));
	} catch {
		return null;
	}
}

const urlOf = (port) => `postgres://postgres@127.0.0.1:${port}/postgres`;

function isRunning(bin, state) {
	return (
		state !== null &&
		existsSync(join(state.dataDir, 'PG_VERSION')) &&
		pg(bin, 'pg_ctl', ['status', '-D', state.dataDir], { check: false }).status === 0
	);
}

function requestedPort() {
	const port = Number(process.env.PG_PORT ?? 55432);
	if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`bad PG_PORT: ${port}`);
	return port;
}

function start() {
	const bin = findBinaries();
	const port = requestedPort();
	const state = readState();
	if (isRunning(bin, state)) {
		if (state.port !== port) {
			throw new Error(`a cluster is already running on port ${state.port}: stop it first`);
		}
		console.log(`DATABASE_URL=${urlOf(port)}`);
		return;
	}
	if (state !== null) rmSync(state.dir, { recursive: true, force: true });

	const dir = mkdtempSync(join(tmpdir(), 'huizhan-pg-'));
	if (asRoot) chownSync(dir, idOf('-u'), idOf('-g'));
	const dataDir = join(dir, 'data');
	// The C locale sorts and compares text by code point, as SQLite does.
	pg(bin, 'initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--locale=C']);
	const options = [
		`-p ${port}`,
		`-k ${dir}`,
		'-c listen_addresses=127.0.0.1',
		'-c fsync=on',
		'-c max_connections=400'
	].join(' ');
	mkdirSync(stateDir, { recursive: true });
	writeFileSync(stateFile, `${JSON.stringify({ dir, dataDir, port }, null, '\t')}\n`);
	const started = pg(
		bin,
		'pg_ctl',
		['-D', dataDir, '-w', '-l', join(dir, 'log'), '-o', options, 'start'],
		{
			check: false
		}
	);
	if (started.status !== 0) {
		const log = existsSync(join(dir, 'log')) ? readFileSync(join(dir, 'log'), 'utf8') : '';
		rmSync(dir, { recursive: true, force: true });
		rmSync(stateFile, { force: true });
		throw new Error(`PostgreSQL did not start on port ${port}:\n${started.stderr}${log}`);
	}
	console.log(`DATABASE_URL=${urlOf(port)}`);
}

function stop() {
	const state = readState();
	if (state === null) return;
	const bin = findBinaries();
	if (isRunning(bin, state)) pg(bin, 'pg_ctl', ['-D', state.dataDir, '-m', 'fast', '-w', 'stop']);
	rmSync(state.dir, { recursive: true, force: true });
	rmSync(stateFile, { force: true });
}

function url() {
	const state = readState();
	if (!isRunning(findBinaries(), state)) {
		console.error('no cluster is running: node scripts/pg-cluster.mjs start');
		process.exit(1);
	}
	console.log(`DATABASE_URL=${urlOf(state.port)}`);
}

const commands = { start, stop, url };
const command = commands[process.argv[2]];
if (command === undefined) {
	console.error('usage: node scripts/pg-cluster.mjs start | stop | url');
	process.exit(2);
}
try {
	command();
} catch (error) {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
}
