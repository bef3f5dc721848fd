import { createDb, installationMode } from '@huizhan/db';
import type { Command } from './command.ts';

export const migrate: Command = {
	usage:
		'migrate                 apply pending database migrations (a new database is a production one)',
	run({ config, out }) {
		const { db, sqlite, close } = createDb({ path: config.databasePath });
		const applied = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
		const mode = installationMode(db);
		close();
		out(`database ${config.databasePath} is at migration ${applied}, a ${mode} database`);
		return 0;
	}
};
