import { createDb } from '@huizhan/db';
import type { Command } from './command.ts';

export const migrate: Command = {
	usage: 'migrate                 apply pending database migrations',
	run({ config, out }) {
		const { sqlite, close } = createDb({ path: config.databasePath });
		const applied = sqlite.prepare('SELECT count(*) FROM __drizzle_migrations').pluck().get();
		close();
		out(`database ${config.databasePath} is at migration ${applied}`);
		return 0;
	}
};
