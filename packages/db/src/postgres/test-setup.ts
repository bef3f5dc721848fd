import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { TestProject } from 'vitest/node';

import '../test-database.ts';
import { createDb } from '../client.ts';
import { createTemplateDatabase, dropTestDatabase } from './testing.ts';

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
 * Finds the server: the throw-away cluster of scripts/pg-cluster.mjs (which alone reads its
 * settings, PG_PORT), started here if none runs and stopped again at the end (one already
 * running is left as found).
 */
export default async function setup(project: TestProject) {
	const running = cluster('url');
	const url = running ?? cluster('start');
	if (url === null) throw new Error('pg-cluster start printed no DATABASE_URL');
	project.provide('pgUrl', url);

	// One migrated template per run (per package), copied by every test's database.
	const template = `tpl_${process.pid}_${project.name.replace(/[^a-z0-9]/gi, '_').toLowerCase()}`;
	await createTemplateDatabase(url, template, async (templateUrl) => {
		const handle = await createDb({ url: templateUrl, createAs: null });
		await handle.close();
	});
	project.provide('pgTemplate', template);

	return async () => {
		// Another project of the run may have stopped the cluster already, template and all.
		await dropTestDatabase(url, template).catch(() => {});
		if (running === null) cluster('stop');
	};
}
