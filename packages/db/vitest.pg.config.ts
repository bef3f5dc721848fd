import { defineConfig } from 'vitest/config';

// The PostgreSQL tests (`*.pg.spec.ts`): `pnpm --filter @huizhan/db test:pg`. They run against a
// throw-away cluster that src/postgres/test-setup.ts starts with scripts/pg-cluster.mjs (on
// PG_PORT). Each test makes its own database.
export default defineConfig({
	test: {
		name: 'db-pg',
		// The PostgreSQL-only tests, and those written for both databases (`createTestDb`).
		include: [
			'src/**/*.pg.spec.ts',
			'src/dialect.spec.ts',
			'src/seed/demo.spec.ts',
			'src/seed/exhibition.spec.ts',
			'src/ledger/ceiling.spec.ts',
			'src/schema/targets.spec.ts'
		],
		globalSetup: ['./src/postgres/test-setup.ts'],
		expect: { requireAssertions: true },
		testTimeout: 60_000,
		hookTimeout: 60_000
	}
});
