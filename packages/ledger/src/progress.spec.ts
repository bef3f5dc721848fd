import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { addDays, daysBetween } from './dates.ts';
import type { DealFacts } from './deals.ts';
import { foldLedger } from './fold.ts';
import { YI } from './money.ts';
import { achievedFor, targetProgress, type TargetSpec } from './progress.ts';
import { historyOf, sampleFacts, type HistoryStep } from './testing.ts';

const sign = (dealId: string, facts: Partial<DealFacts>): HistoryStep => ({
	dealId,
	event: { type: 'signed', facts: sampleFacts(facts) }
});

const year: Omit<TargetSpec, 'metric'> = {
	scope: 'year',
	conferenceId: null,
	periodStart: '2024-01-01',
	periodEnd: '2024-12-31'
};
const q3: Omit<TargetSpec, 'metric'> = {
	...year,
	periodStart: '2024-07-01',
	periodEnd: '2024-09-30'
};
const wsc: Omit<TargetSpec, 'metric'> = { ...year, scope: 'conference', conferenceId: 'wsc-2024' };

describe('achievedFor', () => {
	const state = foldLedger(
		historyOf([
			sign('a', { signingEvent: 'wsc-2024', signedOn: '2024-09-05', totalInvestment: 120 * YI }),
			sign('b', {
				signingEvent: 'wsc-2024',
				signedOn: '2024-08-20',
				totalInvestment: 30 * YI,
				agreementType: 'framework'
			}),
			sign('c', {
				signingEvent: 'everyday',
				signedOn: '2024-03-10',
				totalInvestment: 40 * YI,
				agreementType: 'intent'
			}),
			sign('d', { signingEvent: 'everyday', signedOn: '2023-12-30', totalInvestment: 500 * YI }),
			sign('e', { signingEvent: 'wsc-2024', signedOn: '2024-09-05', totalInvestment: 900 * YI }),
			{ dealId: 'e', event: { type: 'voided', reason: '重复录入' } },
			{
				dealId: 'c',
				event: {
					type: 'increased',
					amount: 10 * YI,
					signingEvent: 'wsc-2024',
					signedOn: '2025-01-03',
					note: ''
				}
			},
			{ dealId: 'b', event: { type: 'upgraded', on: '2024-10-10' } },
			{ dealId: 'c', event: { type: 'upgraded', on: '2024-08-01' } },
			{ dealId: 'a', event: { type: 'advanced', stage: 'landed', on: '2024-11-11' } },
			{ dealId: 'd', event: { type: 'advanced', stage: 'started', on: '2024-02-01' } }
		])
	);

	test('a conference’s signed amount is every tranche credited to it, framework and intent included', () => {
		expect(achievedFor(state, { ...wsc, metric: 'signed_amount' })).toBe(160 * YI);
	});

	test('the year’s signed amount is every tranche signed inside the period, all channels', () => {
		expect(achievedFor(state, { ...year, metric: 'signed_amount' })).toBe(190 * YI);
	});

	test('formal signings are deals that became contracts in the period, by signing or upgrade', () => {
		expect(achievedFor(state, { ...q3, metric: 'formal_signing_count' })).toBe(2);
		expect(achievedFor(state, { ...year, metric: 'formal_signing_count' })).toBe(3);
		expect(achievedFor(state, { ...wsc, metric: 'formal_signing_count' })).toBe(2);
	});

	test('landed 百亿级 projects count by their landing date, or the later stage they skipped to', () => {
		expect(achievedFor(state, { ...year, metric: 'landed_100yi_count' })).toBe(2);
		expect(achievedFor(state, { ...q3, metric: 'landed_100yi_count' })).toBe(0);
		expect(achievedFor(state, { ...wsc, metric: 'landed_100yi_count' })).toBe(1);
	});

	test('the landed amount is the counted amount of deals landed in the period', () => {
		expect(achievedFor(state, { ...year, metric: 'landed_amount' })).toBe(620 * YI);
		expect(achievedFor(state, { ...wsc, metric: 'landed_amount' })).toBe(120 * YI);
	});
});

