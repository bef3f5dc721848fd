import { defineConfig } from 'vitest/config';

// `pnpm unit` runs every package's, app's and script's unit tests in one process, each with its own config.
export default defineConfig({
	test: {
		projects: ['packages/*', 'apps/*', 'scripts']
	}
});
