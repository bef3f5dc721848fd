import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { foldLedger } from './fold.ts';
import { YI } from './money.ts';
import { achievedFor, type TargetSpec } from './progress.ts';
import { TARGET_METRICS } from './targets.ts';
import { arbitraryHistory, historyOf, sampleFacts } from './testing.ts';
import { achievedByUnit, rankUnits, type UnitTargetRef } from './unit-ranking.ts';

const period = { periodStart: '2024-01-01', periodEnd: '2024-12-31' };

describe('achievedByUnit', () => {
	test('the units’ totals sum to the whole year’s, for every metric, on random histories', () => {
		fc.assert(
			fc.property(
				arbitraryHistory({ unitIds: [1, 2, 3, 4] }),
				fc.constantFrom(...TARGET_METRICS),
				(entries, metric) => {
					const state = foldLedger(entries);
					const byUnit = achievedByUnit(state, { metric, ...period });
					const sum = [...byUnit.values()].reduce((a, b) => a + b, 0);
					expect(sum).toBe(
						achievedFor(state, { scope: 'year', conferenceId: null, metric, ...period })
					);
				}
			),
			{ numRuns: 120 }
		);
	});

	test('each unit’s total equals the fold of a target scoped to that unit', () => {
		fc.assert(
			fc.property(arbitraryHistory({ unitIds: [1, 2, 3] }), (entries) => {
				const state = foldLedger(entries);
				for (const metric of TARGET_METRICS) {
					const byUnit = achievedByUnit(state, { metric, ...period });
					for (const unitId of [1, 2, 3]) {
						const spec: TargetSpec = {
							scope: 'unit',
							conferenceId: null,
							unitId,
							metric,
							...period
						};
						expect(byUnit.get(unitId) ?? 0).toBe(achievedFor(state, spec));
					}
				}
			}),
			{ numRuns: 60 }
		);
	});
});

describe('rankUnits', () => {
	const state = foldLedger(
		historyOf([
			{
				dealId: 'a',
				event: { type: 'signed', facts: sampleFacts({ unitId: 1, totalInvestment: 30 * YI }) }
			},
			{
				dealId: 'b',
				event: { type: 'signed', facts: sampleFacts({ unitId: 2, totalInvestment: 20 * YI }) }
			},
			{
				dealId: 'c',
				event: { type: 'signed', facts: sampleFacts({ unitId: 3, totalInvestment: 90 * YI }) }
			},
			{
				dealId: 'd',
				event: { type: 'signed', facts: sampleFacts({ unitId: 4, totalInvestment: 5 * YI }) }
			}
		])
	);
	const target = (id: number, unitId: number, value: number): UnitTargetRef => ({
		id,
		scope: 'unit',
		conferenceId: null,
		unitId,
		metric: 'signed_amount',
		value,
		...period
	});
	const units = [
		{ id: 1, name: '投资促进部' },
		{ id: 2, name: '科技局' },
		{ id: 3, name: '发改局' },
		{ id: 4, name: '商务局' }
	];

	test('ranks units by the share of their own target, and units without one after them', () => {
		const ranking = rankUnits({
			units,
			targets: [target(1, 1, 100 * YI), target(2, 2, 10 * YI), target(3, 4, 50 * YI)],
			achieved: (spec) => achievedFor(state, spec),
			fallback: { metric: 'signed_amount', ...period },
			today: '2024-09-10'
		});
		expect(ranking.map((s) => [s.unit.id, s.achieved, s.percentBasisPoints, s.reached])).toEqual([
			[2, 20 * YI, 20_000, true],
			[1, 30 * YI, 3_000, false],
			[4, 5 * YI, 1_000, false],
			[3, 90 * YI, null, false]
		]);
	});

	test('with no unit targets at all, every unit is listed by what it achieved', () => {
		const ranking = rankUnits({
			units,
			targets: [],
			achieved: (spec) => achievedFor(state, spec),
			fallback: { metric: 'signed_amount', ...period },
			today: '2024-09-10'
		});
		expect(ranking.map((s) => s.unit.id)).toEqual([3, 1, 2, 4]);
		expect(ranking.every((s) => s.target === null)).toBe(true);
	});
});
