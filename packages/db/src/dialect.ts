import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import { dialectOf } from './tables.ts';
import type { DbOrTx } from './types.ts';

/*
 * The few statements SQLite and PostgreSQL write differently, each written once here for both, so
 * the services above stay one text. Everything else the services say is standard SQL that drizzle
 * renders for the database it runs on.
 */

/**
 * The value at `path` inside a JSON text column, as text (a number `7` reads `'7'`): SQLite's
 * `json_extract`, PostgreSQL's `#>>`. Compare it with text.
 */
export function jsonText(db: DbOrTx, column: SQLWrapper, path: readonly string[]): SQL {
	for (const key of path)
		if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON key we write: ${key}`);
	if (dialectOf(db) === 'sqlite')
		return sql`CAST(json_extract(${column}, ${`$.${path.join('.')}`}) AS TEXT)`;
	return sql`(${column}::jsonb #>> ${`{${path.join(',')}}`})`;
}

/** `%`, `_` and the escape character itself, taken literally inside a LIKE pattern. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The column contains `text`, ignoring the case of Latin letters — what SQLite's LIKE does by
 * itself, and PostgreSQL's ILIKE. Wildcards in `text` are taken literally.
 */
export function containsText(db: DbOrTx, column: SQLWrapper, text: string): SQL {
	const pattern = `%${escapeLike(text)}%`;
	return dialectOf(db) === 'sqlite'
		? sql`${column} LIKE ${pattern} ESCAPE '\\'`
		: sql`${column} ILIKE ${pattern} ESCAPE '\\'`;
}

/** Today's date in Beijing, `YYYY-MM-DD`, by the database's clock. */
export function beijingToday(db: DbOrTx): SQL<string> {
	return dialectOf(db) === 'sqlite'
		? sql<string>`date('now', '+8 hours')`
		: sql<string>`to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')`;
}

/**
 * An instant as a statement's value, for hand-written SQL: SQLite stores instants as
 * milliseconds since the epoch, PostgreSQL as `timestamptz`.
 */
export function instant(db: DbOrTx, at: number | Date): SQL {
	const ms = typeof at === 'number' ? at : at.getTime();
	return dialectOf(db) === 'sqlite'
		? sql`${ms}`
		: sql`CAST(${new Date(ms).toISOString()} AS timestamptz)`;
}

/** An instant column (or expression) read as milliseconds since the epoch, a whole number. */
export function epochMs(db: DbOrTx, column: SQLWrapper): SQL<number> {
	return dialectOf(db) === 'sqlite'
		? sql<number>`${column}`
		: sql<number>`CAST(extract(epoch FROM ${column}) * 1000 AS bigint)`;
}

interface DatabaseError {
	code?: unknown;
	message?: unknown;
	table?: unknown;
	detail?: unknown;
	cause?: unknown;
}

/** The driver's own error inside drizzle's wrapping. */
function* causes(error: unknown): Generator<DatabaseError> {
	for (let e = error as DatabaseError | undefined, depth = 0; e && depth < 5; depth++) {
		yield e;
		e = e.cause as DatabaseError | undefined;
	}
}

/**
 * Whether `error` is a unique-key violation on `table.column` — on SQLite its message names
 * them; on PostgreSQL its table and detail (`Key (column)=(…) already exists.`) do.
 */
export function isUniqueViolation(error: unknown, table: string, column: string): boolean {
	for (const e of causes(error)) {
		if (typeof e.code !== 'string') continue;
		if (e.code.startsWith('SQLITE_CONSTRAINT'))
			return String(e.message).includes(`UNIQUE constraint failed: ${table}.${column}`);
		if (e.code === '23505')
			return e.table === table && String(e.detail ?? '').startsWith(`Key (${column})=`);
	}
	return false;
}
