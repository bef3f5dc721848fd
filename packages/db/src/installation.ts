import { eq } from 'drizzle-orm';
import type { DbOrTx } from './types.ts';
import { tables } from './tables.ts';
import type { InstallationMode } from './schema/installation.ts';

export type { InstallationMode } from './schema/installation.ts';

/**
 * Whether this database is a demo or a production one, or null while nobody has decided (an
 * empty database nobody has created for a purpose yet: only tests' in-memory databases stay so).
 */
export async function installationMode(db: DbOrTx): Promise<InstallationMode | null> {
	const { installation } = tables(db);
	const [row] = await db
		.select({ mode: installation.mode })
		.from(installation)
		.where(eq(installation.id, 1));
	return row?.mode ?? null;
}

/**
 * Records `mode` as what this database is, unless that was decided before; returns the mode the
 * database has now. The first decision stands: a trigger keeps the row from ever changing.
 */
export async function claimInstallation(
	db: DbOrTx,
	mode: InstallationMode
): Promise<InstallationMode> {
	const { installation } = tables(db);
	await db.insert(installation).values({ id: 1, mode, decidedBy: 'created' }).onConflictDoNothing();
	return (await installationMode(db)) ?? mode;
}

/** Demo data or demo accounts were asked for in a database created for production. */
export class ProductionDatabaseRefusal extends Error {
	readonly reason = 'production_database';
	constructor(what: string) {
		super(`this is a production database: ${what} is never added to it`);
		this.name = 'ProductionDatabaseRefusal';
	}
}

/**
 * The one gate in front of everything demo: passes for a demo database (an undecided one becomes
 * a demo database here), throws `ProductionDatabaseRefusal` for a production one.
 */
export async function assertDemoDatabase(db: DbOrTx, what: string): Promise<void> {
	if ((await claimInstallation(db, 'demo')) !== 'demo') throw new ProductionDatabaseRefusal(what);
}
