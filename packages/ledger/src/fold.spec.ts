import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { sealEntry } from './chain.ts';
import type { LedgerEntry } from './deals.ts';
import { AGREEMENT_TYPES } from './deals.ts';
import { applyEntry, deltaOf, foldLedger, LedgerError } from './fold.ts';
import { YI } from './money.ts';
import {
	becameContractOn,
	countedAmount,
	emptyLedger,
	type DealState,
	type LedgerState
} from './state.ts';
import { arbitraryHistory, historyOf, sampleFacts, type HistoryStep } from './testing.ts';
import { computeTotals } from './totals.ts';

/** A copy sharing nothing with `state`; its deals are plain JSON data. */
const deepCopy = (state: LedgerState): LedgerState => ({
	...state,
	deals: new Map(
		[...state.deals].map(([id, deal]) => [id, JSON.parse(JSON.stringify(deal)) as DealState])
	)
});

/** Cut points that split a history into consecutive batches. */
const arbitraryBatches = arbitraryHistory().chain((entries) =>
	fc.uniqueArray(fc.integer({ min: 0, max: entries.length }), { maxLength: 6 }).map((cuts) => {
		const bounds = [0, ...cuts.sort((a, b) => a - b), entries.length];
		return { entries, batches: bounds.slice(1).map((end, i) => entries.slice(bounds[i], end)) };
	})
);

describe('folding in batches', () => {
	test('gives the same state and totals whatever batches the entries arrive in', () => {
		fc.assert(
			fc.property(arbitraryBatches, ({ entries, batches }) => {
				const whole = foldLedger(entries);
				const batched = batches.reduce((state, batch) => foldLedger(batch, state), emptyLedger());
				expect(batched).toEqual(whole);
				expect(computeTotals(batched)).toEqual(computeTotals(whole));
			})
		);
	});

	test('one entry at a time gives the same state as one fold', () => {
		fc.assert(
			fc.property(arbitraryHistory(), (entries) => {
				expect(entries.reduce(applyEntry, emptyLedger())).toEqual(foldLedger(entries));
			})
		);
	});

	test('never changes the state it folds from', () => {
		fc.assert(
			fc.property(arbitraryBatches, ({ batches }) => {
				let state = emptyLedger();
				for (const batch of batches) {
					const before = deepCopy(state);
					const next = foldLedger(batch, state);
					expect(state).toEqual(before);
					state = next;
				}
			})
		);
	});

	test('the entries’ deltas always add up to the totals', () => {
		fc.assert(
			fc.property(arbitraryHistory(), (entries) => {
				const totals = computeTotals(foldLedger(entries));
				let contract = 0;
				let all = 0;
				for (const { delta } of entries) {
					contract += delta.contract;
					all += delta.contract + delta.framework + delta.intent;
				}
				expect({ contract, all }).toEqual({
					contract: totals.contract,
					all: totals.includingFramework
				});
			})
		);
	});
});

