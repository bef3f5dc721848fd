import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { formatYuan, MAX_DEAL_YUAN, MoneyError, parseYuan, WAN, YI } from './money.ts';

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

describe('parseYuan', () => {
	const yuan = (value: number) => ({ ok: true, value });
	const refused = (reason: string) => ({ ok: false, reason });

	test('reads the ways recorders type 5.6亿', () => {
		for (const text of ['5.6亿', '5.6亿元', '56000万', '56,000万元', '560000000', '560000000元'])
			expect(parseYuan(text), text).toEqual(yuan(560_000_000));
	});

	test('reads full-width digits, dot, comma and minus, and spaces anywhere', () => {
		expect(parseYuan('３,０００万')).toEqual(yuan(30_000_000));
		expect(parseYuan('５．６亿')).toEqual(yuan(560_000_000));
		expect(parseYuan('５６，０００万元')).toEqual(yuan(560_000_000));
		expect(parseYuan(' 5 . 6 亿\u3000元 ')).toEqual(yuan(560_000_000));
		expect(parseYuan('－5亿')).toEqual(refused('negative'));
	});

	test('reads traditional 億 and 萬, 万亿 and a leading ¥', () => {
		expect(parseYuan('5.6億')).toEqual(yuan(560_000_000));
		expect(parseYuan('3萬元')).toEqual(yuan(30_000));
		expect(parseYuan('1万亿')).toEqual(yuan(MAX_DEAL_YUAN));
		expect(parseYuan('￥5,000,000.00')).toEqual(yuan(5_000_000));
	});

	test('keeps every digit down to the 元', () => {
		expect(parseYuan('1.23456789亿')).toEqual(yuan(123_456_789));
		expect(parseYuan('1.0001万')).toEqual(yuan(10_001));
		expect(parseYuan('512.35亿元')).toEqual(yuan(51_235_000_000));
		expect(parseYuan('5.60000000000亿')).toEqual(yuan(560_000_000));
	});

	test('refuses a fraction of a 元 rather than rounding it', () => {
		expect(parseYuan('1.234567891亿')).toEqual(refused('too_precise'));
		expect(parseYuan('0.5')).toEqual(refused('too_precise'));
		expect(parseYuan('1.00001万')).toEqual(refused('too_precise'));
	});

	test('refuses negative, zero and oversized amounts, each with its reason', () => {
		expect(parseYuan('-5亿')).toEqual(refused('negative'));
		expect(parseYuan('-0.5')).toEqual(refused('negative'));
		expect(parseYuan('0')).toEqual(refused('zero'));
		expect(parseYuan('0.00亿元')).toEqual(refused('zero'));
		expect(parseYuan('-0')).toEqual(refused('zero'));
		expect(parseYuan('10000.00000001亿')).toEqual(refused('too_large'));
		expect(parseYuan('1000000000001')).toEqual(refused('too_large'));
		expect(parseYuan('9'.repeat(400))).toEqual(refused('too_large'));
		expect(parseYuan('10000亿')).toEqual(yuan(MAX_DEAL_YUAN));
	});

	test('refuses what is not an amount, and says when nothing was typed', () => {
		for (const text of [
			'abc',
			'5.6.7亿',
			'亿',
			'1e9',
			'5亿万',
			'.5亿',
			'5.亿',
			'元5',
			'5,6亿',
			'1,0000万'
		])
			expect(parseYuan(text), text).toEqual(refused('not_a_number'));
		expect(parseYuan('')).toEqual(refused('empty'));
		expect(parseYuan(' \u3000\t')).toEqual(refused('empty'));
	});

	test('reads back every amount formatYuan prints', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: MAX_DEAL_YUAN }), (amount) => {
				expect(parseYuan(formatYuan(amount))).toEqual(yuan(amount));
			})
		);
	});

	test('reads back formatted amounts typed in full-width characters', () => {
		const fullWidth = (text: string) =>
			text.replace(/[0-9.,]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
		fc.assert(
			fc.property(fc.integer({ min: 1, max: MAX_DEAL_YUAN }), (amount) => {
				expect(parseYuan(fullWidth(formatYuan(amount)))).toEqual(yuan(amount));
			})
		);
	});

	test('reads amounts typed in 万 with up to four decimals exactly', () => {
		fc.assert(
			fc.property(fc.integer({ min: 1, max: MAX_DEAL_YUAN }), (amount) => {
				const whole = Math.floor(amount / WAN);
				const rest = String(amount % WAN).padStart(4, '0');
				expect(parseYuan(`${whole}.${rest}万`)).toEqual(yuan(amount));
			})
		);
	});
});
