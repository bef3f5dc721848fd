import { createServer } from 'node:http';
import { createDb, databaseAnswers } from '@huizhan/db';

/*
 * GET /healthz with nothing but node:http: the same query on the same database file, and the same
 * status, headers and body as the admin app's route (packages/api `healthResponse`). What the
 * admin app loses against this server is what SvelteKit and our hooks cost per request.
 * Configured like the apps: PORT, HOST, DATABASE_PATH.
 */

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const databasePath = process.env.DATABASE_PATH;
if (!Number.isInteger(port) || port <= 0 || !databasePath) {
	console.error('healthz-server: set PORT and DATABASE_PATH');
	process.exit(2);
}

// The bench hands over a migrated database, which the admin app has open too; this only reads.
const database = await createDb({ path: databasePath, migrate: false });

const server = createServer(async (request, response) => {
	if (request.method !== 'GET' || request.url !== '/healthz') {
		response.writeHead(404).end();
		return;
	}
	const ok = await databaseAnswers(database.db);
	response.writeHead(ok ? 200 : 503, {
		'content-type': 'application/json',
		'cache-control': 'no-store'
	});
	response.end(JSON.stringify({ ok }));
});

server.listen(port, host, () => console.error(`healthz-server: listening on ${host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, async () => {
		server.close();
		server.closeAllConnections();
		await database.close();
	});
}
