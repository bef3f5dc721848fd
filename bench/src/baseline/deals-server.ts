import { appendToLedger, LedgerRefusal } from '@huizhan/db';
import { parseYuan, type DealFacts } from '@huizhan/ledger';
import { Refusal, serveJsonPost } from './json-post-server.ts';

/*
 * POST /api/trpc/deals.record with nothing but node:http: the same ledger write as the admin
 * app's `deals.record` — `appendToLedger` through the same group commit, on the same kind of
 * database, synchronous = FULL — and an answer of the same shape. No session, no tRPC, no zod,
 * no replay lookup, no reference checks and no audit row: what the admin app loses against this
 * server is what those and SvelteKit cost per deal. Configured like the apps: PORT, HOST,
 * DATABASE_PATH.
 */

/** The body the bench sends: the amount as typed, the optional facts left out (zod's defaults). */
interface RecordRequest {
	requestId: string;
	facts: Omit<DealFacts, 'totalInvestment' | OptionalFact> &
		Partial<Pick<DealFacts, OptionalFact>> & { totalInvestment: string | number };
}
type OptionalFact = 'foreignCurrency' | 'foreignAmount' | 'exchangeRate' | 'notes';

await serveJsonPost('deals-server', '/api/trpc/deals.record', ({ writes }) => {
	// As the app does: a busy moment's writes share one durable commit.
	return async (body) => {
		const input = body as RecordRequest;
		const { totalInvestment, ...facts } = input.facts;
		const amount =
			typeof totalInvestment === 'number'
				? { ok: true as const, value: totalInvestment }
				: parseYuan(totalInvestment);
		if (!amount.ok) throw new Refusal(400, { error: 'invalid amount' });
		const now = new Date().toISOString();
		try {
			const { entry, deal } = await writes.run((tx) =>
				appendToLedger(tx, {
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
			);
			const countedAmount = deal.tranches.reduce((sum, t) => sum + t.amount, 0);
			return {
				status: 200,
				body: { result: { data: { entry, deal: { ...deal, countedAmount }, replayed: false } } }
			};
		} catch (error) {
			if (error instanceof LedgerRefusal) throw new Refusal(400, { error: error.reason });
			throw error;
		}
	};
});
