import { appliedMigrations, createDb, installationMode } from '@huizhan/db';
import type { Command } from './command.ts';

export const migrate: Command = {
	usage:
		'migrate                 apply pending database migrations (a new database is a production one)',
	async run({ config, out }) {
		const { db, close } = await createDb(config.database);
		const applied = await appliedMigrations(db);
		const mode = await installationMode(db);
		await close();
		out(`database ${config.database.describe} is at migration ${applied}, a ${mode} database`);
		return 0;
	}
};
