export { assertYuan, formatYuan, MoneyError, WAN, YI } from './money.ts';
export type { FormatOptions, Locale, Yuan } from './money.ts';
export {
	formatTargetValue,
	HUNDRED_YI,
	isAmountMetric,
	TARGET_METRICS,
	TARGET_SCOPES
} from './targets.ts';
export type { TargetMetric, TargetScope } from './targets.ts';
