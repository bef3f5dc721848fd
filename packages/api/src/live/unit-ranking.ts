import { asc } from 'drizzle-orm';
import { tables, type DbOrTx, type Dialect } from '@huizhan/db';
import {
	rankUnits,
	type TargetProgress,
	type TargetSpec,
	type UnitTargetRef
} from '@huizhan/ledger';
import { liveUnitTargets } from '../services/targets.ts';
import type { LedgerSource } from './sources.ts';
import { orderedList } from './watcher.ts';
import { yearBounds, yearOf } from './year.ts';

/**
 * The responsible units' ranking (责任单位排名) for `/live` and the console home: each unit's
 * signed amount against its own signed-amount target. Signed amount is what units are compared
 * on; a unit's count targets are listed under 设置 › 目标 but do not rank it.
 */
export interface UnitRankingLine {
	id: number;
	nameZh: string;
	nameEn: string;
	/** The unit's target the ranking measures it against, or null for a unit without one. */
	target: { id: number; value: number; periodStart: string; periodEnd: string } | null;
	/** Towards the target; for a unit without one, signed in the ranking's calendar year. */
	achieved: number;
	/** achieved × 10000 / value, rounded down; null without a target. */
	percentBasisPoints: TargetProgress['percentBasisPoints'] | null;
	reached: boolean;
}

const UNITS = orderedList(
	'responsible_units',
	['id', 'name_zh', 'name_en', 'active', 'sort_order'],
	'id'
);

/** A change to targets or to the units' names, order or retirement redraws the ranking. */
export const UNIT_RANKING_PROBE: Record<Dialect, string> = {
	sqlite: `(SELECT count(*) || '.' || coalesce(max(coalesce(updated_at, created_at)), 0) FROM targets) || ${UNITS.sqlite}`,
	postgres: `(SELECT CAST(count(*) AS text) || '.' || coalesce(CAST(max(coalesce(updated_at, created_at)) AS text), '0') FROM targets) || ${UNITS.postgres}`
};

/**
 * Of a unit's live signed-amount targets, the one whose period holds `today`; else the latest
 * that has ended; else the next to begin.
 */
export function currentTargetOf<T extends { periodStart: string; periodEnd: string }>(
	targets: readonly T[],
	today: string
): T | null {
	const current = targets.filter((t) => t.periodStart <= today && today <= t.periodEnd);
	if (current.length > 0) return current[current.length - 1]!;
	const ended = targets.filter((t) => t.periodEnd < today);
	if (ended.length > 0) return ended.reduce((a, b) => (b.periodEnd >= a.periodEnd ? b : a));
	return targets.reduce<T | null>(
		(a, b) => (a === null || b.periodStart < a.periodStart ? b : a),
		null
	);
}

/**
 * The day a year's ranking is read at: today within the current calendar year, the last day of
 * an earlier year (its targets as they ended), the first day of a later one.
 */
export function rankingDay(today: string, year: number): string {
	const { from, to } = yearBounds(year);
	if (today < from) return from;
	if (today > to) return to;
	return today;
}

/** What an achievement depends on: a target's value does not change what was achieved. */
const specKey = (spec: TargetSpec): string =>
	JSON.stringify([
		spec.scope,
		spec.conferenceId,
		spec.unitId ?? null,
		spec.metric,
		spec.periodStart,
		spec.periodEnd
	]);

/**
 * Every active unit, and any retired one that still has a live target, ranked by `rankUnits`:
 * by the share of its own target, units without one after them. Only targets whose period
 * overlaps `year` (the dashboards' year, by default today's) take part.
 */
export async function unitRanking(
	db: DbOrTx,
	source: LedgerSource,
	today: string,
	year: number = yearOf(today)
): Promise<UnitRankingLine[]> {
	const { from, to } = yearBounds(year);
	const day = rankingDay(today, year);
	const { responsibleUnits } = tables(db);
	const units = await db
		.select()
		.from(responsibleUnits)
		.orderBy(asc(responsibleUnits.sortOrder), asc(responsibleUnits.id));
	const signing = (await liveUnitTargets(db)).filter(
		(t) => t.metric === 'signed_amount' && t.periodStart <= to && t.periodEnd >= from
	);
	const targets: UnitTargetRef[] = [];
	for (const unit of units) {
		const target = currentTargetOf(
			signing.filter((t) => t.responsibleUnitId === unit.id),
			day
		);
		if (target) {
			targets.push({
				id: target.id,
				scope: 'unit',
				conferenceId: null,
				unitId: unit.id,
				metric: 'signed_amount',
				value: target.value,
				periodStart: target.periodStart,
				periodEnd: target.periodEnd
			});
		}
	}
	const rank = (achieved: (spec: TargetSpec) => number) =>
		rankUnits({
			units: units.filter((u) => u.active || targets.some((t) => t.unitId === u.id)),
			targets,
			achieved,
			fallback: { metric: 'signed_amount', periodStart: from, periodEnd: to },
			today
		});
	// `rankUnits` asks for achievements synchronously: a first pass learns which it asks for,
	// they are read, and the second pass ranks with them.
	const asked = new Map<string, TargetSpec>();
	rank((spec) => {
		asked.set(specKey(spec), spec);
		return 0;
	});
	const achieved = new Map<string, number>();
	for (const [key, spec] of asked) achieved.set(key, await source.achieved(spec));
	const ranked = rank((spec) => {
		const value = achieved.get(specKey(spec));
		if (value === undefined) throw new Error(`no achievement read for ${specKey(spec)}`);
		return value;
	});
	return ranked.map((standing) => ({
		id: standing.unit.id,
		nameZh: standing.unit.nameZh,
		nameEn: standing.unit.nameEn,
		target:
			standing.target === null
				? null
				: {
						id: standing.target.id,
						value: standing.target.value,
						periodStart: standing.target.periodStart,
						periodEnd: standing.target.periodEnd
					},
		achieved: standing.achieved,
		percentBasisPoints: standing.percentBasisPoints,
		reached: standing.reached
	}));
}
