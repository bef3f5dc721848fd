import { parseArgs } from 'node:util';
import { readConfig } from './env.ts';
import type { Command, CommandContext } from './commands/command.ts';
import { backup } from './commands/backup.ts';
import { restore } from './commands/restore.ts';
import { migrate } from './commands/migrate.ts';
import { seed } from './commands/seed.ts';
import { user } from './commands/user.ts';
import { ledger } from './commands/ledger.ts';
import { keys } from './commands/keys.ts';
import { conference } from './commands/conference.ts';
import { copy } from './commands/copy.ts';

export const commands: Record<string, Command> = {
	migrate,
	seed,
	backup,
	restore,
	user,
	ledger,
	keys,
	conference,
	copy
};

export function usage(): string {
	return [
		'usage: pnpm huizhan <command>',
		'',
		...Object.values(commands).map((c) => `  ${c.usage}`),
		'',
		'The database is PostgreSQL when DATABASE_URL is set (postgres://…, DATABASE_POOL_SIZE connections), else the SQLite file DATABASE_PATH (default data/huizhan.db).'
	].join('\n');
}

/** Runs one command line; returns the exit code. Separate from `main.ts` so tests call it. */
export async function runCli(
	argv: string[],
	io: Pick<CommandContext, 'out' | 'err'> & Partial<Pick<CommandContext, 'stdin'>>,
	env: NodeJS.ProcessEnv = process.env
): Promise<number> {
	const [name, ...rest] = argv;
	if (!name || name === 'help' || name === '--help' || name === '-h') {
		io.out(usage());
		return name ? 0 : 2;
	}
	const command = commands[name];
	if (!command) {
		io.err(`unknown command "${name}"\n\n${usage()}`);
		return 2;
	}
	let parsed;
	try {
		parsed = parseArgs({
			args: rest,
			allowPositionals: true,
			strict: true,
			options: {
				demo: { type: 'boolean' },
				role: { type: 'string', multiple: true },
				name: { type: 'string' },
				head: { type: 'string' },
				id: { type: 'string' },
				prefix: { type: 'string' }
			}
		});
	} catch (error) {
		io.err(`${name}: ${(error as Error).message}`);
		return 2;
	}
	let config: ReturnType<typeof readConfig>;
	try {
		config = readConfig(env);
	} catch (error) {
		// A malformed setting (DATABASE_URL, DATABASE_POOL_SIZE): what to write instead.
		io.err(`${name}: ${(error as Error).message}`);
		return 2;
	}
	return command.run({
		config,
		args: parsed.positionals,
		flags: parsed.values,
		stdin: process.stdin,
		...io
	});
}
