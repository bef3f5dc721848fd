import { createServer } from 'node:http';
import { AppError, register } from '@huizhan/api';
import { createDb, groupCommitFor } from '@huizhan/db';

/*
 * POST /api/trpc/registration.register with nothing but node:http: the same `register` the
 * attendee app's procedure calls, through the same group commit — one IMMEDIATE transaction with the duplicate check, the seat
 * count and the insert, on the same kind of database — and an answer of the same shape. No
 * tRPC, no zod (the mobile arrives as the bench sends it and is taken as E.164 by prefixing
 * +86), no per-address limit: what the app loses against this is what those and SvelteKit cost
 * per registration. Configured like the apps: PORT, HOST, DATABASE_PATH.
 */

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const databasePath = process.env.DATABASE_PATH;
if (!Number.isInteger(port) || port <= 0 || !databasePath) {
	console.error('registrations-server: set PORT and DATABASE_PATH');
	process.exit(2);
}

const database = createDb({ path: databasePath, migrate: false });
const PATH = '/api/trpc/registration.register';
// As the app does: a busy moment's registrations share one durable commit.
const writes = groupCommitFor(database.sqlite);

interface RegisterRequest {
	conferenceId: string;
	category: 'visitor' | 'delegate' | 'exhibitor' | 'media' | 'vip';
	name: string;
	organisation: string;
	title?: string;
	mobile: string;
	email?: string;
}

const server = createServer((request, response) => {
	const answer = (status: number, body: unknown) => {
		response.writeHead(status, { 'content-type': 'application/json' });
		response.end(JSON.stringify(body));
	};
	if (request.method === 'GET' && request.url === '/healthz') return answer(200, { ok: true });
	if (request.method !== 'POST' || request.url !== PATH) return answer(404, { error: 'not found' });

	const chunks: Buffer[] = [];
	request.on('data', (chunk: Buffer) => chunks.push(chunk));
	request.on('end', () => {
		let input: RegisterRequest;
		try {
			input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RegisterRequest;
		} catch {
			return answer(400, { error: 'invalid JSON' });
		}
		writes
			.run(() =>
				register(
					database.db,
					{
						conferenceId: input.conferenceId,
						category: input.category,
						name: input.name,
						organisation: input.organisation,
						title: input.title ?? '',
						mobile: `+86${input.mobile}`,
						email: input.email || null,
						country: 'CN',
						language: 'zh-CN',
						consent: true
					},
					new Date()
				)
			)
			.then(
				(outcome) => answer(200, { result: { data: outcome } }),
				(error: unknown) => {
					if (error instanceof AppError)
						return answer(409, { error: { data: { reason: error.reason } } });
					answer(500, { error: error instanceof Error ? error.message : String(error) });
				}
			);
	});
});

server.listen(port, host, () =>
	console.error(`registrations-server: listening on ${host}:${port}`)
);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		server.close();
		server.closeAllConnections();
		database.close();
	});
}
