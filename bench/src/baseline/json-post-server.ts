import { createServer, type IncomingMessage } from 'node:http';
import { createDb, type DbHandle } from '@huizhan/db';

/** What a handler answers: an HTTP status and a JSON body. */
export interface Answer {
	status: number;
	body: unknown;
}

/** A refusal a handler throws on purpose: answered with its status, not as a 500. */
export class Refusal extends Error {
	constructor(
		readonly status: number,
		readonly body: unknown
	) {
		super(`refused with ${status}`);
	}
}

/**
 * The skeleton every bare write baseline shares: configured like the apps (PORT, HOST,
 * DATABASE_PATH, on a database the bench has migrated), `GET /healthz` for the bench's start-up
 * check, one `POST <path>` whose JSON body goes to `handle`, and a clean stop on SIGINT/SIGTERM.
 * Bodies that are not JSON get 400; anything `handle` throws but a `Refusal`, a 500.
 */
export async function serveJsonPost(
	name: string,
	path: string,
	handle: (database: DbHandle) => (body: unknown, request: IncomingMessage) => Promise<Answer>
): Promise<void> {
	const port = Number(process.env.PORT);
	const host = process.env.HOST ?? '127.0.0.1';
	const databasePath = process.env.DATABASE_PATH;
	if (!Number.isInteger(port) || port <= 0 || !databasePath) {
		console.error(`${name}: set PORT and DATABASE_PATH`);
		process.exit(2);
	}
	const database = await createDb({ path: databasePath, migrate: false });
	const handler = handle(database);

	const server = createServer((request, response) => {
		const answer = ({ status, body }: Answer) => {
			response.writeHead(status, { 'content-type': 'application/json' });
			response.end(JSON.stringify(body));
		};
		if (request.method === 'GET' && request.url === '/healthz')
			return answer({ status: 200, body: { ok: true } });
		if (request.method !== 'POST' || request.url !== path)
			return answer({ status: 404, body: { error: 'not found' } });
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			let body: unknown;
			try {
				body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
			} catch {
				return answer({ status: 400, body: { error: 'invalid JSON' } });
			}
			handler(body, request).then(answer, (error: unknown) =>
				answer(
					error instanceof Refusal
						? { status: error.status, body: error.body }
						: {
								status: 500,
								body: { error: error instanceof Error ? error.message : String(error) }
							}
				)
			);
		});
	});

	server.listen(port, host, () => console.error(`${name}: listening on ${host}:${port}`));

	for (const signal of ['SIGINT', 'SIGTERM'] as const) {
		process.once(signal, async () => {
			server.close();
			server.closeAllConnections();
			await database.close();
		});
	}
}
