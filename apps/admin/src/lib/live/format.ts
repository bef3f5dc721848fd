import { formatYuan } from '@huizhan/ledger';
import { getLocale } from '$lib/paraglide/runtime';

/** 6,012 basis points → "60.12%", without a float. */
export const percentText = (basisPoints: number): string =>
	`${Math.trunc(basisPoints / 100)}.${String(basisPoints % 100).padStart(2, '0')}%`;

/** Money as the dashboard shows it: two decimals of 亿元 (or billions), never overstated. */
export const yuanText = (yuan: number): string =>
	formatYuan(yuan, { locale: getLocale(), precision: 2 });

/** `2024-11-05` as the reader writes dates. */
export function dateText(date: string): string {
	const [y, mo, d] = date.split('-').map(Number);
	if (getLocale() === 'en')
		return new Date(Date.UTC(y!, mo! - 1, d!)).toLocaleDateString('en-GB', {
			timeZone: 'UTC',
			day: 'numeric',
			month: 'short',
			year: 'numeric'
		});
	return `${y}年${mo}月${d}日`;
}

/** A moment in Beijing time, e.g. for "updated 14:03:07". */
export const timeText = (instant: Date, withDate = false): string =>
	instant.toLocaleString(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
		timeZone: 'Asia/Shanghai',
		hour12: false,
		...(withDate ? { year: 'numeric', month: '2-digit', day: '2-digit' } : {}),
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit'
	});

/**
 * An amount split into the figure and its unit for the big screen (`312.5` + `亿元`,
 * `31.25` + `CNY billion`): the ledger's formatting to two decimals, never overstated.
 */
export function yuanParts(yuan: number): { figure: string; unit: string } {
	const text = yuanText(yuan);
	const zh = /^(-?[\d,.]+)(亿元|万元|元)$/.exec(text);
	if (zh) return { figure: zh[1]!, unit: zh[2]! };
	const en = /^CNY (-?[\d,.]+)(?: (billion|million))?$/.exec(text);
	if (en) return { figure: en[1]!, unit: en[2] ? `CNY ${en[2]}` : 'CNY' };
	return { figure: text, unit: '' };
}
