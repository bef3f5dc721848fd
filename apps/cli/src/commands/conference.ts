import { readFileSync, writeFileSync } from 'node:fs';
import { AppError, EditionFileInvalid, exportEdition, importEdition } from '@huizhan/api';
import { createDb } from '@huizhan/db';
import type { Command } from './command.ts';

const USAGE =
	'conference: usage: huizhan conference export <edition> <file> | conference import <file> [--id <new id>] [--prefix <ticket prefix>]';

/** `categories.0.capacity` + `capacity_invalid` → one line a person can act on. */
const problemLine = (p: { path: string; code: string }) =>
	`  ${p.path || '(the file)'}: ${p.code.replace(/_/g, ' ')}`;

export const conference: Command = {
	usage:
		"conference export <edition> <file> | import <file> [--id ID] [--prefix P]   move an edition's settings between installs",
	async run({ config, args, flags, out, err }) {
		const [sub, first, second] = args;
		if (!((sub === 'export' && first && second) || (sub === 'import' && first && !second))) {
			err(USAGE);
			return 2;
		}
		if (sub === 'import') {
			let document: unknown;
			try {
				document = JSON.parse(readFileSync(first!, 'utf8'));
			} catch (error) {
				const code = (error as NodeJS.ErrnoException).code;
				err(
					code === 'ENOENT'
						? `conference import: no file ${first}`
						: `conference import: ${first} is not a JSON file (${(error as Error).message})`
				);
				return 2;
			}
			const { db, close } = await createDb(config.database);
			try {
				const made = await importEdition(
					db,
					document,
					{
						id: typeof flags.id === 'string' ? flags.id : undefined,
						refPrefix: typeof flags.prefix === 'string' ? flags.prefix : undefined
					},
					{ user: null, source: 'cli', now: new Date() }
				);
				out(
					`imported ${made.id} (tickets ${made.refPrefix}-…) as a draft: ${made.categories} categories, ` +
						`${made.gates} gates, ${made.targets} targets, a new ticket key. ` +
						'Open it in the console under 设置 › 大会 when it is ready.'
				);
				return 0;
			} catch (error) {
				if (error instanceof EditionFileInvalid) {
					err(`conference import: nothing imported; ${first} has these problems:`);
					for (const problem of error.problems) err(problemLine(problem));
					return 1;
				}
				if (error instanceof AppError) {
					err(`conference import: nothing imported; ${error.message}`);
					return 1;
				}
				throw error;
			} finally {
				await close();
			}
		}
		const { db, close } = await createDb(config.database);
		try {
			const document = await exportEdition(db, first!);
			// `wx`: never overwrite a file someone may still need.
			writeFileSync(second!, `${JSON.stringify(document, null, '\t')}\n`, { flag: 'wx' });
			out(
				`wrote ${document.edition.id} to ${second}: ${document.categories.length} categories, ` +
					`${document.gates.length} gates, ${document.targets.length} targets ` +
					'(no registrations, tickets, keys or deals)'
			);
			return 0;
		} catch (error) {
			if (error instanceof AppError) {
				err(`conference export: ${error.message}`);
				return 1;
			}
			if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
				err(`conference export: ${second} already exists; choose a new file name`);
				return 2;
			}
			throw error;
		} finally {
			await close();
		}
	}
};
