import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: { name: 'api', include: ['src/**/*.spec.ts'], expect: { requireAssertions: true } }
});
