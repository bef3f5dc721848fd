import type { TestProject } from 'vitest/node';

import '../test-database.ts';
import { createDb } from '../client.ts';
import { createTemplateDatabase, dropTestDatabase, throwAwayCluster } from './testing.ts';

/**
 * Finds the server: the throw-away cluster of scripts/pg-cluster.mjs (which alone reads its
 * settings, PG_PORT), started here if none runs and stopped again at the end (one already
 * running is left as found).
 */
export default async function setup(project: TestProject) {
	const cluster = throwAwayCluster();
	const url = cluster.url;
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
		cluster.release();
	};
}
