import { asc, getTableName, is, Table, type SQLWrapper } from 'drizzle-orm';
import { getTableConfig, type SQLiteTable } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import type { DbHandle } from './client.ts';
import { verifyLedger } from './ledger/verify.ts';
import * as sqliteSchema from './schema/index.ts';
import { dialectOf, execute, rows, tables } from './tables.ts';
import type { Db, Schema } from './types.ts';

/*
 * `huizhan copy`: moves a whole database into an empty one of either kind, table by table in the order of their
 * foreign keys, through drizzle on both sides (so dates, flags, JSON and money keep their JS
 * values), then checks that both ledgers verify to the same head.
 */

export class CopyRefusal extends Error {
	constructor(
		readonly reason: 'target_not_empty' | 'ledgers_differ',
		message: string
	) {
		super(message);
		this.name = 'CopyRefusal';
	}
}

/** The ledger's running total is kept by a trigger as the entries arrive: never copied. */
const DERIVED = new Set(['ledgerTotal']);

/** Table export names, parents before children (a self-reference does not order). */
export function copyOrder(): (keyof Schema)[] {
	const byName = new Map<string, keyof Schema>();
	const tablesByExport = Object.entries(sqliteSchema).filter(([, value]) => is(value, Table)) as [
		keyof Schema,
		SQLiteTable
	][];
	for (const [name, table] of tablesByExport) byName.set(getTableName(table), name);
	const parents = new Map<keyof Schema, Set<keyof Schema>>();
	for (const [name, table] of tablesByExport) {
		const refs = new Set<keyof Schema>();
		for (const fk of getTableConfig(table).foreignKeys) {
			const parent = byName.get(getTableName(fk.reference().foreignTable));
			if (parent && parent !== name) refs.add(parent);
		}
		parents.set(name, refs);
	}
	const ordered: (keyof Schema)[] = [];
	const placed = new Set<keyof Schema>();
	while (ordered.length < parents.size) {
		const ready = [...parents].filter(
			([name, refs]) => !placed.has(name) && [...refs].every((r) => placed.has(r))
		);
		if (ready.length === 0) throw new Error('the foreign keys form a cycle');
		for (const [name] of ready.sort(([a], [b]) => String(a).localeCompare(String(b)))) {
			ordered.push(name);
			placed.add(name);
		}
	}
	return ordered.filter((name) => !DERIVED.has(String(name)));
}

async function rowCount(db: Db, table: string): Promise<number> {
	const [found] = await rows<{ n: number }>(db, sql.raw(`SELECT count(*) AS n FROM "${table}"`));
	return Number(found?.n ?? 0);
}

/** The columns of `table` that point to a row of the same table. */
function selfReferences(table: SQLiteTable): string[] {
	const columns: string[] = [];
	for (const fk of getTableConfig(table).foreignKeys) {
		const reference = fk.reference();
		if (getTableName(reference.foreignTable) !== getTableName(table)) continue;
		for (const column of reference.columns) columns.push(column.name);
	}
	return columns;
}

/** The JS property name of a column, by its SQL name. */
function propertyOf(table: SQLiteTable, sqlName: string): string {
	const entry = Object.entries(table).find(
		([, column]) => (column as { name?: string })?.name === sqlName
	);
	if (!entry) throw new Error(`no column ${sqlName} in ${getTableName(table)}`);
	return entry[0];
}

/**
 * Copies `from` into `to`, which must be empty (freshly migrated, no installation mode decided);
 * returns the rows copied and the ledger head both databases verify to. Refuses
 * (`CopyRefusal`) a target holding anything, and a copy whose ledgers do not end on one head.
 */
export async function copyDatabase(from: DbHandle, to: DbHandle) {
	const order = copyOrder();
	const source = tables(from.db);
	const target = tables(to.db);
	for (const name of [...order, 'ledgerTotal' as const]) {
		const tableName = getTableName(target[name] as unknown as Table);
		const [held] =
			name === 'ledgerTotal'
				? await rows<{ n: number }>(
						to.db,
						sql`SELECT coalesce(sum(amount), 0) AS n FROM ledger_total`
					)
				: [{ n: await rowCount(to.db, tableName) }];
		if (Number(held?.n ?? 0) > 0)
			throw new CopyRefusal('target_not_empty', `the target already holds rows in ${tableName}`);
	}
	let copied = 0;
	await to.db.transaction(async (tx) => {
		for (const name of order) {
			const from_ = source[name] as unknown as SQLiteTable;
			const to_ = target[name] as unknown as SQLiteTable;
			// The shape of the table from the SQLite schema, which the PostgreSQL one mirrors.
			const model = sqliteSchema[name] as unknown as SQLiteTable;
			const key = getTableConfig(model).columns.find((c) => c.primary);
			const keyName = key ? propertyOf(model, key.name) : undefined;
			const sourceKey = keyName
				? (from_ as unknown as Record<string, SQLWrapper>)[keyName]
				: undefined;
			const targetKey = keyName
				? (to_ as unknown as Record<string, SQLWrapper>)[keyName]
				: undefined;
			const all = (await from.db
				.select()
				.from(from_)
				.orderBy(...(sourceKey ? [asc(sourceKey)] : []))) as Record<string, unknown>[];
			copied += all.length;
			const later = selfReferences(model).map((column) => propertyOf(model, column));
			if (later.length === 0 || !keyName || !targetKey) {
				for (let i = 0; i < all.length; i += 500)
					await tx.insert(to_).values(all.slice(i, i + 500) as never);
				continue;
			}
			// A row pointing to a later row of its own table (an admission marked undone by the undo
			// scan after it) goes in without that pointer, which is set as soon as the later row is
			// in — through the one change the append-only trigger allows, and before a row that
			// needs it set (a re-admission under the same entry key) arrives.
			const waiting = new Map<unknown, { id: unknown; column: string }[]>();
			for (const row of all) {
				const values = { ...row };
				for (const column of later) {
					const pointsTo = row[column];
					if (pointsTo === null || pointsTo === undefined) continue;
					if ((pointsTo as number) < (row[keyName] as number)) continue;
					values[column] = null;
					waiting.set(pointsTo, [...(waiting.get(pointsTo) ?? []), { id: row[keyName], column }]);
				}
				await tx.insert(to_).values(values as never);
				for (const { id, column } of waiting.get(row[keyName]) ?? [])
					await tx
						.update(to_)
						.set({ [column]: row[keyName] } as never)
						.where(sql`${targetKey} = ${id}`);
				waiting.delete(row[keyName]);
			}
		}
		if (dialectOf(tx) === 'postgres') {
			// Identity columns given explicit values: their sequences start after the copied ids.
			const identities = await rows<{ table_name: string; column_name: string }>(
				tx,
				sql`SELECT table_name, column_name FROM information_schema.columns
				    WHERE table_schema = current_schema() AND is_identity = 'YES'`
			);
			for (const { table_name: t, column_name: c } of identities)
				await execute(
					tx,
					sql.raw(
						`SELECT setval(pg_get_serial_sequence('"${t}"', '${c}'), coalesce((SELECT max("${c}") FROM "${t}"), 0) + 1, false)`
					)
				);
		}
	});
	const [a, b] = [await verifyLedger(from.db), await verifyLedger(to.db)];
	if (!a.ok || !b.ok || a.headHash !== b.headHash || a.headSeq !== b.headSeq)
		throw new CopyRefusal('ledgers_differ', 'the two ledgers do not verify to the same head');
	return { rows: copied, headSeq: a.headSeq, headHash: a.headHash };
}
