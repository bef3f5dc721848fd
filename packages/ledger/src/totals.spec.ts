import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import type { DealFacts } from './deals.ts';
import { foldLedger } from './fold.ts';
import { YI } from './money.ts';
import { countedAmount } from './state.ts';
import {
	arbitraryHistory,
	historyOf,
	SAMPLE_SIGNING_EVENTS,
	sampleFacts,
	type HistoryStep
} from './testing.ts';
import { computeTotals, totalsAsOf, type TotalsLine } from './totals.ts';

const sign = (dealId: string, facts: Partial<DealFacts>): HistoryStep => ({
	dealId,
	event: { type: 'signed', facts: sampleFacts(facts) }
});

const line = (contract: number, includingFramework: number, deals: number): TotalsLine => ({
	contract,
	includingFramework,
	deals
});

const sumOf = (lines: Record<string | number, TotalsLine>) =>
	Object.values(lines).reduce(
		(sum, l) =>
			line(
				sum.contract + l.contract,
				sum.includingFramework + l.includingFramework,
				sum.deals + l.deals
			),
		line(0, 0, 0)
	);

describe('computeTotals', () => {
	const entries = historyOf([
		sign('contract', {
			totalInvestment: 100 * YI,
			chainId: 1,
			unitId: 7,
			investorOrigin: 'overseas'
		}),
		sign('framework', {
			totalInvestment: 30 * YI,
			agreementType: 'framework',
			chainId: 2,
			signingEvent: 'diamond-2024'
		}),
		sign('intent', { totalInvestment: 20 * YI, agreementType: 'intent', chainId: 2 }),
		sign('voided', { totalInvestment: 999 * YI }),
		{ dealId: 'voided', event: { type: 'voided', reason: '重复录入' } },
		{
			dealId: 'framework',
			event: {
				type: 'increased',
				amount: 5 * YI,
				signingEvent: 'wsc-2024',
				signedOn: '2024-09-06',
				note: '增资'
			}
		},
		{ dealId: 'contract', event: { type: 'advanced', stage: 'started', on: '2024-12-01' } }
	]);
	const totals = computeTotals(foldLedger(entries));

	test('counts contracts alone and with framework and intent agreements', () => {
		expect(totals).toMatchObject({
			contract: 100 * YI,
			includingFramework: 155 * YI,
			deals: 3,
			contractDeals: 1
		});
		expect(totals.byAgreement).toEqual({
			contract: line(100 * YI, 100 * YI, 1),
			framework: line(0, 35 * YI, 1),
			intent: line(0, 20 * YI, 1)
		});
	});

	test('leaves voided deals out of every figure', () => {
		expect(sumOf(totals.byChain)).toEqual(line(100 * YI, 155 * YI, 3));
		expect(totals.byUnit).toEqual({ 1: line(0, 55 * YI, 2), 7: line(100 * YI, 100 * YI, 1) });
	});

	test('credits an increase to the event where it was signed, not where the deal was', () => {
		expect(totals.byEvent).toEqual({
			'wsc-2024': line(100 * YI, 125 * YI, 2),
			'diamond-2024': line(0, 30 * YI, 1)
		});
		expect(totals.byChain).toEqual({ 1: line(100 * YI, 100 * YI, 1), 2: line(0, 55 * YI, 2) });
	});

	test('counts a deal as landed once it landed or went further, and 百亿级 from 100亿', () => {
		expect(totals).toMatchObject({
			landedAmount: 100 * YI,
			landedDeals: 1,
			hundredYiDeals: 1,
			hundredYiLanded: 1
		});
		expect(totals.byStage).toEqual({
			signed: line(0, 55 * YI, 2),
			landed: line(0, 0, 0),
			started: line(100 * YI, 100 * YI, 1),
			in_production: line(0, 0, 0)
		});
		expect(totals.byOrigin.overseas).toEqual(line(100 * YI, 100 * YI, 1));
	});

	test('a signing event filter keeps the tranches signed there, and the deals first signed there', () => {
		const state = foldLedger(entries);
		expect(computeTotals(state, { signingEvent: 'wsc-2024' })).toMatchObject({
			contract: 100 * YI,
			includingFramework: 125 * YI,
			deals: 2,
			byAgreement: { framework: line(0, 5 * YI, 0) }
		});
		expect(computeTotals(state, { signingEvent: 'diamond-2024' })).toMatchObject({
			includingFramework: 30 * YI,
			deals: 1,
			byEvent: { 'diamond-2024': line(0, 30 * YI, 1) }
		});
	});

	test('other filters select deals by their current facts', () => {
		const state = foldLedger(entries);
		expect(computeTotals(state, { chainId: 2 })).toMatchObject({
			includingFramework: 55 * YI,
			deals: 2
		});
		expect(computeTotals(state, { agreementType: 'contract', stage: 'started' })).toMatchObject({
			deals: 1
		});
		expect(computeTotals(state, { investorOrigin: 'out_of_province' })).toMatchObject({
			deals: 0,
			includingFramework: 0
		});
		expect(computeTotals(state, { unitId: 7, stage: 'signed' }).deals).toBe(0);
	});

	test('an upgrade leaves the total with framework unchanged and moves the amount into contracts', () => {
		const withUpgradable = arbitraryHistory()
			.map((history) => ({ history, state: foldLedger(history) }))
			.filter(({ state }) =>
				[...state.deals.values()].some((d) => !d.voided && d.facts.agreementType !== 'contract')
			);
		fc.assert(
			fc.property(withUpgradable, fc.nat(), ({ state }, pick) => {
				const upgradable = [...state.deals.values()].filter(
					(d) => !d.voided && d.facts.agreementType !== 'contract'
				);
				const deal = upgradable[pick % upgradable.length]!;
				const upgraded = historyOf(
					[{ dealId: deal.id, event: { type: 'upgraded', on: '2024-12-01' } }],
					{
						from: state
					}
				);
				const before = computeTotals(state);
				const after = computeTotals(foldLedger(upgraded, state));
				expect(after.includingFramework).toBe(before.includingFramework);
				expect(after.contract).toBe(before.contract + countedAmount(deal));
				expect(after.contractDeals).toBe(before.contractDeals + 1);
				expect(after.deals).toBe(before.deals);
			})
		);
	});

	test('every breakdown adds up to the totals', () => {
		fc.assert(
			fc.property(arbitraryHistory(), (history) => {
				const state = foldLedger(history);
				const totals = computeTotals(state);
				const whole = line(totals.contract, totals.includingFramework, totals.deals);
				for (const lines of [
					totals.byEvent,
					totals.byChain,
					totals.byUnit,
					totals.byAgreement,
					totals.byStage,
					totals.byOrigin
				])
					expect(sumOf(lines)).toEqual(whole);
				const perEvent = SAMPLE_SIGNING_EVENTS.map((signingEvent) =>
					computeTotals(state, { signingEvent })
				);
				expect(perEvent.reduce((sum, t) => sum + t.includingFramework, 0)).toBe(
					totals.includingFramework
				);
				expect(perEvent.reduce((sum, t) => sum + t.deals, 0)).toBe(totals.deals);
			})
		);
	});
});

