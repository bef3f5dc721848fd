import { addDays, daysBetween } from './dates.ts';
import type { LedgerState } from './state.ts';
import { becameContractOn, countedAmount, landedOn } from './state.ts';
import type { TargetMetric, TargetScope } from './targets.ts';
import { HUNDRED_YI } from './targets.ts';

export interface TargetSpec {
	scope: TargetScope;
	/** Set exactly when the scope is a conference. */
	conferenceId: string | null;
	/** Set exactly when the scope is a responsible unit; absent reads as null. */
	unitId?: number | null;
	metric: TargetMetric;
	/** Inclusive `YYYY-MM-DD` dates. */
	periodStart: string;
	periodEnd: string;
}

export interface TargetProgress {
	value: number;
	achieved: number;
	/** What is still missing; 0 once reached. */
	remaining: number;
	/** achieved × 10000 / value, rounded down: 10000 is 100%. */
	percentBasisPoints: number;
	reached: boolean;
	pace: {
		/**
		 * The day the target is reached if the average pace since the period began holds; null
		 * with no progress yet, or when that day lies beyond year 9999.
		 */
		projectedOn: string | null;
		/** How far short of the value the period ends at that pace; 0 when on track. */
		shortBy: number;
	};
}

const inPeriod = (date: string | null, target: TargetSpec): boolean =>
	date !== null && date >= target.periodStart && date <= target.periodEnd;

/**
 * What the ledger has achieved towards a target (docs/architecture.md, “Targets and counting”). A conference target counts what
 * is credited to that conference: the signed amount of tranches signed there whatever their
 * date (conference ids carry their year, and deals signed ahead of the ceremony still count
 * for it), and for the other metrics the deals first signed there, by the metric's date. A year
 * target counts every channel, by date inside the period; a unit target counts like a year
 * target, over the deals that unit is answerable for (as their facts stand now).
 */
export function achievedFor(state: LedgerState, target: TargetSpec): number {
	const atConference = target.scope === 'conference' ? target.conferenceId : null;
	const ofUnit = target.scope === 'unit' ? (target.unitId ?? null) : null;
	let achieved = 0;
	for (const deal of state.deals.values()) {
		if (deal.voided) continue;
		if (target.scope === 'unit' && deal.facts.unitId !== ofUnit) continue;
		switch (target.metric) {
			case 'signed_amount':
				for (const tranche of deal.tranches) {
					const counts =
						atConference === null
							? inPeriod(tranche.signedOn, target)
							: tranche.signingEvent === atConference;
					if (counts) achieved += tranche.amount;
				}
				break;
			case 'formal_signing_count':
				if (atConference !== null && deal.facts.signingEvent !== atConference) break;
				if (inPeriod(becameContractOn(deal), target)) achieved += 1;
				break;
			case 'landed_100yi_count':
				if (atConference !== null && deal.facts.signingEvent !== atConference) break;
				if (countedAmount(deal) >= HUNDRED_YI && inPeriod(landedOn(deal), target)) achieved += 1;
				break;
			case 'landed_amount':
				if (!inPeriod(landedOn(deal), target)) break;
				for (const tranche of deal.tranches)
					if (atConference === null || tranche.signingEvent === atConference)
						achieved += tranche.amount;
				break;
		}
	}
	return achieved;
}

const max = (a: bigint, b: bigint): bigint => (a > b ? a : b);

/** ⌈a / b⌉ for positive b. */
const ceilDiv = (a: bigint, b: bigint): bigint => (a + b - 1n) / b;

/**
 * How far a target is and whether its pace will make it by the period's end. Days count
 * inclusively: on `periodStart` one day has elapsed, as today's signings are already in. The
 * pace is measured over the days elapsed within the period (at least one, at most all of it),
 * and figures are integers in BigInt because an amount times a day count can pass 2^53.
 */
export function targetProgress(
	target: TargetSpec & { value: number },
	achieved: number,
	today: string
): TargetProgress {
	const { value } = target;
	if (!Number.isSafeInteger(value) || value <= 0)
		throw new RangeError(`a target value is a positive integer: ${value}`);
	if (!Number.isSafeInteger(achieved))
		throw new RangeError(`achieved is not an integer: ${achieved}`);
	const periodDays = daysBetween(target.periodStart, target.periodEnd) + 1;
	const elapsed = Math.min(Math.max(daysBetween(target.periodStart, today) + 1, 1), periodDays);
	const bigValue = BigInt(value);
	const bigAchieved = BigInt(achieved);

	let projectedOn: string | null = null;
	if (achieved > 0) {
		// The target is met at the end of day n, n = ⌈value × elapsed / achieved⌉.
		const day = ceilDiv(bigValue * BigInt(elapsed), bigAchieved);
		try {
			projectedOn = day < 10_000_000n ? addDays(target.periodStart, Number(day) - 1) : null;
		} catch {
			projectedOn = null;
		}
	}
	const projectedAtEnd = (max(bigAchieved, 0n) * BigInt(periodDays)) / BigInt(elapsed);
	return {
		value,
		achieved,
		remaining: Number(max(bigValue - bigAchieved, 0n)),
		percentBasisPoints: Number((max(bigAchieved, 0n) * 10_000n) / bigValue),
		reached: achieved >= value,
		pace: { projectedOn, shortBy: Number(max(bigValue - projectedAtEnd, 0n)) }
	};
}
