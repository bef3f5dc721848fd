import { defineConfig } from 'drizzle-kit';

// Migrations are generated (`pnpm --filter @huizhan/db generate`) and committed; the apps and
// the CLI apply them at start-up. `push` is for local experiments only.
export default defineConfig({
	dialect: 'sqlite',
	schema: './src/schema/index.ts',
	out: './migrations',
	casing: 'snake_case',
	strict: true,
	verbose: true
});
