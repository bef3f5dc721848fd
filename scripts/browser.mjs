// What the end-to-end tests need from the machine that npm cannot install: Debian's Chromium
// (Playwright cannot download its own browser here) and CJK fonts (without them every Chinese
// glyph renders as a box, and layout tests measure boxes). `npm test` installs both itself when
// it may, so a fresh clone needs nothing but Node and npm; otherwise it says in one sentence what
// to install and fails the end-to-end step.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

export const DEBIAN_PACKAGES = { chromium: 'chromium', fonts: 'fonts-noto-cjk' };

/** The one sentence printed when `npm test` may not install what is missing. */
export function missingSentence(missing) {
	const packages = missing.map((need) => DEBIAN_PACKAGES[need]).join(' ');
	return (
		`The end-to-end tests need ${missing.map(describe).join(' and ')}: install ${missing.length > 1 ? 'them' : 'it'} ` +
		`with \`sudo apt-get install -y ${packages}\`` +
		(missing.includes('chromium') ? ' (or set CHROMIUM_PATH to a Chromium)' : '') +
		', then run npm test again.'
	);
}

const describe = (need) => (need === 'chromium' ? 'Chromium' : 'CJK fonts (Noto CJK)');

/**
 * What is missing, from what the machine has: the browser the Playwright config launches
 * (CHROMIUM_PATH, else /usr/bin/chromium) and a font that covers Chinese.
 */
export function missingNeeds({ env, exists, hasChineseFont }) {
	const missing = [];
	if (!exists(env.CHROMIUM_PATH || '/usr/bin/chromium')) missing.push('chromium');
	// A Chromium of one's own (CHROMIUM_PATH) may bring its own fonts; Debian's needs the package.
	if (!hasChineseFont()) missing.push('fonts');
	return missing;
}

/**
 * How to get `missing`: apt-get itself as root, `sudo -n` where sudo allows it without a password
 * (so nothing ever waits at a prompt), and otherwise not at all. A CHROMIUM_PATH that does not
 * exist is the operator's choice to fix: installing Debian's Chromium would not be used.
 */
export function installPlan({ missing, env, isRoot, hasAptGet, passwordlessSudo }) {
	if (missing.length === 0) return { action: 'none' };
	const packages = missing.map((need) => DEBIAN_PACKAGES[need]);
	const explain = { action: 'explain', sentence: missingSentence(missing) };
	if (missing.includes('chromium') && env.CHROMIUM_PATH) return explain;
	const command = aptCommand({ isRoot, hasAptGet, passwordlessSudo });
	return command ? { action: 'install', command, packages } : explain;
}

/**
 * How this machine may run apt-get without asking anything: itself as root, through `sudo -n`
 * where sudo allows it without a password, or not at all (null).
 */
export function aptCommand({ isRoot, hasAptGet, passwordlessSudo }) {
	if (!hasAptGet) return null;
	if (isRoot) return ['apt-get'];
	// sudo resets the environment, so the non-interactive front end is passed through `env`.
	if (passwordlessSudo) return ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get'];
	return null;
}

/** The machine as it is, for `missingNeeds` and `installPlan`. */
export function probeMachine(env = process.env) {
	const succeeds = (command, args) => {
		const result = spawnSync(command, args, { stdio: 'ignore' });
		return result.status === 0;
	};
	return {
		env,
		exists: existsSync,
		hasChineseFont: () => {
			const result = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' });
			return result.status === 0 && result.stdout.trim().length > 0;
		},
		isRoot: process.getuid?.() === 0,
		hasAptGet: succeeds('sh', ['-c', 'command -v apt-get']),
		passwordlessSudo: succeeds('sh', ['-c', 'command -v sudo && sudo -n true'])
	};
}

/**
 * Makes sure the end-to-end tests can run: `{ ok: true }`, or `{ ok: false, sentence }` saying
 * what to install. Installs with apt-get when allowed, never asking anything (DEBIAN_FRONTEND
 * noninteractive, `-y`).
 */
export async function ensureBrowser({ run, log = console.log } = {}) {
	const machine = probeMachine();
	const missing = missingNeeds(machine);
	const plan = installPlan({ missing, ...machine });
	if (plan.action === 'none') return { ok: true };
	if (plan.action === 'explain') return { ok: false, sentence: plan.sentence };
	log(`· installing ${plan.packages.join(' and ')} with apt-get for the end-to-end tests`);
	const [command, ...prefix] = plan.command;
	const apt = (...args) =>
		run(command, [...prefix, ...args], { env: { DEBIAN_FRONTEND: 'noninteractive' } });
	const installed =
		(await apt('update', '-qq')) === 0 &&
		(await apt('install', '-y', '-qq', ...plan.packages)) === 0;
	const still = missingNeeds(probeMachine());
	if (installed && still.length === 0) return { ok: true };
	return {
		ok: false,
		sentence: `Installing with apt-get did not work. ${missingSentence(still.length ? still : missing)}`
	};
}
