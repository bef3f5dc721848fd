import { sql } from 'drizzle-orm';
import { check, integer, pgTable, text } from 'drizzle-orm/pg-core';
import * as sqlite from '../schema/installation.ts';
import { createdAt, inList } from './columns.ts';

export { INSTALLATION_MODES, type InstallationMode } from '../schema/installation.ts';

const { INSTALLATION_MODES } = sqlite;
// Spelled inline in the SQLite table: taken from it so the two cannot drift.
const DECIDED_BY = sqlite.installation.decidedBy.enumValues;

/**
 * What this database is, decided once when it is created: `demo` or `production`. One row
 * (id 1), never changed: triggers in the `triggers` migration refuse updates and deletes.
 */
export const installation = pgTable(
	'installation',
	{
		id: integer().primaryKey(),
		mode: text({ enum: INSTALLATION_MODES }).notNull(),
		/** `created` for a database made by this version; `classified` for one made before it. */
		decidedBy: text({ enum: DECIDED_BY }).notNull(),
		createdAt: createdAt()
	},
	() => [
		check('installation_one_row', sql.raw('id = 1')),
		check('installation_mode', inList('mode', INSTALLATION_MODES)),
		check('installation_decided_by', inList('decided_by', DECIDED_BY))
	]
);