describe('targetProgress', () => {
	const signed = { ...wsc, metric: 'signed_amount' as const, value: 500 * YI };
	const halfway = addDays(year.periodStart, 182); // day 183 of 366

	test('250亿 of 500亿 halfway through is on pace to reach the target on the last day', () => {
		const progress = targetProgress(signed, 250 * YI, halfway);
		expect(progress).toMatchObject({
			value: 500 * YI,
			achieved: 250 * YI,
			remaining: 250 * YI,
			percentBasisPoints: 5000,
			reached: false
		});
		expect(Math.abs(daysBetween(year.periodEnd, progress.pace.projectedOn!))).toBeLessThanOrEqual(
			1
		);
		expect(progress.pace.shortBy).toBe(0);
	});

	test('300亿 of 500亿 halfway through reaches the target five sixths of the way', () => {
		const progress = targetProgress(signed, 300 * YI, halfway);
		expect(progress.pace).toEqual({ projectedOn: '2024-10-31', shortBy: 0 }); // day 305 of 366
		expect(progress.percentBasisPoints).toBe(6000);
	});

	test('100亿 of 500亿 halfway through ends 300亿 short at that pace', () => {
		const progress = targetProgress(signed, 100 * YI, halfway);
		expect(progress.pace.shortBy).toBe(300 * YI);
		expect(progress.pace.projectedOn).toBe(addDays(year.periodStart, 5 * 183 - 1));
	});

	test('no progress projects no date and the whole target short', () => {
		expect(targetProgress(signed, 0, halfway)).toMatchObject({
			remaining: 500 * YI,
			percentBasisPoints: 0,
			pace: { projectedOn: null, shortBy: 500 * YI }
		});
	});

	test('a reached target has nothing remaining and its percentage passes 100%', () => {
		const count = { ...q3, metric: 'formal_signing_count' as const, value: 10 };
		expect(targetProgress(count, 12, '2024-08-15')).toMatchObject({
			remaining: 0,
			percentBasisPoints: 12_000,
			reached: true,
			pace: { shortBy: 0 }
		});
		expect(targetProgress(count, 7, '2024-09-30')).toMatchObject({
			percentBasisPoints: 7000,
			pace: { shortBy: 3 }
		});
	});

	test('rounds the percentage down, so 99.99% is never shown as reached', () => {
		expect(targetProgress(signed, 500 * YI - 1, halfway).percentBasisPoints).toBe(9999);
	});

	test('measures the pace over the period only, whatever the date today', () => {
		expect(targetProgress(signed, 250 * YI, '2023-06-01').pace.projectedOn).toBe('2024-01-02');
		expect(targetProgress(signed, 250 * YI, '2025-06-01').pace).toEqual({
			projectedOn: addDays(year.periodStart, 2 * 366 - 1),
			shortBy: 250 * YI
		});
	});

	test('a pace too slow to reach the target before year 9999 projects no date', () => {
		expect(targetProgress(signed, 1, year.periodStart).pace.projectedOn).toBeNull();
	});

	test('is on pace exactly when the projected date is inside the period, with exact integers', () => {
		const value = fc.integer({ min: 1, max: 10_000 * YI });
		fc.assert(
			fc.property(
				value,
				fc.nat({ max: 10_000 * YI }),
				fc.integer({ min: 0, max: 400 }),
				(v, achieved, day) => {
					const progress = targetProgress(
						{ ...signed, value: v },
						achieved,
						addDays(year.periodStart, day)
					);
					expect(progress.percentBasisPoints).toBe(
						Number((BigInt(achieved) * 10_000n) / BigInt(v))
					);
					expect(progress.remaining).toBe(Math.max(v - achieved, 0));
					expect(progress.reached).toBe(progress.remaining === 0);
					const { projectedOn, shortBy } = progress.pace;
					if (achieved === 0) expect(projectedOn).toBeNull();
					else if (projectedOn !== null) expect(shortBy === 0).toBe(projectedOn <= year.periodEnd);
					else expect(shortBy).toBeGreaterThan(0);
				}
			)
		);
	});
});

describe('unit targets', () => {
	test('count the unit’s own deals by date inside the period, every channel', () => {
		const state = foldLedger(
			historyOf([
				sign('a', {
					unitId: 7,
					signingEvent: 'wsc-2024',
					signedOn: '2024-09-05',
					totalInvestment: 30 * YI
				}),
				sign('b', {
					unitId: 7,
					signingEvent: 'everyday',
					signedOn: '2024-03-01',
					totalInvestment: 20 * YI
				}),
				sign('c', {
					unitId: 8,
					signingEvent: 'everyday',
					signedOn: '2024-03-01',
					totalInvestment: 90 * YI
				}),
				sign('d', {
					unitId: 7,
					signingEvent: 'everyday',
					signedOn: '2023-12-31',
					totalInvestment: 5 * YI
				})
			])
		);
		const unit7: TargetSpec = { ...year, scope: 'unit', unitId: 7, metric: 'signed_amount' };
		expect(achievedFor(state, unit7)).toBe(50 * YI);
		expect(achievedFor(state, { ...unit7, unitId: 8 })).toBe(90 * YI);
		expect(achievedFor(state, { ...unit7, metric: 'formal_signing_count' })).toBe(2);
	});
});
