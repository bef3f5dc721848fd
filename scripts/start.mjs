// `npm start`: install, build, create the demo database if there is none, run both apps, and
// stop both cleanly on Ctrl-C. Configuration is the environment the README lists.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { childEnv, installWorkspace, root, run } from './toolchain.mjs';

const env = process.env;
const databasePath = resolve(root, env.DATABASE_PATH || 'data/huizhan.db');
const apps = [
	{ name: 'attendee', port: Number(env.ATTENDEE_PORT || 3000), origin: env.ATTENDEE_ORIGIN },
	{ name: 'admin', port: Number(env.ADMIN_PORT || 3001), origin: env.ADMIN_ORIGIN }
];
for (const app of apps) {
	if (!Number.isInteger(app.port) || app.port < 1 || app.port > 65535) {
		console.error(`${app.name.toUpperCase()}_PORT must be a port number, got "${app.port}"`);
		process.exit(2);
	}
	app.origin ||= `http://localhost:${app.port}`;
}

async function step(title, command, args, extraEnv) {
	console.log(`\n▶ ${title}`);
	const code = await run(command, args, { env: extraEnv });
	if (code !== 0) {
		console.error(`✗ ${title} failed (exit ${code})`);
		process.exit(code);
	}
}

await installWorkspace();
await step('building both apps', 'pnpm', [
	'exec',
	'turbo',
	'run',
	'build',
	'--filter=@huizhan/attendee',
	'--filter=@huizhan/admin',
	'--output-logs=errors-only'
]);

/*
 * npm start is the demo, but only for a database it creates: a missing file becomes a demo
 * database (or, with HUIZHAN_MODE=production, an empty production one). An existing file keeps
 * the mode it was created with — a production database never gets demo accounts from here.
 */
const demoPassword = env.HUIZHAN_DEMO_PASSWORD || 'huizhan-demo';
const dbEnv = { DATABASE_PATH: databasePath };
if (!existsSync(databasePath) && env.HUIZHAN_MODE !== 'production') {
	await step(
		`creating ${databasePath}, a demo database with demo data`,
		'pnpm',
		['huizhan', 'seed', '--demo'],
		dbEnv
	);
}
const mode = await migrate();

/** Migrates (creating a production database if there is none) and returns the database's mode. */
async function migrate() {
	const title = existsSync(databasePath)
		? `migrating ${databasePath}`
		: `creating ${databasePath}, an empty production database`;
	console.log(`\n▶ ${title}`);
	let output = '';
	const code = await run('pnpm', ['huizhan', 'migrate'], {
		env: dbEnv,
		spawn: { stdio: ['ignore', 'pipe', 'inherit'] },
		onStdout: (chunk) => {
			output += chunk;
			process.stdout.write(chunk);
		}
	});
	const found = /a (demo|production) database/.exec(output);
	if (code !== 0 || !found) {
		console.error(`✗ ${title} failed (exit ${code})`);
		process.exit(code || 1);
	}
	return found[1];
}

const children = apps.map((app) => {
	const child = spawn(process.execPath, [`apps/${app.name}/build`], {
		cwd: root,
		stdio: ['ignore', 'inherit', 'inherit'],
		env: childEnv({
			...dbEnv,
			PORT: String(app.port),
			ORIGIN: app.origin,
			// The console's mail (an approved registration) links to tickets on the attendee site.
			ATTENDEE_ORIGIN: apps[0].origin,
			// Listen on every interface: door staff and screens reach the console over the venue LAN.
			HOST: env.HOST || '0.0.0.0',
			// Spreadsheet imports of thousands of rows are several MB; adapter-node's default is 512 KB.
			BODY_SIZE_LIMIT: env.BODY_SIZE_LIMIT || '25M'
		})
	});
	return { app, child, exited: false };
});

let stopping = false;
function stop(code) {
	if (stopping) return;
	stopping = true;
	console.log('\n■ stopping both apps…');
	for (const c of children) if (!c.exited) c.child.kill('SIGTERM');
	// adapter-node closes its server gracefully on SIGTERM; if one hangs, end it.
	setTimeout(() => {
		for (const c of children) if (!c.exited) c.child.kill('SIGKILL');
	}, 5_000).unref();
	const wait = setInterval(() => {
		if (children.every((c) => c.exited)) {
			clearInterval(wait);
			process.exit(code);
		}
	}, 50);
}

for (const c of children) {
	c.child.on('exit', (code, signal) => {
		c.exited = true;
		if (!stopping) {
			console.error(`✗ the ${c.app.name} app stopped unexpectedly (${signal ?? `exit ${code}`})`);
			stop(1);
		}
	});
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

async function healthy(port) {
	for (let i = 0; i < 100; i++) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/healthz`);
			if (res.ok) return true;
		} catch {
			// not listening yet
		}
		await new Promise((r) => setTimeout(r, 100));
	}
	return false;
}

const up = await Promise.all(apps.map((app) => healthy(app.port)));
if (!stopping) {
	if (up.every(Boolean)) {
		const accounts =
			mode === 'demo'
				? `\n  demo sign-in    admin / recorder / door / leader, password "${demoPassword}"` +
					'\n  a demo database: its passwords are public; a real event needs a new database'
				: '';
		console.log(`
✔ Huizhan is running (database ${databasePath}, ${mode} mode)
  attendee site   ${apps[0].origin}
  staff console   ${apps[1].origin}${accounts}
  Ctrl-C stops both.`);
	} else {
		console.error('✗ an app did not answer /healthz within 10 s');
		stop(1);
	}
}
