export { createDb } from './client.ts';
export type { CreateDbOptions, Db, DbHandle, DbOrTx, Sqlite } from './client.ts';
export { applyMigrations, migrationsFolder } from './migrate.ts';
export { databaseAnswers } from './health.ts';
export { backupDatabase, restoreDatabase, RestoreRefusal } from './backup.ts';
export type { BackupResult, RestoreRefusalReason, RestoreResult } from './backup.ts';
export {
	assertDemoDatabase,
	claimInstallation,
	installationMode,
	ProductionDatabaseRefusal
} from './installation.ts';
export type { InstallationMode } from './installation.ts';
export * as schema from './schema/index.ts';
export * as ledgerStore from './ledger/store.ts';
export * as ledgerQueries from './ledger/queries.ts';
export { appendToLedger, dealIdFor, LedgerRefusal } from './ledger/append.ts';
export type { AppendCommand } from './ledger/append.ts';
export { rebuildProjection, verifyLedger } from './ledger/verify.ts';
export type { LedgerCheck } from './ledger/verify.ts';
export { GroupCommit, groupCommitFor } from './group-commit.ts';
export type { GroupCommitOptions } from './group-commit.ts';
