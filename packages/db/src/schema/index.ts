export * from './conferences.ts';
export * from './targets.ts';
export * from './organisation.ts';
export * from './checkpoints.ts';
export * from './staff.ts';
export * from './sessions.ts';
export * from './ledger.ts';
export * from './imports.ts';
