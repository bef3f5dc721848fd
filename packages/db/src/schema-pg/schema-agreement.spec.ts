import { getTableName, is, type Column } from 'drizzle-orm';
import { toSnakeCase } from 'drizzle-orm/casing';
import { getTableConfig as pgConfig, PgTable } from 'drizzle-orm/pg-core';
import { getTableConfig as sqliteConfig, SQLiteTable } from 'drizzle-orm/sqlite-core';
import { describe, expect, test } from 'vitest';
import * as sqliteSchema from '../schema/index.ts';
import * as pgSchema from './index.ts';

// Services look tables up by name on either database, so the PostgreSQL schema must be the
// SQLite one table for table, column for column, under the same names.

type Config = ReturnType<typeof sqliteConfig> | ReturnType<typeof pgConfig>;

const sqlName = (column: Column) => (column.keyAsName ? toSnakeCase(column.name) : column.name);

/** What the two schemas must agree on, in terms either dialect has. */
function shape(config: Config) {
	const columns = Object.fromEntries(
		config.columns.map((c) => [
			sqlName(c),
			{
				notNull: c.notNull,
				primaryKey: c.primary,
				// SQLite gives every integer primary key a default (the rowid); only the others compare.
				hasDefault: c.primary ? null : c.hasDefault
			}
		])
	);
	const uniques = [
		...config.columns.filter((c) => c.isUnique).map((c) => c.uniqueName),
		...config.uniqueConstraints.map((u) => u.getName())
	].sort();
	const indexes = config.indexes
		.map((i) => ({
			name: i.config.name,
			unique: i.config.unique,
			columns: i.config.columns.map((c) => sqlName(c as Column)),
			partial: i.config.where !== undefined
		}))
		.sort((a, b) => a.name!.localeCompare(b.name!));
	const primaryKeys = config.primaryKeys.map((pk) => pk.columns.map(sqlName));
	const foreignKeys = config.foreignKeys
		.map((fk) => {
			const ref = fk.reference();
			return `${ref.columns.map(sqlName)} -> ${getTableName(ref.foreignTable)}(${ref.foreignColumns.map(sqlName)}) on delete ${fk.onDelete ?? 'no action'}`;
		})
		.sort();
	const checks = config.checks.map((c) => c.name).sort();
	return { name: config.name, columns, uniques, indexes, primaryKeys, foreignKeys, checks };
}

/** How each SQLite column kind is stored on PostgreSQL (see schema-pg/columns.ts). */
const PG_KIND: Record<string, string[]> = {
	SQLiteTimestamp: ['PgTimestamp'],
	SQLiteBoolean: ['PgBoolean'],
	SQLiteTextJson: ['PgJson'],
	SQLiteText: ['PgText'],
	SQLiteInteger: ['PgInteger', 'PgBigInt53']
};

const sqliteTables = Object.entries(sqliteSchema).filter(([, v]) => is(v, SQLiteTable)) as [
	string,
	SQLiteTable
][];

describe('the PostgreSQL schema', () => {
	test('exports the same names as the SQLite schema', () => {
		expect(Object.keys(pgSchema).sort()).toEqual(Object.keys(sqliteSchema).sort());
	});

	test('has a table wherever the SQLite schema has one, and a constant wherever it has one', () => {
		for (const [name, value] of Object.entries(sqliteSchema)) {
			const twin = (pgSchema as Record<string, unknown>)[name];
			if (is(value, SQLiteTable)) expect(is(twin, PgTable), name).toBe(true);
			else expect(twin, name).toBe(value);
		}
	});

	test.each(sqliteTables)(
		'%s has the same name, columns, keys, indexes and checks',
		(name, sqliteTable) => {
			const pgTable = (pgSchema as Record<string, unknown>)[name] as PgTable;
			expect(shape(pgConfig(pgTable))).toEqual(shape(sqliteConfig(sqliteTable)));
		}
	);

	test.each(sqliteTables)('%s stores each column in its PostgreSQL kind', (name, sqliteTable) => {
		const pgTable = (pgSchema as Record<string, unknown>)[name] as PgTable;
		const pgColumns = new Map(pgConfig(pgTable).columns.map((c) => [c.name, c]));
		for (const column of sqliteConfig(sqliteTable).columns) {
			const twin = pgColumns.get(column.name)!;
			expect(PG_KIND[column.columnType], `${name}.${column.name}`).toContain(twin.columnType);
			expect(twin.enumValues, `${name}.${column.name}`).toEqual(column.enumValues);
		}
	});

	test('keeps every amount in 元, and nothing else, in a bigint', () => {
		const bigints = Object.entries(pgSchema)
			.filter(([, v]) => is(v, PgTable))
			.flatMap(([table, v]) =>
				pgConfig(v as PgTable)
					.columns.filter((c) => c.columnType === 'PgBigInt53')
					.map((c) => `${table}.${c.name}`)
			);
		expect(bigints.sort()).toEqual(
			[
				'ledgerEntries.deltaContract',
				'ledgerEntries.deltaFramework',
				'ledgerEntries.deltaIntent',
				'ledgerTotal.amount',
				'deals.totalInvestment',
				'deals.countedAmount',
				'deals.foreignAmount',
				'dealTranches.amount',
				'dealImports.totalInvestment',
				'targets.value'
			].sort()
		);
	});
});
