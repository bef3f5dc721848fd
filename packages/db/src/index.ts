export { createDb } from './client.ts';
export type {
	CreateDbOptions,
	Db,
	DbHandle,
	DbOrTx,
	Dialect,
	Schema,
	Sqlite,
	Tx
} from './client.ts';
export {
	tables,
	dialectOf,
	rows,
	row,
	execute,
	readTransaction,
	lockedTransaction
} from './tables.ts';
export {
	beijingToday,
	containsText,
	epochMs,
	instant,
	isUniqueViolation,
	jsonText
} from './dialect.ts';
export { databaseLocation } from './location.ts';
export type { DatabaseLocation, DatabaseSettings } from './location.ts';
export { applyMigrations, migrationsFolder } from './migrate.ts';
export { appliedMigrations } from './migrations-applied.ts';
export { copyDatabase, CopyRefusal } from './copy.ts';
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
/*
 * The SQLite schema, for its types and constants (`schema.AttendeeCategory`, `schema.ATTENDEE`).
 * Services take the tables themselves from the handle they query: `tables(db)`.
 */
export * as schema from './schema/index.ts';
export * as ledgerStore from './ledger/store.ts';
export * as ledgerQueries from './ledger/queries.ts';
export {
	appendToLedger,
	dealIdFor,
	LEDGER_LOCK,
	LedgerRefusal,
	readChain
} from './ledger/append.ts';
export type { AppendCommand, LedgerChain } from './ledger/append.ts';
export { rebuildProjection, verifyLedger } from './ledger/verify.ts';
export type { LedgerCheck } from './ledger/verify.ts';
export { GroupCommit, TransactionPerWrite } from './group-commit.ts';
export type { GroupCommitOptions, WriteJob, WriteOptions, Writes } from './group-commit.ts';
