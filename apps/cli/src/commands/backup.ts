import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { backupDatabase, createDb } from '@huizhan/db';
import type { Command } from './command.ts';

export const backup: Command = {
	usage:
		'backup <file>           copy the live database to <file>, safe while the apps run and write',
	async run({ config, args, out, err }) {
		if (config.databasePath === null) {
			err(
				'backup: the database is PostgreSQL (DATABASE_URL): back it up with pg_dump, as docs/operations.md (“Backups”) shows; `huizhan backup` copies a SQLite file'
			);
			return 2;
		}
		const [file] = args;
		if (!file) {
			err('backup: name the file to write, e.g. `huizhan backup backups/huizhan-2024-11-03.db`');
			return 2;
		}
		const destination = resolve(file);
		if (destination === config.databasePath) {
			err('backup: the backup file must not be the live database itself');
			return 2;
		}
		if (existsSync(destination)) {
			err(`backup: ${destination} already exists; choose a new file name`);
			return 2;
		}
		if (!existsSync(config.databasePath)) {
			err(`backup: no database at ${config.databasePath} (set DATABASE_PATH?)`);
			return 1;
		}
		// migrate: false — a backup reads the database as it is and must not change it.
		const { sqlite, close } = await createDb({ path: config.databasePath, migrate: false });
		try {
			// A backup copies the SQLite file itself, page by page.
			if (!sqlite) throw new Error('backup: the database is not a SQLite file');
			const { pages } = await backupDatabase(sqlite, destination);
			out(`backed up ${config.databasePath} to ${destination} (${pages} pages)`);
			return 0;
		} finally {
			await close();
		}
	}
};
