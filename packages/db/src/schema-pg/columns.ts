import { sql } from 'drizzle-orm';
import { timestamp as pgTimestamp } from 'drizzle-orm/pg-core';

/**
 * An instant, read back as a Date. Millisecond precision, as SQLite's `timestamp_ms` holds, so
 * a value written and read back equals the Date the services wrote.
 */
export const timestamp = () => pgTimestamp({ withTimezone: true, mode: 'date', precision: 3 });

export const createdAt = () =>
	timestamp()
		.notNull()
		.$defaultFn(() => new Date());

/*
 * CHECK helpers take the column's SQL name, as the SQLite ones do. SQLite's GLOB patterns become
 * anchored POSIX regular expressions (`~`), which match the whole value the same way.
 */

/** The column holds a calendar date `YYYY-MM-DD`. */
export const isoDateCheck = (column: string) =>
	sql.raw(`${column} ~ '^[0-9]{4}-[0-1][0-9]-[0-3][0-9]$'`);

/** The column holds a lower-case `#rrggbb` colour. */
export const hexColorCheck = (column: string) => sql.raw(`${column} ~ '^#[0-9a-f]{6}$'`);

/** The column holds one of a closed list of codes. */
export const inList = (column: string, values: readonly string[]) =>
	sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
