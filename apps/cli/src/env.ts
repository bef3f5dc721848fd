import { resolve } from 'node:path';
import { databaseLocation } from '@huizhan/db';

/** The CLI's configuration: the same variables and defaults as the apps (docs/architecture.md, “Configuration”). */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	const database = databaseLocation(env, (path) => resolve(path));
	return {
		/** PostgreSQL when DATABASE_URL is set, else the SQLite file; `describe` names it safely. */
		database,
		/** The SQLite file, for the commands that copy the file itself; null on PostgreSQL. */
		databasePath: database.path ?? null,
		/**
		 * HUIZHAN_MODE as set. It never turns a database into a demo one; `production` makes
		 * `seed --demo` refuse even where it would create a new demo database.
		 */
		declaredMode: env.HUIZHAN_MODE || undefined,
		demoPassword: env.HUIZHAN_DEMO_PASSWORD || 'huizhan-demo'
	};
}
