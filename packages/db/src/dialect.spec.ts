import { eq, sql } from 'drizzle-orm';
import { afterEach, beforeEach, expect, test } from 'vitest';
import type { DbHandle } from './client.ts';
import { epochMs, instant } from './dialect.ts';
import { execute, row, tables } from './tables.ts';
import { createTestDb } from './test-database.ts';

/*
 * The statements each database writes its own way, run on the database of this run: SQLite by
 * default, PostgreSQL under vitest.pg.config.ts.
 */

let handle: DbHandle;
beforeEach(async () => {
	handle = await createTestDb();
});
afterEach(async () => {
	await handle.close();
});

// A millisecond that a rounding to seconds or microseconds would lose or change.
const AT = Date.parse('2024-11-03T01:02:03.457Z');

test('an instant written by hand-written SQL reads back through drizzle as the same Date', async () => {
	const { db } = handle;
	const { staffUsers } = tables(db);
	await execute(
		db,
		sql`INSERT INTO staff_users (login, display_name, password_hash, disabled_at, created_at)
			VALUES ('clock', 'Clock', '$argon2id$x', ${instant(db, AT)}, ${instant(db, new Date(AT + 1))})`
	);
	const [stored] = await db
		.select({ disabledAt: staffUsers.disabledAt, createdAt: staffUsers.createdAt })
		.from(staffUsers)
		.where(eq(staffUsers.login, 'clock'));
	expect(stored).toEqual({ disabledAt: new Date(AT), createdAt: new Date(AT + 1) });
});

test('an instant column reads as whole milliseconds since the epoch, and compares with instant()', async () => {
	const { db } = handle;
	const { staffUsers } = tables(db);
	await db.insert(staffUsers).values([
		{ login: 'early', displayName: 'E', passwordHash: '$argon2id$x', disabledAt: new Date(AT) },
		{ login: 'late', displayName: 'L', passwordHash: '$argon2id$x', disabledAt: new Date(AT + 1) }
	]);
	const found = await row<{ login: string; at: number }>(
		db,
		sql`SELECT login, ${epochMs(db, staffUsers.disabledAt)} AS at FROM staff_users
			WHERE disabled_at > ${instant(db, AT)}`
	);
	expect(found).toEqual({ login: 'late', at: AT + 1 });
	const empty = await row<{ at: number | null }>(
		db,
		sql`SELECT ${epochMs(db, sql`min(disabled_at)`)} AS at FROM staff_users WHERE login = 'none'`
	);
	expect(empty).toEqual({ at: null });
});
