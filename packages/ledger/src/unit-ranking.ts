import type { LedgerState } from './state.ts';
import { achievedFor, targetProgress, type TargetSpec } from './progress.ts';
import type { TargetMetric } from './targets.ts';

/**
 * The responsible units' ranking (责任单位排名): each unit's achievement against its own target.
 * Leadership compares units by the share of their own target, not by raw amounts — a small unit
 * at 120% outranks a large one at 60%.
 */

/** What every unit has achieved for one metric and period, in one pass over the ledger. */
export function achievedByUnit(
	state: LedgerState,
	spec: { metric: TargetMetric; periodStart: string; periodEnd: string }
): Map<number, number> {
	// The unit's share is the year rule applied to its own deals, so the year fold is reused
	// per unit: a deal belongs to exactly one unit, which is what makes the parts sum to the whole.
	const units = new Set<number>();
	for (const deal of state.deals.values()) units.add(deal.facts.unitId);
	const byUnit = new Map<number, number>();
	for (const unitId of units) {
		const achieved = achievedFor(state, { ...spec, scope: 'unit', conferenceId: null, unitId });
		if (achieved !== 0) byUnit.set(unitId, achieved);
	}
	return byUnit;
}

/** One unit's target as the ranking reads it. */
export interface UnitTargetRef extends TargetSpec {
	id: number;
	value: number;
}

export interface UnitStanding<U extends { id: number }> {
	unit: U;
	/** The unit's own target, or null for a unit that has none. */
	target: UnitTargetRef | null;
	/** Towards the target; for a unit without one, over the fallback period. */
	achieved: number;
	/** achieved × 10000 / value, rounded down; null without a target. */
	percentBasisPoints: number | null;
	reached: boolean;
}

/**
 * Units with a target first, by achievement share (highest first), then by achieved and name
 * order; units without a target after them, by what they achieved. `achieved` answers for any
 * spec, so the caller may read the projection or a fold.
 */
export function rankUnits<U extends { id: number }>(options: {
	units: readonly U[];
	/** At most one per unit is used: the caller picks which (e.g. the current signed-amount one). */
	targets: readonly UnitTargetRef[];
	achieved: (spec: TargetSpec) => number;
	/** The period a unit without a target is measured over, e.g. the calendar year. */
	fallback: { metric: TargetMetric; periodStart: string; periodEnd: string };
	today: string;
}): UnitStanding<U>[] {
	const standings = options.units.map((unit, order): UnitStanding<U> & { order: number } => {
		const target = options.targets.find((t) => t.unitId === unit.id) ?? null;
		if (target === null) {
			const achieved = options.achieved({
				...options.fallback,
				scope: 'unit',
				conferenceId: null,
				unitId: unit.id
			});
			return { unit, target, achieved, percentBasisPoints: null, reached: false, order };
		}
		const progress = targetProgress(target, options.achieved(target), options.today);
		return {
			unit,
			target,
			achieved: progress.achieved,
			percentBasisPoints: progress.percentBasisPoints,
			reached: progress.reached,
			order
		};
	});
	standings.sort(
		(a, b) =>
			Number(a.target === null) - Number(b.target === null) ||
			(b.percentBasisPoints ?? 0) - (a.percentBasisPoints ?? 0) ||
			b.achieved - a.achieved ||
			a.order - b.order
	);
	return standings.map(({ order: _order, ...standing }) => standing);
}
