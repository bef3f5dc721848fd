import { sql } from 'drizzle-orm';
import { integer } from 'drizzle-orm/sqlite-core';

/** Milliseconds since the epoch, UTC; read back as a Date. */
export const timestamp = () => integer({ mode: 'timestamp_ms' });

export const createdAt = () =>
	integer({ mode: 'timestamp_ms' })
		.notNull()
		.$defaultFn(() => new Date());

/*
 * CHECK helpers take the column's SQL name: drizzle's `casing: 'snake_case'` maps names when it
 * builds queries, but a raw fragment inside a CHECK is written as the database will see it.
 */

/** The column holds a calendar date `YYYY-MM-DD`. */
export const isoDateCheck = (column: string) =>
	sql.raw(`${column} GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'`);

/** The column holds a lower-case `#rrggbb` colour. */
export const hexColorCheck = (column: string) =>
	sql.raw(`${column} GLOB '#[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]'`);

/** The column holds one of a closed list of codes. */
export const inList = (column: string, values: readonly string[]) =>
	sql.raw(`${column} IN (${values.map((v) => `'${v}'`).join(', ')})`);
