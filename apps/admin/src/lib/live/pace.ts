import {
	formatTargetValue,
	isAmountMetric,
	type TargetMetric,
	type TargetProgress
} from '@huizhan/ledger';
import { m } from '$lib/paraglide/messages';
import { getLocale } from '$lib/paraglide/runtime';
import { dateText, yuanText } from './format';

/** A target's value or shortfall in its own unit: money, or a number of projects. */
export const metricValue = (metric: TargetMetric, n: number): string =>
	isAmountMetric(metric) ? yuanText(n) : formatTargetValue(metric, n, getLocale());

/**
 * The pace projection in words: "at this pace: reached on …", or "short by …" when the pace
 * since the period began will not make it by the deadline.
 */
export function paceText(metric: TargetMetric, progress: TargetProgress): string {
	if (progress.reached) return m.live_reached();
	if (progress.pace.projectedOn === null) return m.live_pace_none();
	if (progress.pace.shortBy > 0)
		return m.live_pace_short({ amount: metricValue(metric, progress.pace.shortBy) });
	return m.live_pace_on({ date: dateText(progress.pace.projectedOn) });
}
