import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
	export interface ProvidedContext {
		/** A server the tests may create databases on (its maintenance database's URL). */
		pgUrl: string;
	}
}

const require = createRequire(import.meta.url);
const script = join(
	dirname(require.resolve('@huizhan/db/package.json')),
	'..',
	'..',
	'scripts',
	'pg-cluster.mjs'
);

function cluster(command: 'start' | 'stop' | 'url'): string | null {
	const result = spawnSync(process.execPath, [script, command], { encoding: 'utf8' });
	if (result.status !== 0) {
		if (command === 'url') return null;
		throw new Error(`pg-cluster ${command} failed:\n${result.stdout}${result.stderr}`);
	}
	return /DATABASE_URL=(\S+)/.exec(result.stdout)?.[1] ?? null;
}

/**
 * Finds the server: HUIZHAN_TEST_PG_URL, else the throw-away cluster, which is started here if
 * none runs and then stopped again at the end (one already running is left as found).
 */
export default function setup(project: TestProject) {
	// The test harness, not the package, is told where the server is.
	// eslint-disable-next-line no-restricted-properties
	const given = process.env.HUIZHAN_TEST_PG_URL;
	if (given) {
		project.provide('pgUrl', given);
		return;
	}
	const running = cluster('url');
	const url = running ?? cluster('start');
	if (url === null) throw new Error('pg-cluster start printed no DATABASE_URL');
	project.provide('pgUrl', url);
	return running === null ? () => void cluster('stop') : undefined;
}
