import { createServer } from 'node:http';
import { appendToLedger, createDb, groupCommitFor, LedgerRefusal } from '@huizhan/db';
import { parseYuan, type DealFacts } from '@huizhan/ledger';

/*
 * POST /api/trpc/deals.record with nothing but node:http: the same ledger write as the admin
 * app's `deals.record` — `appendToLedger` through the same group commit, on the same kind of
 * database, synchronous = FULL — and an answer of the same shape. No session, no tRPC, no zod,
 * no replay lookup, no reference checks and no audit row: what the admin app loses against this
 * server is what those and SvelteKit cost per deal. Configured like the apps: PORT, HOST,
 * DATABASE_PATH.
 */

const port = Number(process.env.PORT);
const host = process.env.HOST ?? '127.0.0.1';
const databasePath = process.env.DATABASE_PATH;
if (!Number.isInteger(port) || port <= 0 || !databasePath) {
	console.error('deals-server: set PORT and DATABASE_PATH');
	process.exit(2);
}

// The bench hands over a migrated database with the demo chains and units, as the app gets.
const database = createDb({ path: databasePath, migrate: false });
const PATH = '/api/trpc/deals.record';
// As the app does: a busy moment's writes share one durable commit.
const writes = groupCommitFor(database.sqlite);

/** The body the bench sends: the amount as typed, the optional facts left out (zod's defaults). */
interface RecordRequest {
	requestId: string;
	facts: Omit<DealFacts, 'totalInvestment' | OptionalFact> &
		Partial<Pick<DealFacts, OptionalFact>> & { totalInvestment: string | number };
}
type OptionalFact = 'foreignCurrency' | 'foreignAmount' | 'exchangeRate' | 'notes';

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
		let input: RecordRequest;
		try {
			input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as RecordRequest;
		} catch {
			return answer(400, { error: 'invalid JSON' });
		}
		const { totalInvestment, ...facts } = input.facts;
		const amount =
			typeof totalInvestment === 'number'
				? { ok: true as const, value: totalInvestment }
				: parseYuan(totalInvestment);
		if (!amount.ok) return answer(400, { error: 'invalid amount' });
		const now = new Date().toISOString();
		writes
			.run(() =>
				appendToLedger(database.db, {
					dealId: null,
					event: {
						type: 'signed',
						facts: {
							...facts,
							totalInvestment: amount.value,
							foreignCurrency: facts.foreignCurrency ?? null,
							foreignAmount: facts.foreignAmount ?? null,
							exchangeRate: facts.exchangeRate ?? null,
							notes: facts.notes ?? ''
						}
					},
					occurredOn: facts.signedOn,
					recordedAt: now,
					recordedBy: 'recorder',
					requestId: input.requestId
				})
			)
			.then(
				({ entry, deal }) => {
					const countedAmount = deal.tranches.reduce((sum, t) => sum + t.amount, 0);
					answer(200, {
						result: { data: { entry, deal: { ...deal, countedAmount }, replayed: false } }
					});
				},
				(error: unknown) => {
					if (error instanceof LedgerRefusal) return answer(400, { error: error.reason });
					answer(500, { error: error instanceof Error ? error.message : String(error) });
				}
			);
	});
});

server.listen(port, host, () => console.error(`deals-server: listening on ${host}:${port}`));

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		server.close();
		server.closeAllConnections();
		database.close();
	});
}
