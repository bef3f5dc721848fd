import { defineConfig } from 'vitest/config';

// Unit tests of the app's pure modules; they run without SvelteKit's Vite plugin.
export default defineConfig({
	test: { name: 'attendee', include: ['src/**/*.spec.ts'], expect: { requireAssertions: true } }
});
