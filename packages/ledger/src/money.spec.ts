import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatYuan, MoneyError, YI } from './money.ts';

describe('formatYuan in Chinese', () => {
	test('prints the conference targets as leadership says them', () => {
		expect(formatYuan(500 * YI)).toBe('500亿元');
		expect(formatYuan(200 * YI)).toBe('200亿元');
		expect(formatYuan(600 * YI)).toBe('600亿元');
	});

	test('uses 亿元 from 1亿, 万元 from 1万 and 元 below, grouping thousands', () => {
		expect(formatYuan(51_235_000_000)).toBe('512.35亿元');
		expect(formatYuan(30_000_000)).toBe('3,000万元');
		expect(formatYuan(8_500)).toBe('8,500元');
		expect(formatYuan(0)).toBe('0元');
		expect(formatYuan(1_234_567 * YI)).toBe('1,234,567亿元');
	});

	test('is exact by default: no digit is dropped or invented', () => {
		expect(formatYuan(51_234_567_891)).toBe('512.34567891亿元');
		expect(formatYuan(10_001)).toBe('1.0001万元');
		expect(formatYuan(-30_000_000)).toBe('-3,000万元');
	});

	test('rounds toward zero at a fixed precision, so progress is never overstated', () => {
		expect(formatYuan(49_999_900_000, { precision: 2 })).toBe('499.99亿元');
		expect(formatYuan(50_000_000_000, { precision: 2 })).toBe('500.00亿元');
		expect(formatYuan(-150_000_000, { precision: 0 })).toBe('-1亿元');
	});

	test('exact output always carries every digit of the amount', () => {
		fc.assert(
			fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (amount) => {
				const text = formatYuan(amount);
				const [number, unit] = [text.replace(/[^\d.]/g, ''), text.replace(/[\d.,-]/g, '')];
				const scale = unit === '亿元' ? 8 : unit === '万元' ? 4 : 0;
				const [whole = '', fraction = ''] = number.split('.');
				const digits = BigInt(whole + fraction.padEnd(scale, '0'));
				expect(digits).toBe(BigInt(amount));
			})
		);
	});
});

describe('formatYuan in English', () => {
	test('speaks in billions and millions of CNY', () => {
		expect(formatYuan(500 * YI, { locale: 'en' })).toBe('CNY 50 billion');
		expect(formatYuan(30_000_000, { locale: 'en' })).toBe('CNY 30 million');
		expect(formatYuan(8_500, { locale: 'en' })).toBe('CNY 8,500');
		expect(formatYuan(51_235_000_000, { locale: 'en', precision: 1 })).toBe('CNY 51.2 billion');
	});
});

describe('amounts that are not whole 元', () => {
	test('are refused rather than rounded silently', () => {
		expect(() => formatYuan(0.5)).toThrow(MoneyError);
		expect(() => formatYuan(Number.MAX_SAFE_INTEGER + 2)).toThrow(/too large/);
		expect(() => formatYuan(Number.NaN)).toThrow(MoneyError);
	});
});
