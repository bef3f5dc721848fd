import { describe, expect, test } from 'vitest';
import {
	formatTargetValue,
	isAmountMetric,
	MAX_TARGET_COUNT,
	parseTargetValue,
	TARGET_METRICS,
	targetScopeRefusal
} from './targets.ts';
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

describe('parseTargetValue', () => {
	test('reads amount targets as organisers type them, in whole 元', () => {
		expect(parseTargetValue('signed_amount', '500亿')).toEqual({ ok: true, value: 500 * YI });
		expect(parseTargetValue('signed_amount', '12.5亿')).toEqual({ ok: true, value: 1_250_000_000 });
		expect(parseTargetValue('landed_amount', '3000万')).toEqual({ ok: true, value: 30_000_000 });
		expect(parseTargetValue('signed_amount', '800000000')).toEqual({ ok: true, value: 8 * YI });
		expect(parseTargetValue('signed_amount', '５００亿元')).toEqual({ ok: true, value: 500 * YI });
	});

	test('reads count targets as whole numbers of projects, with or without 个', () => {
		expect(parseTargetValue('formal_signing_count', '10')).toEqual({ ok: true, value: 10 });
		expect(parseTargetValue('landed_100yi_count', '２个')).toEqual({ ok: true, value: 2 });
	});

	test('refuses what is not a target, saying why', () => {
		expect(parseTargetValue('signed_amount', '')).toEqual({ ok: false, reason: 'empty' });
		expect(parseTargetValue('signed_amount', '五百亿')).toEqual({
			ok: false,
			reason: 'not_a_number'
		});
		expect(parseTargetValue('signed_amount', '0亿')).toEqual({ ok: false, reason: 'zero' });
		expect(parseTargetValue('signed_amount', '-5亿')).toEqual({ ok: false, reason: 'negative' });
		expect(parseTargetValue('formal_signing_count', '2.5')).toEqual({
			ok: false,
			reason: 'not_a_count'
		});
		expect(parseTargetValue('formal_signing_count', '10亿')).toEqual({
			ok: false,
			reason: 'not_a_count'
		});
		expect(parseTargetValue('formal_signing_count', '0')).toEqual({ ok: false, reason: 'zero' });
		expect(parseTargetValue('formal_signing_count', String(MAX_TARGET_COUNT + 1))).toEqual({
			ok: false,
			reason: 'too_large'
		});
	});
});

describe('targetScopeRefusal', () => {
	test('accepts a conference target naming a conference, a unit target a unit, a year target neither', () => {
		expect(
			targetScopeRefusal({ scope: 'conference', conferenceId: 'wsc-2026', unitId: null })
		).toBeNull();
		expect(targetScopeRefusal({ scope: 'unit', conferenceId: null, unitId: 3 })).toBeNull();
		expect(targetScopeRefusal({ scope: 'year', conferenceId: null, unitId: null })).toBeNull();
	});

	test('refuses a scope without its reference, or with another scope’s', () => {
		expect(targetScopeRefusal({ scope: 'conference', conferenceId: null, unitId: null })).toBe(
			'conference_missing'
		);
		expect(targetScopeRefusal({ scope: 'unit', conferenceId: null, unitId: null })).toBe(
			'unit_missing'
		);
		expect(targetScopeRefusal({ scope: 'unit', conferenceId: 'wsc-2026', unitId: 3 })).toBe(
			'scope_mismatch'
		);
		expect(targetScopeRefusal({ scope: 'year', conferenceId: null, unitId: 3 })).toBe(
			'scope_mismatch'
		);
		expect(targetScopeRefusal({ scope: 'conference', conferenceId: 'wsc-2026', unitId: 3 })).toBe(
			'scope_mismatch'
		);
	});
});
