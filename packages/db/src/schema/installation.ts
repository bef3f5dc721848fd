import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { createdAt, inList } from './columns.ts';

export const INSTALLATION_MODES = ['demo', 'production'] as const;
export type InstallationMode = (typeof INSTALLATION_MODES)[number];

/**
 * What this database is, decided once when it is created: a `demo` database may hold the demo
 * data and the demo accounts with their public password; a `production` one never does, whatever
 * the environment of a later start says. One row (id 1), never changed: triggers in the
 * migration refuse updates and deletes.
 */
export const installation = sqliteTable(
	'installation',
	{
		id: integer().primaryKey(),
		mode: text({ enum: INSTALLATION_MODES }).notNull(),
		/** `created` for a database made by this version; `classified` for one made before it. */
		decidedBy: text({ enum: ['created', 'classified'] }).notNull(),
		createdAt: createdAt()
	},
	() => [
		check('installation_one_row', sql.raw('id = 1')),
		check('installation_mode', inList('mode', INSTALLATION_MODES)),
		check('installation_decided_by', inList('decided_by', ['created', 'classified']))
	]
);
