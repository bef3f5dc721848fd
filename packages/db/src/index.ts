export { createDb } from './client.ts';
export type { CreateDbOptions, Db, DbHandle, DbOrTx, Sqlite } from './client.ts';
export { applyMigrations, migrationsFolder } from './migrate.ts';
export { databaseAnswers } from './health.ts';
export { backupDatabase } from './backup.ts';
export * as schema from './schema/index.ts';
