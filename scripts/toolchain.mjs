// The pieces `npm start` and `npm test` share: finding the pinned pnpm on a machine that has
// only Node and npm, the environment every child gets, and running a child to completion.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = dirname(dirname(fileURLToPath(import.meta.url)));

/** The pnpm version of `packageManager` in package.json; no other may run. */
export const pnpmVersion = JSON.parse(
	readFileSync(join(root, 'package.json'), 'utf8')
).packageManager.replace(/^pnpm@/, '');

const toolsDir = join(root, '.tools');
const localPnpmBin = join(toolsDir, 'node_modules', '.bin');

function versionOf(command, env) {
	const result = spawnSync(command, ['--version'], { env, encoding: 'utf8', shell: false });
	return result.status === 0 ? result.stdout.trim() : null;
}

/**
 * The environment for every child: the pinned pnpm first on PATH (turbo runs tasks with the
 * `pnpm` it finds there), Node's own headers for building better-sqlite3 (pnpm 12 ignores
 * `nodedir` in .npmrc), and no telemetry.
 */
export function childEnv(extra = {}) {
	const env = {
		...process.env,
		PATH: [localPnpmBin, join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter),
		TURBO_TELEMETRY_DISABLED: '1',
		...extra
	};
	if (!env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) {
		env.npm_config_nodedir = '/usr';
	}
	return env;
}

/**
 * Makes sure `pnpm` on the children's PATH is exactly the pinned version: the one already
 * installed if it matches, else a copy installed with npm into `.tools/` (no global install,
 * no root needed; corepack cannot verify signatures on these machines).
 */
export function ensurePnpm() {
	if (versionOf('pnpm', childEnv()) === pnpmVersion) return;
	console.log(`· installing pnpm ${pnpmVersion} into .tools/ (once)`);
	const result = spawnSync(
		'npm',
		[
			'install',
			'--prefix',
			toolsDir,
			'--no-save',
			'--no-audit',
			'--no-fund',
			`pnpm@${pnpmVersion}`
		],
		{ stdio: 'inherit', env: process.env }
	);
	if (result.status !== 0 || versionOf('pnpm', childEnv()) !== pnpmVersion) {
		throw new Error(
			`could not install pnpm ${pnpmVersion} with npm; is the npm registry reachable?`
		);
	}
}

/**
 * Runs a command to completion with inherited output (or stdout to `options.onStdout` when
 * `options.spawn.stdio` pipes it); resolves to its exit code.
 */
export function run(command, args, options = {}) {
	return new Promise((resolve) => {
		const child = spawn(command, args, {
			cwd: root,
			stdio: 'inherit',
			env: childEnv(options.env),
			...options.spawn
		});
		if (options.onStdout) child.stdout?.on('data', options.onStdout);
		// 'close', not 'exit': a piped stdout has then delivered all of its output.
		child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
		child.on('error', (error) => {
			console.error(`${command}: ${error.message}`);
			resolve(127);
		});
	});
}

/** Installs the workspace exactly as locked: fast when nothing changed. */
export async function installWorkspace() {
	ensurePnpm();
	const code = await run('pnpm', ['install', '--frozen-lockfile']);
	if (code !== 0) throw new Error('pnpm install failed (see above)');
}
