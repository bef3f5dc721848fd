import { defineConfig } from 'vitest/config';

export default defineConfig({
	test: { name: 'scripts', include: ['*.spec.ts'], expect: { requireAssertions: true } }
});
