import { resolve } from 'node:path';

/** The CLI's configuration: the same variables and defaults as the apps (docs/architecture.md, “Configuration”). */
export function readConfig(env: NodeJS.ProcessEnv = process.env) {
	return {
		databasePath: resolve(env.DATABASE_PATH || 'data/huizhan.db'),
		mode: env.HUIZHAN_MODE === 'production' ? ('production' as const) : ('demo' as const),
		demoPassword: env.HUIZHAN_DEMO_PASSWORD || 'huizhan-demo'
	};
}