describe('what an event does to a deal', () => {
	test('a void restores the totals exactly to what they were before the deal was signed', () => {
		const dealId = 'new-deal';
		const laterSteps: Record<string, HistoryStep> = {
			increase: {
				dealId,
				event: {
					type: 'increased',
					amount: 3 * YI,
					signingEvent: 'everyday',
					signedOn: '2024-12-01',
					note: ''
				}
			},
			upgrade: { dealId, event: { type: 'upgraded', on: '2024-11-01' } },
			advance: { dealId, event: { type: 'advanced', stage: 'landed', on: '2024-12-15' } },
			amend: {
				dealId,
				event: { type: 'amended', changes: { totalInvestment: 7 * YI, chainId: 2 }, reason: '更正' }
			}
		};
		fc.assert(
			fc.property(
				arbitraryHistory(),
				fc.constantFrom(...AGREEMENT_TYPES),
				fc.subarray(Object.keys(laterSteps)),
				(entries, agreementType, later) => {
					const before = foldLedger(entries);
					const steps: HistoryStep[] = [
						{ dealId, event: { type: 'signed', facts: sampleFacts({ agreementType }) } },
						...later
							.filter((kind) => kind !== 'upgrade' || agreementType !== 'contract')
							.map((kind) => laterSteps[kind]!),
						{ dealId, event: { type: 'voided', reason: '重复录入' } }
					];
					const after = foldLedger(historyOf(steps, { from: before }), before);
					expect(computeTotals(after)).toEqual(computeTotals(before));
				}
			)
		);
	});

	test('an amendment changes only its own deal', () => {
		const withLiveDeal = arbitraryHistory()
			.map((entries) => ({ entries, state: foldLedger(entries) }))
			.filter(({ state }) => [...state.deals.values()].some((deal) => !deal.voided));
		fc.assert(
			fc.property(withLiveDeal, fc.nat(), ({ entries, state }, pick) => {
				const live = [...state.deals.values()].filter((deal) => !deal.voided);
				const target = live[pick % live.length]!;
				const { totalInvestment } = target.facts;
				const corrected = totalInvestment > 1 ? totalInvestment - 1 : 2;
				const [amendment] = historyOf(
					[
						{
							dealId: target.id,
							event: {
								type: 'amended',
								changes: { notes: `更正 ${pick}`, totalInvestment: corrected },
								reason: '更正'
							}
						}
					],
					{ from: state }
				);
				const after = foldLedger([amendment!], state);
				for (const [id, deal] of state.deals)
					if (id !== target.id) expect(after.deals.get(id)).toBe(deal);
				expect(after.deals.get(target.id)?.version).toBe(target.version + 1);
				expect(countedAmount(after.deals.get(target.id)!)).toBe(
					countedAmount(target) - totalInvestment + corrected
				);
				expect(foldLedger([...entries, amendment!])).toEqual(after);
			})
		);
	});

	test('an amendment of the amount or signing event re-credits the original tranche', () => {
		const state = foldLedger(
			historyOf([
				{
					dealId: 'd1',
					event: { type: 'signed', facts: sampleFacts({ totalInvestment: 10 * YI }) }
				},
				{
					dealId: 'd1',
					event: {
						type: 'increased',
						amount: 2 * YI,
						signingEvent: 'everyday',
						signedOn: '2024-10-01',
						note: ''
					}
				},
				{
					dealId: 'd1',
					event: {
						type: 'amended',
						changes: {
							totalInvestment: 12 * YI,
							signingEvent: 'diamond-2024',
							signedOn: '2024-06-01'
						},
						reason: '录入错误'
					}
				}
			])
		);
		expect(state.deals.get('d1')?.tranches).toEqual([
			{
				seq: 1,
				kind: 'original',
				signingEvent: 'diamond-2024',
				signedOn: '2024-06-01',
				amount: 12 * YI
			},
			{ seq: 2, kind: 'increase', signingEvent: 'everyday', signedOn: '2024-10-01', amount: 2 * YI }
		]);
	});

	test('correcting an upgraded contract back to a framework agreement forgets the upgrade', () => {
		const steps: HistoryStep[] = [
			{
				dealId: 'd1',
				event: { type: 'signed', facts: sampleFacts({ agreementType: 'framework' }) }
			},
			{ dealId: 'd1', event: { type: 'upgraded', on: '2024-10-01' } }
		];
		const upgraded = foldLedger(historyOf(steps)).deals.get('d1')!;
		expect([upgraded.upgradedOn, becameContractOn(upgraded)]).toEqual(['2024-10-01', '2024-10-01']);
		const corrected = foldLedger(
			historyOf([
				...steps,
				{
					dealId: 'd1',
					event: {
						type: 'amended',
						changes: { agreementType: 'framework' },
						reason: '升级录入错误'
					}
				}
			])
		).deals.get('d1')!;
		expect([corrected.upgradedOn, becameContractOn(corrected)]).toEqual([null, null]);
	});

	test('a deal corrected to a contract counts as a contract from its signing date', () => {
		const deal = foldLedger(
			historyOf([
				{
					dealId: 'd1',
					event: { type: 'signed', facts: sampleFacts({ agreementType: 'intent' }) }
				},
				{
					dealId: 'd1',
					event: { type: 'amended', changes: { agreementType: 'contract' }, reason: '实为正式合同' }
				}
			])
		).deals.get('d1')!;
		expect([deal.upgradedOn, becameContractOn(deal)]).toEqual([null, sampleFacts().signedOn]);
	});

	test('records who touched a deal last and how many entries it has', () => {
		const state = foldLedger(
			historyOf(
				[
					{ dealId: 'd1', event: { type: 'signed', facts: sampleFacts() } },
					{ dealId: 'd2', event: { type: 'signed', facts: sampleFacts() } },
					{ dealId: 'd1', event: { type: 'advanced', stage: 'landed', on: '2024-10-08' } }
				],
				{ recordedBy: (i) => `staff-${i}`, recordedAt: (i) => `2024-09-05T0${i}:00:00.000Z` }
			)
		);
		expect(state.deals.get('d1')).toMatchObject({
			stage: 'landed',
			stageDates: { landed: '2024-10-08' },
			version: 2,
			firstSeq: 1,
			lastSeq: 3,
			lastRecordedAt: '2024-09-05T02:00:00.000Z',
			lastRecordedBy: 'staff-2'
		});
		expect(state.headSeq).toBe(3);
	});
});

