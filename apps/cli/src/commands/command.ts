import type { readConfig } from '../env.ts';

export interface CommandContext {
	config: ReturnType<typeof readConfig>;
	args: string[];
	flags: Record<string, string | boolean | (string | boolean)[] | undefined>;
	out: (line: string) => void;
	err: (line: string) => void;
	/** Where a password is read from (a prompt or a pipe). */
	stdin: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface Command {
	/** One line for `huizhan help`. */
	usage: string;
	/** Returns the process exit code. */
	run(context: CommandContext): number | Promise<number>;
}
