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