describe('deltas', () => {
	const framework = foldLedger(
		historyOf([
			{
				dealId: 'd1',
				event: {
					type: 'signed',
					facts: sampleFacts({ agreementType: 'framework', totalInvestment: 10 * YI })
				}
			},
			{
				dealId: 'd1',
				event: {
					type: 'increased',
					amount: 2 * YI,
					signingEvent: 'everyday',
					signedOn: '2024-10-01',
					note: ''
				}
			}
		])
	);

	test('an upgrade moves the whole counted amount into contract and adds nothing', () => {
		expect(deltaOf(framework, 'd1', { type: 'upgraded', on: '2024-11-01' })).toEqual({
			contract: 12 * YI,
			framework: -12 * YI,
			intent: 0
		});
	});

	test('an amendment moves the deal between buckets with its corrected amount', () => {
		const event = {
			type: 'amended' as const,
			changes: { agreementType: 'intent' as const, totalInvestment: 9 * YI },
			reason: '更正'
		};
		expect(deltaOf(framework, 'd1', event)).toEqual({
			contract: 0,
			framework: -12 * YI,
			intent: 11 * YI
		});
	});

	test('an increase adds to the deal’s current bucket, a void takes the whole deal out', () => {
		const increase = {
			type: 'increased' as const,
			amount: YI,
			signingEvent: 'wsc-2024',
			signedOn: '2024-09-06',
			note: ''
		};
		expect(deltaOf(framework, 'd1', increase)).toEqual({ contract: 0, framework: YI, intent: 0 });
		expect(deltaOf(framework, 'd1', { type: 'voided', reason: '重复' })).toEqual({
			contract: 0,
			framework: -12 * YI,
			intent: 0
		});
		expect(
			deltaOf(framework, 'd1', { type: 'advanced', stage: 'landed', on: '2024-12-01' })
		).toEqual({
			contract: 0,
			framework: 0,
			intent: 0
		});
	});
});

describe('inconsistent stored entries', () => {
	const entries = historyOf([
		{ dealId: 'd1', event: { type: 'signed', facts: sampleFacts() } },
		{ dealId: 'd1', event: { type: 'voided', reason: '重复录入' } }
	]);
	const thrown = (fold: () => unknown): LedgerError => {
		try {
			fold();
		} catch (error) {
			if (error instanceof LedgerError) return error;
		}
		throw new Error('expected a LedgerError');
	};

	test('a gap in seq is named by the entry after it', () => {
		const error = thrown(() => foldLedger([entries[0]!, { ...entries[1]!, seq: 3 }]));
		expect([error.code, error.seq]).toEqual(['seq_gap', 3]);
	});

	test('a broken link to the previous hash is named', () => {
		const error = thrown(() =>
			foldLedger([entries[0]!, { ...entries[1]!, prevHash: 'f'.repeat(64) }])
		);
		expect([error.code, error.seq]).toEqual(['prev_hash_mismatch', 2]);
	});

	test('an event the domain refuses is named with its reason', () => {
		const state = foldLedger(entries);
		const again = sealEntry(
			{
				...entries[1]!,
				event: { type: 'advanced', stage: 'landed', on: '2024-10-01' },
				delta: { contract: 0, framework: 0, intent: 0 }
			},
			state
		);
		const error = thrown(() => applyEntry(state, again));
		expect([error.code, error.seq, error.message]).toEqual([
			'deal_voided',
			3,
			'ledger entry 3: deal_voided'
		]);
	});

	test('a stored delta that disagrees with the event is named', () => {
		const wrong: LedgerEntry = { ...entries[1]!, delta: { contract: 0, framework: 0, intent: 0 } };
		const error = thrown(() => foldLedger([entries[0]!, wrong]));
		expect([error.code, error.seq]).toEqual(['delta_mismatch', 2]);
	});
});
