/**
 * Money is a whole number of 元 (CNY), held in a JavaScript number.
 *
 * A safe integer reaches 9,007,199,254,740,991 元 (about 90万亿元), four orders of magnitude
 * above the zone's yearly target, so sums of every deal ever signed stay exact. Arithmetic on
 * amounts is therefore plain integer addition; anything that could yield a fraction of a 元
 * (a percentage, a division) happens only at display time, never in stored values.
 */
export type Yuan = number;

export const YI = 100_000_000; // 1亿元
export const WAN = 10_000; // 1万元

export type Locale = 'zh-CN' | 'en';

export class MoneyError extends Error {
	constructor(
		message: string,
		readonly code: 'not_integer' | 'unsafe'
	) {
		super(message);
		this.name = 'MoneyError';
	}
}

/** Throws unless `value` is a whole number of 元 that sums stay exact with. */
export function assertYuan(value: number): asserts value is Yuan {
	if (!Number.isInteger(value))
		throw new MoneyError(`not a whole number of 元: ${value}`, 'not_integer');
	if (!Number.isSafeInteger(value))
		throw new MoneyError(`amount too large to add exactly: ${value}`, 'unsafe');
}

const groupThousands = (digits: string): string => digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/**
 * `amount / unit` as an exact decimal string: integer part grouped in thousands, fraction with
 * its trailing zeros trimmed. BigInt keeps it exact: a float division would print
 * 0.30000000000000004 for some inputs.
 */
function exactQuotient(amount: Yuan, unit: number): string {
	const negative = amount < 0;
	const magnitude = BigInt(Math.abs(amount));
	const divisor = BigInt(unit);
	const whole = groupThousands((magnitude / divisor).toString());
	const remainder = magnitude % divisor;
	const fractionWidth = String(unit).length - 1;
	const fraction = remainder.toString().padStart(fractionWidth, '0').replace(/0+$/, '');
	return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/**
 * `amount / unit` rounded toward zero to `digits` decimals, trailing zeros kept so a column of
 * figures lines up. Toward zero because a progress figure must never overstate what was signed:
 * 499.999亿元 shows as 499.99亿元, not as a target of 500亿元 reached.
 */
function truncatedQuotient(amount: Yuan, unit: number, digits: number): string {
	const negative = amount < 0;
	const scaled = (BigInt(Math.abs(amount)) * 10n ** BigInt(digits)) / BigInt(unit);
	const text = scaled.toString().padStart(digits + 1, '0');
	const whole = groupThousands(text.slice(0, text.length - digits));
	const fraction = digits > 0 ? `.${text.slice(text.length - digits)}` : '';
	const isZero = scaled === 0n;
	return `${negative && !isZero ? '-' : ''}${whole}${fraction}`;
}

export interface FormatOptions {
	locale?: Locale;
	/**
	 * `'exact'` (the default) prints every significant digit, so `parse(format(x)) === x`;
	 * a number prints that many decimals, rounded toward zero (see `truncatedQuotient`).
	 */
	precision?: 'exact' | number;
}

/**
 * A human amount in the unit a reader expects: 亿元 from 1亿 up, 万元 from 1万 up, 元 below
 * (`512.35亿元`, `3,000万元`, `8,500元`); in English, billions and millions of CNY.
 */
export function formatYuan(amount: Yuan, options: FormatOptions = {}): string {
	assertYuan(amount);
	const { locale = 'zh-CN', precision = 'exact' } = options;
	const size = Math.abs(amount);
	const quotient = (unit: number) =>
		precision === 'exact'
			? exactQuotient(amount, unit)
			: truncatedQuotient(amount, unit, precision);

	if (locale === 'en') {
		if (size >= 1_000_000_000) return `CNY ${quotient(1_000_000_000)} billion`;
		if (size >= 1_000_000) return `CNY ${quotient(1_000_000)} million`;
		return `CNY ${exactQuotient(amount, 1)}`;
	}
	if (size >= YI) return `${quotient(YI)}亿元`;
	if (size >= WAN) return `${quotient(WAN)}万元`;
	return `${exactQuotient(amount, 1)}元`;
}

/**
 * The largest amount one deal, or one increase, may carry: 1万亿元, ten times the zone's yearly
 * target. Anything above is a typing slip (an extra 万), not an investment.
 */
export const MAX_DEAL_YUAN: Yuan = 1_000_000_000_000;

export type ParseYuanFailure =
	'empty' | 'not_a_number' | 'negative' | 'too_precise' | 'too_large' | 'zero';

export type ParseYuanResult = { ok: true; value: Yuan } | { ok: false; reason: ParseYuanFailure };

/** Decimal places each unit shifts by: 5.6亿 is 56 followed by seven zeros. */
const UNIT_SCALE: Record<string, number> = {
	万亿: 12,
	亿: 8,
	億: 8,
	万: 4,
	萬: 4,
	'': 0
};

/*
 * After NFKC (full-width ０-９ ． ， － become ASCII): an optional sign, an optional ¥, digits
 * with either no separators or correctly placed thousands commas, an optional fraction, an
 * optional unit and an optional 元. Commas must sit every three digits because `5,6亿` is far
 * more likely a European decimal comma than 56亿: refusing it beats a tenfold error.
 */
const AMOUNT = /^([+\-\u2212])?¥?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(万亿|亿|億|万|萬)?元?$/u;

/** Digits in `MAX_DEAL_YUAN`; a longer integer part is too large without further arithmetic. */
const MAX_DIGITS = String(MAX_DEAL_YUAN).length;

/**
 * Reads an amount as a recorder types it (`5.6亿`, `56,000万元`, `３,０００万`, `560000000`)
 * into whole 元, exactly. The arithmetic is on digit strings: shifting the decimal point by
 * the unit's scale, so no float ever holds an intermediate value. An amount that is not a whole
 * number of 元 is refused rather than rounded.
 */
export function parseYuan(text: string): ParseYuanResult {
	const compact = text.normalize('NFKC').replace(/\s+/gu, '');
	if (compact === '') return { ok: false, reason: 'empty' };
	const match = AMOUNT.exec(compact);
	if (!match) return { ok: false, reason: 'not_a_number' };
	const [, sign = '', whole = '', fraction = '', unit = ''] = match;
	const scale = UNIT_SCALE[unit] ?? 0;
	const significantFraction = fraction.replace(/0+$/, '');
	const integerDigits = whole.replaceAll(',', '');
	const isZero = /^0*$/.test(integerDigits) && significantFraction === '';
	if (sign !== '' && sign !== '+' && !isZero) return { ok: false, reason: 'negative' };
	if (significantFraction.length > scale) return { ok: false, reason: 'too_precise' };
	if (isZero) return { ok: false, reason: 'zero' };
	const digits = (integerDigits + significantFraction.padEnd(scale, '0')).replace(/^0+/, '');
	// At most 13 digits here, so the conversion to a number is exact.
	if (digits.length > MAX_DIGITS || Number(digits) > MAX_DEAL_YUAN)
		return { ok: false, reason: 'too_large' };
	return { ok: true, value: Number(digits) };
}
