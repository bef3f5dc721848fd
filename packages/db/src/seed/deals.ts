import { count } from 'drizzle-orm';
import type { DealEvent } from '@huizhan/ledger';
import type { Db } from '../types.ts';
import { lockedTransaction, tables } from '../tables.ts';
import { appendToLedger, LEDGER_LOCK } from '../ledger/append.ts';
import { assertDemoDatabase } from '../installation.ts';
import { beijingDay } from './current-editions.ts';
import { currentEditionsAt } from './demo-data.ts';
import { currentDemoDeals, demoDeals, yiToYuan } from './demo-deals.ts';

interface Step {
	on: string;
	/** Index of the demo deal; its id is known once its signing has been appended. */
	deal: number;
	event: (dealId: string | null) => { dealId: string | null; event: DealEvent };
}

/**
 * Records the demo deals (2024's, and a few in progress before `now`'s Beijing day at the
 * current editions) through the ledger itself — real entries, hashes and projection — in
 * date order, so "as of" replays show the totals climbing as they did. Only into an empty
 * ledger: the ledger is append-only, so a second run adds nothing.
 */
export async function seedDemoDeals(db: Db, now: Date = new Date()): Promise<number> {
	return lockedTransaction(db, [LEDGER_LOCK], async (tx) => {
		const { industryChains, ledgerEntries, responsibleUnits } = tables(tx);
		await assertDemoDatabase(tx, 'demo data');
		const [entries] = await tx.select({ n: count() }).from(ledgerEntries);
		if ((entries?.n ?? 0) > 0) return 0;
		const chainId = new Map((await tx.select().from(industryChains)).map((c) => [c.nameZh, c.id]));
		const unitId = new Map((await tx.select().from(responsibleUnits)).map((u) => [u.nameZh, u.id]));

		const current = currentEditionsAt(now);
		const idOf = (series: string) => current.find((e) => e.series === series)!.id;
		const deals = [
			...demoDeals,
			...currentDemoDeals(beijingDay(now), idOf('wsc'), idOf('diamond'))
		];
		const steps: Step[] = [];
		deals.forEach((d, index) => {
			const chain = chainId.get(d.chain);
			const unit = unitId.get(d.unit);
			if (chain === undefined || unit === undefined)
				throw new Error(`demo deal ${d.projectName}: unknown chain or unit`);
			steps.push({
				on: d.signedOn,
				deal: index,
				event: () => ({
					dealId: null,
					event: {
						type: 'signed',
						facts: {
							projectName: d.projectName,
							investor: d.investor,
							investorOrigin: d.origin,
							chainId: chain,
							unitId: unit,
							signingEvent: d.event,
							signedOn: d.signedOn,
							agreementType: d.agreement,
							totalInvestment: yiToYuan(d.yi),
							foreignCurrency: null,
							foreignAmount: null,
							exchangeRate: null,
							notes: ''
						}
					}
				})
			});
			for (const f of d.then ?? []) {
				if ('upgrade' in f)
					steps.push({
						on: f.upgrade,
						deal: index,
						event: (id) => ({ dealId: id, event: { type: 'upgraded', on: f.upgrade } })
					});
				else if ('increase' in f)
					steps.push({
						on: f.on,
						deal: index,
						event: (id) => ({
							dealId: id,
							event: {
								type: 'increased',
								amount: yiToYuan(f.increase),
								signingEvent: f.event,
								signedOn: f.on,
								note: '追加投资'
							}
						})
					});
				else if ('advance' in f)
					steps.push({
						on: f.on,
						deal: index,
						event: (id) => ({
							dealId: id,
							event: { type: 'advanced', stage: f.advance, on: f.on }
						})
					});
				else
					steps.push({
						on: d.signedOn,
						deal: index,
						event: (id) => ({ dealId: id, event: { type: 'voided', reason: f.void } })
					});
			}
		});
		// Stable sort: same-day steps keep their order (a deal's signing before its follow-ups).
		steps.sort((a, b) => a.on.localeCompare(b.on));

		const ids = new Map<number, string>();
		for (const [n, step] of steps.entries()) {
			const { dealId, event } = step.event(ids.get(step.deal) ?? null);
			const recordedAt = new Date(
				new Date(`${step.on}T10:00:00+08:00`).getTime() + n * 60_000
			).toISOString();
			const { entry } = await appendToLedger(tx, {
				dealId,
				event,
				occurredOn: step.on,
				recordedAt,
				recordedBy: 'recorder',
				requestId: `demo-${n + 1}`
			});
			ids.set(step.deal, entry.dealId);
		}
		return steps.length;
	});
}
