import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { restoreDatabase, RestoreRefusal } from '@huizhan/db';
import type { Command } from './command.ts';

export const restore: Command = {
	usage:
		'restore <file>          replace the database with a backup whose ledger verifies; only with both apps stopped',
	async run({ config, args, out, err }) {
		if (config.databasePath === null) {
			err(
				'restore: the database is PostgreSQL (DATABASE_URL): restore it with pg_restore, as docs/operations.md (“Backups”) shows; `huizhan restore` copies a SQLite file'
			);
			return 2;
		}
		const [file] = args;
		if (!file) {
			err(
				'restore: name the backup to restore, e.g. `huizhan restore backups/huizhan-2024-11-03.db`'
			);
			return 2;
		}
		const source = resolve(file);
		if (source === config.databasePath) {
			err('restore: the backup file must not be the live database itself');
			return 2;
		}
		if (!existsSync(source)) {
			err(`restore: no file at ${source}`);
			return 2;
		}
		try {
			const result = await restoreDatabase({ from: source, to: config.databasePath });
			out(
				`restored ${source} to ${config.databasePath}: ledger ok, ${result.entries} entries, ${result.deals} deals, head ${result.headHash.slice(0, 12)}; a ${result.mode ?? 'production'} database`
			);
			return 0;
		} catch (error) {
			if (!(error instanceof RestoreRefusal)) throw error;
			const advice =
				error.reason === 'in_use' ? '; stop both apps (and any other huizhan command) first' : '';
			err(`restore: refused, nothing was changed: ${error.message}${advice}`);
			return 1;
		}
	}
};
