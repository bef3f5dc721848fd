import { defineConfig } from 'drizzle-kit';

// The PostgreSQL twin of drizzle.config.ts: the same tables (src/schema-pg), their own migrations
// (`pnpm --filter @huizhan/db generate:pg`). The history starts at 0000_init; 0001_triggers is
// hand-written (`drizzle-kit generate --custom`), the append-only and ledger-total triggers.
export default defineConfig({
	dialect: 'postgresql',
	schema: './src/schema-pg/index.ts',
	out: './migrations-pg',
	casing: 'snake_case',
	strict: true,
	verbose: true
});
