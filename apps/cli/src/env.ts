import { resolve } from 'node:path';

/** The CLI's configuration: the same variables and defaults as the apps (docs/architecture.md, “Configuration”). */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	return {
		databasePath: resolve(env.DATABASE_PATH || 'data/huizhan.db'),
		/**
		 * HUIZHAN_MODE as set. It never turns a database into a demo one; `production` makes
		 * `seed --demo` refuse even where it would create a new demo database.
		 */
		declaredMode: env.HUIZHAN_MODE || undefined,
		demoPassword: env.HUIZHAN_DEMO_PASSWORD || 'huizhan-demo'
	};
}
