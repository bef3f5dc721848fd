import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { createDb, tables, type DbHandle } from '@huizhan/db';
import { mobileTailMatch } from './mobile-tail.ts';

// Only the column is needed, taken from a handle like every query's: nothing is read or written.
let handle: DbHandle;
beforeAll(async () => {
	handle = await createDb({ path: ':memory:', migrate: false });
});
afterAll(() => handle.close());

const sqlOf = (digits: string, sees: 'full' | 'masked') => {
	const condition = mobileTailMatch(tables(handle.db).registrations.mobile, digits, sees);
	return condition && new SQLiteSyncDialect().sqlToQuery(condition).params;
};

describe('matching a mobile tail', () => {
	test('a masked caller matches exactly the four digits the mask shows', () => {
		expect(sqlOf('5678', 'masked')).toEqual(['%5678']);
		expect(sqlOf('15678', 'masked')).toBeNull();
		expect(sqlOf('13812345678', 'masked')).toBeNull();
	});

	test('a caller who sees numbers whole matches any tail of four digits or more', () => {
		expect(sqlOf('5678', 'full')).toEqual(['%5678']);
		expect(sqlOf('15678', 'full')).toEqual(['%15678']);
	});

	test('fewer than four digits, or anything but digits, matches no mobile', () => {
		expect(sqlOf('678', 'full')).toBeNull();
		expect(sqlOf('', 'masked')).toBeNull();
		expect(sqlOf('56%8', 'full')).toBeNull();
	});
});
