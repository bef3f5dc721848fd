import { WAN } from '@huizhan/ledger';

/*
 * Rules of the deal forms that help the recorder without deciding for them. Pure, so the page,
 * the 增资 form and their tests share one copy.
 */

/** Today's date in Beijing (YYYY-MM-DD), where deals are signed: the signing date's default. */
export const todayInBeijing = (now: Date): string =>
	new Date(now.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/**
 * An amount under 1万元 is almost always 亿 or 万 left out (`5.6` for 5.6亿): ask, never refuse.
 * The same threshold as the spreadsheet import's `amount_below_wan` warning.
 */
export const looksShortOfUnit = (yuan: number): boolean => yuan > 0 && yuan < WAN;
