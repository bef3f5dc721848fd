import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: {
		name: 'api',
		include: ['src/**/*.spec.ts'],
		expect: { requireAssertions: true },
		// A cap for a stuck test, not a speed check: property tests run thousands of cases, and
		// on a shared two-core machine the default 5 s is reached by load alone.
		testTimeout: 60_000
	}
});
