import { describe, expect, test } from 'vitest';
import { databaseLocation } from './location.ts';

const resolve = (path: string) => `/srv/huizhan/${path}`;

describe('where the database is', () => {
	test('without DATABASE_URL: the SQLite file, data/huizhan.db unless DATABASE_PATH says', () => {
		expect(databaseLocation({}, resolve)).toEqual({
			path: '/srv/huizhan/data/huizhan.db',
			describe: '/srv/huizhan/data/huizhan.db'
		});
		expect(databaseLocation({ DATABASE_PATH: 'x.db', DATABASE_URL: ' ' }, resolve)).toMatchObject({
			path: '/srv/huizhan/x.db'
		});
	});

	test('with DATABASE_URL: PostgreSQL, a pool of 10 unless DATABASE_POOL_SIZE says, named without the password', () => {
		const url = 'postgres://huizhan:s3cret@db.internal:5432/huizhan';
		const location = databaseLocation({ DATABASE_URL: url, DATABASE_PATH: 'ignored.db' }, resolve);
		expect(location).toEqual({
			url,
			poolSize: 10,
			describe: 'postgres://huizhan@db.internal:5432/huizhan'
		});
		expect(location.describe).not.toContain('s3cret');
		expect(
			databaseLocation({ DATABASE_URL: url, DATABASE_POOL_SIZE: '24' }, resolve)
		).toMatchObject({ poolSize: 24 });
	});

	test('a malformed setting is refused with what to write instead', () => {
		expect(() => databaseLocation({ DATABASE_URL: 'huizhan.db' }, resolve)).toThrow(/not a URL/);
		expect(() => databaseLocation({ DATABASE_URL: 'mysql://h/db' }, resolve)).toThrow(
			/must be a postgres:\/\/ URL/
		);
		for (const size of ['0', '2.5', 'many', '500'])
			expect(() =>
				databaseLocation({ DATABASE_URL: 'postgres://h/db', DATABASE_POOL_SIZE: size }, resolve)
			).toThrow(/DATABASE_POOL_SIZE must be a whole number/);
	});
});
