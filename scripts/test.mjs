// `npm test`: every check — lint, types, unit tests, build, end-to-end tests in Chromium (installed
// with apt-get when it may, see browser.mjs) — and a closing line `N passed, N failed`. Every step
// runs even after an earlier one fails, so one run shows everything that is wrong; the exit code is
// non-zero if anything failed.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ensureBrowser } from './browser.mjs';
import { ensurePostgres } from './postgres.mjs';
import { installWorkspace, root, run } from './toolchain.mjs';

const results = join(root, '.test-results');
rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

/** Checks that are one pass or fail each; tests are counted one by one below. */
const checks = [];
async function check(name, command, args) {
	console.log(`\n▶ ${name}`);
	const code = await run(command, args);
	checks.push({ name, ok: code === 0 });
	console.log(code === 0 ? `✔ ${name}` : `✗ ${name} (exit ${code})`);
	return code === 0;
}

function readJson(file) {
	try {
		return JSON.parse(readFileSync(file, 'utf8'));
	} catch {
		return null;
	}
}

await installWorkspace();

const turbo = (task, ...filters) => [
	'exec',
	'turbo',
	'run',
	task,
	'--output-logs=new-only',
	...filters
];
await check('lint (eslint)', 'pnpm', turbo('lint'));
await check('workspace hygiene (sherif)', 'pnpm', ['exec', 'sherif']);
await check('formatting (prettier)', 'pnpm', ['exec', 'prettier', '--check', '.']);
await check('types (tsc, svelte-check)', 'pnpm', turbo('check'));

// The server-database half of the unit tests starts its own throw-away PostgreSQL cluster.
const postgres = await ensurePostgres({ run });
if (!postgres.ok) {
	console.error(`✗ ${postgres.sentence}`);
	checks.push({ name: 'PostgreSQL for the server-database tests', ok: false });
}

console.log('\n▶ unit tests (vitest, on SQLite and on PostgreSQL)');
const unitFile = join(results, 'unit.json');
await run('pnpm', [
	'exec',
	'vitest',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${unitFile}`
]);
const unit = readJson(unitFile);
// A runner that crashed before writing its report counts as a failure, not as zero tests.
if (!unit) checks.push({ name: 'unit tests produced a report', ok: false });

const built = await check(
	'build (both apps)',
	'pnpm',
	turbo('build', '--filter=@huizhan/attendee', '--filter=@huizhan/admin')
);

let e2e = null;
let e2eNotRun = '';
const browser = built ? await ensureBrowser({ run }) : { ok: false };
if (built && !browser.ok) {
	console.error(`✗ ${browser.sentence}`);
	checks.push({ name: 'Chromium and CJK fonts for the end-to-end tests', ok: false });
	e2eNotRun = ` — ${browser.sentence}`;
}
if (built && browser.ok) {
	console.log('\n▶ end-to-end tests (Playwright, Chromium)');
	const e2eFile = join(results, 'e2e.json');
	await run('pnpm', ['--filter', '@huizhan/e2e', 'exec', 'playwright', 'test'], {
		env: { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eFile }
	});
	e2e = existsSync(e2eFile) ? readJson(e2eFile) : null;
	if (!e2e) checks.push({ name: 'end-to-end tests produced a report', ok: false });
}

const unitPassed = unit?.numPassedTests ?? 0;
const unitFailed = (unit?.numFailedTests ?? 0) + (unit?.numTodoTests ?? 0);
const unitSkipped = unit?.numPendingTests ?? 0;
const e2ePassed = (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const e2eFailed = e2e?.stats?.unexpected ?? 0;
const e2eSkipped = e2e?.stats?.skipped ?? 0;
const checksPassed = checks.filter((c) => c.ok).length;
const checksFailed = checks.length - checksPassed;

console.log('\n──────── summary ────────');
for (const c of checks) console.log(`${c.ok ? '✔' : '✗'} ${c.name}`);
console.log(`unit tests: ${unitPassed} passed, ${unitFailed} failed, ${unitSkipped} skipped`);
console.log(
	e2e
		? `end-to-end tests: ${e2ePassed} passed, ${e2eFailed} failed, ${e2eSkipped} skipped${e2e.stats.flaky ? ` (${e2e.stats.flaky} flaky)` : ''}`
		: `end-to-end tests: not run${e2eNotRun}`
);
const passed = checksPassed + unitPassed + e2ePassed;
// A skipped test proves nothing; it counts against the run.
const failed = checksFailed + unitFailed + unitSkipped + e2eFailed + e2eSkipped;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 && (unit?.success ?? false) ? 0 : 1);
