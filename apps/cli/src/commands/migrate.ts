import { createDb, installationMode } from '@huizhan/db';
import type { Command } from './command.ts';

export const migrate: Command = {
	usage:
		'migrate                 apply pending database migrations (a new database is a production one)',
	async run({ config, out }) {
		const { db, sqlite, close } = await createDb({ path: config.databasePath });
		// Where drizzle's migrator keeps its journal on SQLite: the file's own bookkeeping.
		// eslint-disable-next-line no-restricted-syntax -- SQLite's migration journal, read as such
		const applied = sqlite?.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
		const mode = await installationMode(db);
		await close();
		out(`database ${config.databasePath} is at migration ${applied}, a ${mode} database`);
		return 0;
	}
};