describe('totalsAsOf', () => {
	const entries = historyOf(
		[
			sign('d1', { totalInvestment: 10 * YI }),
			sign('d2', { totalInvestment: 20 * YI }),
			{ dealId: 'd1', event: { type: 'voided', reason: '重复录入' } }
		],
		{
			recordedAt: (i) =>
				['2024-09-05T02:00:00Z', '2024-09-05T02:00:00.500Z', '2024-09-05T03:00:00Z'][i]!
		}
	);

	test('leaves out an entry recorded after the instant', () => {
		expect(totalsAsOf(entries, '2024-09-05T02:00:00.499Z').includingFramework).toBe(10 * YI);
		expect(totalsAsOf(entries, '2024-09-05T02:59:59Z').includingFramework).toBe(30 * YI);
		expect(totalsAsOf(entries, '2024-09-05T03:00:00Z').includingFramework).toBe(20 * YI);
		expect(totalsAsOf(entries, '2024-09-05T01:00:00Z').deals).toBe(0);
	});

	test('compares instants as times, whatever their written form', () => {
		expect(totalsAsOf(entries, '2024-09-05T10:00:00.499+08:00').includingFramework).toBe(10 * YI);
		expect(() => totalsAsOf(entries, 'now')).toThrow(RangeError);
	});

	test('replays exactly the ledger as it stood after each entry', () => {
		fc.assert(
			fc.property(arbitraryHistory(), (history) => {
				history.forEach((entry, index) => {
					expect(totalsAsOf(history, entry.recordedAt)).toEqual(
						computeTotals(foldLedger(history.slice(0, index + 1)))
					);
				});
			}),
			{ numRuns: 30 }
		);
	});
});
