import { defineConfig } from 'vitest/config';

// `pnpm unit` runs every package's, app's and script's unit tests in one process, each with its own config.
export default defineConfig({
	test: {
		projects: [
			'packages/*',
			// The database and api suites again, on PostgreSQL (a throw-away cluster per run).
			'packages/db/vitest.pg.config.ts',
			'packages/api/vitest.pg.config.ts',
			'apps/*',
			'scripts',
			// The repository's own rules (eslint.config.js), tested beside it.
			// Loading the lint config takes seconds on a busy machine: a cap for a stuck test only.
			{
				test: {
					name: 'repo',
					include: ['*.spec.ts'],
					expect: { requireAssertions: true },
					testTimeout: 60_000
				}
			}
		]
	}
});
