import type { Yuan } from './money.ts';
import { formatYuan, parseYuan, type Locale, type ParseYuanFailure } from './money.ts';

/**
 * What a target measures (docs/architecture.md, “Targets and counting”). Amount metrics are counted in 元, count metrics in
 * projects. Leadership is scored on these, so the list is closed: a new metric is a code change
 * with its own counting rule, not a free-text field.
 */
export const TARGET_METRICS = [
	'signed_amount', // 签约金额
	'formal_signing_count', // 正式签约项目数 (在谈 → 正式合同)
	'landed_100yi_count', // 落地百亿级项目数 (total investment ≥ 100亿元)
	'landed_amount' // 落地金额
] as const;
export type TargetMetric = (typeof TARGET_METRICS)[number];

/**
 * A target applies to one conference's signings, to the whole year across all channels, or to
 * one responsible unit's (责任单位) deals across all channels within its period.
 */
export const TARGET_SCOPES = ['conference', 'year', 'unit'] as const;
export type TargetScope = (typeof TARGET_SCOPES)[number];

export const isAmountMetric = (metric: TargetMetric): boolean =>
	metric === 'signed_amount' || metric === 'landed_amount';

/** Projects at or above this total investment count as 百亿级 (docs/architecture.md, “Targets and counting”). */
export const HUNDRED_YI: Yuan = 100 * 100_000_000;

/** A target's value as its reader says it: `500亿元`, `10个`, `CNY 50 billion`, `10 projects`. */
export function formatTargetValue(
	metric: TargetMetric,
	value: number,
	locale: Locale = 'zh-CN'
): string {
	if (isAmountMetric(metric)) return formatYuan(value, { locale });
	if (locale === 'en') return `${value} ${value === 1 ? 'project' : 'projects'}`;
	return `${value}个`;
}

/** Why a typed target value was refused; the amount reasons are `parseYuan`'s. */
export type TargetValueRefusal = ParseYuanFailure | 'not_a_count';

export type TargetValueResult =
	{ ok: true; value: number } | { ok: false; reason: TargetValueRefusal };

/** The largest count a target may ask for: far above any year's projects, far below 2^53. */
export const MAX_TARGET_COUNT = 1_000_000;

/**
 * Reads a target's value as an organiser types it: an amount (`500亿`, `12.5亿`, `3000万`,
 * `800000000`) for amount metrics, through the same parser as deal amounts, and a plain whole
 * number of projects (full-width digits allowed, an optional 个) for count metrics.
 */
export function parseTargetValue(metric: TargetMetric, text: string): TargetValueResult {
	if (isAmountMetric(metric)) {
		const parsed = parseYuan(text);
		return parsed.ok ? parsed : { ok: false, reason: parsed.reason };
	}
	const compact = text
		.normalize('NFKC')
		.replace(/\s+/gu, '')
		.replace(/(个|項|项)$/u, '');
	if (compact === '') return { ok: false, reason: 'empty' };
	if (!/^\d+$/u.test(compact)) return { ok: false, reason: 'not_a_count' };
	const value = Number(compact);
	if (value === 0) return { ok: false, reason: 'zero' };
	if (value > MAX_TARGET_COUNT) return { ok: false, reason: 'too_large' };
	return { ok: true, value };
}

/** What a target applies to: exactly one of a conference, a unit, or neither (the year). */
export interface TargetScopeRef {
	scope: TargetScope;
	conferenceId: string | null;
	unitId: number | null;
}

export type TargetScopeRefusal = 'conference_missing' | 'unit_missing' | 'scope_mismatch';

/**
 * Null when the scope and its reference agree: a conference target names a conference and no
 * unit, a unit target a unit and no conference, a year target neither. The database holds the
 * same rule in CHECK constraints; this one answers first, with a reason a person can read.
 */
export function targetScopeRefusal(ref: TargetScopeRef): TargetScopeRefusal | null {
	switch (ref.scope) {
		case 'conference':
			if (ref.conferenceId === null) return 'conference_missing';
			return ref.unitId === null ? null : 'scope_mismatch';
		case 'unit':
			if (ref.unitId === null) return 'unit_missing';
			return ref.conferenceId === null ? null : 'scope_mismatch';
		case 'year':
			return ref.conferenceId === null && ref.unitId === null ? null : 'scope_mismatch';
	}
}
