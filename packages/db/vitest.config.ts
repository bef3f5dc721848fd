import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		name: 'db',
		include: ['src/**/*.spec.ts'],
		// The PostgreSQL tests need a server: `pnpm --filter @huizhan/db test:pg` (vitest.pg.config.ts).
		exclude: [...configDefaults.exclude, '**/*.pg.spec.ts'],
		expect: { requireAssertions: true },
		// A cap for a stuck test, not a speed check: property tests run thousands of cases, and
		// on a shared two-core machine the default 5 s is reached by load alone.
		testTimeout: 60_000
	}
});
