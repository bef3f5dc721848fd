import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

// The same tests as vitest.config.ts, on PostgreSQL: `createTestDb()` (and so `seededContext()`)
// gives each test its own database on the throw-away cluster that the global setup starts
// (scripts/pg-cluster.mjs, on PG_PORT). `pnpm --filter @huizhan/api test:pg`.
export default defineConfig({
	test: {
		name: 'api-pg',
		include: ['src/**/*.spec.ts'],
		globalSetup: [require.resolve('@huizhan/db/postgres/test-setup')],
		expect: { requireAssertions: true },
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
