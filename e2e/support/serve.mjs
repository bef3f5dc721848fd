// Playwright's web server for the run: a throw-away database with the demo data, then both
// built apps on it. One process so the database is ready before either app opens it; Playwright
// waits for the admin app's /healthz, which answers only once both apps are up.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, '.test-results', 'e2e-data');
const databasePath = join(dataDir, 'huizhan.db');
const [attendeePort, adminPort] = [process.argv[2] ?? '3100', process.argv[3] ?? '3101'];

rmSync(dataDir, { recursive: true, force: true });
mkdirSync(dataDir, { recursive: true });
const env = { ...process.env, DATABASE_PATH: databasePath };

const seeded = spawnSync(
	process.execPath,
	['--import', 'tsx', 'apps/cli/src/main.ts', 'seed', '--demo'],
	{ cwd: root, env, stdio: 'inherit' }
);
if (seeded.status !== 0) process.exit(seeded.status ?? 1);

// An account of its own for the lock-out test, so locking it disturbs no other test.
const added = spawnSync(
	process.execPath,
	['--import', 'tsx', 'apps/cli/src/main.ts', 'user', 'add', 'locktarget', '--role', 'leader'],
	{ cwd: root, env, input: 'lock target password\n', stdio: ['pipe', 'inherit', 'inherit'] }
);
if (added.status !== 0) process.exit(added.status ?? 1);

const children = [];
function start(app, port) {
	const child = spawn(process.execPath, [`apps/${app}/build`], {
		cwd: root,
		stdio: 'inherit',
		env: {
			...env,
			PORT: port,
			HOST: '127.0.0.1',
			ORIGIN: `http://127.0.0.1:${port}`,
			BODY_SIZE_LIMIT: '25M'
		}
	});
	child.on('exit', (code) => {
		console.error(`[serve] ${app} exited (${code})`);
		shutdown(1);
	});
	children.push(child);
}

async function healthy(port) {
	for (let i = 0; i < 200; i++) {
		try {
			if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`app on port ${port} did not become healthy`);
}

let done = false;
function shutdown(code) {
	if (done) return;
	done = true;
	for (const child of children) child.kill('SIGTERM');
	setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => shutdown(0));
process.on('SIGTERM', () => shutdown(0));

start('attendee', attendeePort);
await healthy(attendeePort);
start('admin', adminPort);
