import { defineConfig } from 'vitest/config';

// `pnpm unit` runs every package's, app's and script's unit tests in one process, each with its own config.
export default defineConfig({
	test: {
		projects: [
			'packages/*',
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
