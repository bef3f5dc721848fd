import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { copyDatabase, CopyRefusal, createDb, databaseLocation } from '@huizhan/db';
import type { Command } from './command.ts';

/** A database named on the command line: a postgres:// URL, or a SQLite file. */
const named = (arg: string) =>
	/^postgres(ql)?:\/\//.test(arg)
		? databaseLocation({ DATABASE_URL: arg }, resolve)
		: databaseLocation({ DATABASE_PATH: arg }, resolve);

export const copy: Command = {
	usage:
		'copy <from> <to>        move a whole database into an empty one (a SQLite file or a postgres:// URL, either way); both ledgers must end on the same head',
	async run({ args, out, err }) {
		const [fromArg, toArg] = args;
		if (!fromArg || !toArg) {
			err(
				'copy: usage: huizhan copy <from> <to>, e.g. huizhan copy data/huizhan.db postgres://huizhan@db/huizhan'
			);
			return 2;
		}
		let from, to;
		try {
			[from, to] = [named(fromArg), named(toArg)];
		} catch (error) {
			err(`copy: ${(error as Error).message}`);
			return 2;
		}
		if (from.describe === to.describe) {
			err('copy: <from> and <to> are the same database');
			return 2;
		}
		if (from.path !== undefined && !existsSync(from.path)) {
			err(`copy: no database at ${from.describe}`);
			return 1;
		}
		// Neither is given an installation mode: the copy carries the source's own.
		const source = await createDb({ ...from, createAs: null });
		try {
			const target = await createDb({ ...to, createAs: null });
			try {
				const copied = await copyDatabase(source, target);
				out(
					`copied ${copied.rows} rows from ${from.describe} to ${to.describe}; both ledgers verify to head ${copied.headSeq}:${copied.headHash.slice(0, 12)}`
				);
				return 0;
			} catch (error) {
				if (!(error instanceof CopyRefusal)) throw error;
				err(`copy: ${error.message}; nothing was written`);
				return 1;
			} finally {
				await target.close();
			}
		} finally {
			await source.close();
		}
	}
};
