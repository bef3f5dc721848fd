import { createInterface } from 'node:readline';

/**
 * The password for a new account: typed at a hidden prompt when a person is at the terminal
 * (twice, to catch a typo), or the first line of stdin when piped — never a command-line
 * argument, which would land in the shell history and the process list.
 */
export async function readPassword(
	stdin: NodeJS.ReadableStream & { isTTY?: boolean },
	prompt: string
): Promise<string | null> {
	if (!stdin.isTTY) {
		const chunks: Buffer[] = [];
		for await (const chunk of stdin) chunks.push(Buffer.from(chunk as Buffer));
		const firstLine = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
		return firstLine.length > 0 ? firstLine : null;
	}
	const first = await hiddenQuestion(stdin, prompt);
	const second = await hiddenQuestion(stdin, 'again: ');
	if (first !== second) {
		process.stderr.write('the two passwords differ\n');
		return null;
	}
	return first || null;
}

function hiddenQuestion(input: NodeJS.ReadableStream, prompt: string): Promise<string> {
	return new Promise((resolve) => {
		const rl = createInterface({ input, output: process.stderr, terminal: true });
		// Echo nothing of what is typed.
		(rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
			if (s.includes(prompt)) process.stderr.write(prompt);
		};
		rl.question(prompt, (answer) => {
			rl.close();
			process.stderr.write('\n');
			resolve(answer);
		});
	});
}
