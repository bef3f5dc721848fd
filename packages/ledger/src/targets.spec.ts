import { expect, test } from 'vitest';
import { formatTargetValue, isAmountMetric, TARGET_METRICS } from './targets.ts';
import { YI } from './money.ts';

test('amount metrics print as money and count metrics as projects', () => {
	expect(formatTargetValue('signed_amount', 500 * YI)).toBe('500亿元');
	expect(formatTargetValue('formal_signing_count', 10)).toBe('10个');
	expect(formatTargetValue('landed_100yi_count', 2, 'en')).toBe('2 projects');
	expect(formatTargetValue('landed_100yi_count', 1, 'en')).toBe('1 project');
	expect(formatTargetValue('landed_amount', 3 * YI, 'en')).toBe('CNY 300 million');
});

test('every metric is classed as an amount or a count', () => {
	expect(TARGET_METRICS.filter(isAmountMetric)).toEqual(['signed_amount', 'landed_amount']);
});
