import type { Yuan } from './money.ts';
import { formatYuan, type Locale } from './money.ts';

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

/** A target applies to one conference's signings, or to the whole year across all channels. */
export const TARGET_SCOPES = ['conference', 'year'] as const;
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
