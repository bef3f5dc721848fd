/*
 * Test support shared with other packages (`@huizhan/db/testing`).
 */
export { createTestDb } from './test-database.ts';
export { storedHistory } from './ledger/testing.ts';
