/*
 * Calendar dates as the ledger stores them: `YYYY-MM-DD` strings in Beijing time. Day arithmetic
 * is on whole day numbers (days since 1970-01-01) using Howard Hinnant's civil-calendar
 * algorithms, so no time zone, DST or `Date` parsing quirk can shift a date by one.
 */

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;
const BEIJING_OFFSET_MS = 8 * 3_600_000;

const isLeapYear = (year: number): boolean =>
	(year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

function daysInMonth(year: number, month: number): number {
	if (month === 2) return isLeapYear(year) ? 29 : 28;
	return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True for a date that exists on the calendar: `2024-02-29` yes, `2023-02-29` and `2024-13-01` no. */
export function isIsoDate(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	const match = ISO_DATE.exec(value);
	if (!match) return false;
	const year = Number(match[1]);
	const month = Number(match[2]);
	const day = Number(match[3]);
	return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function parts(date: string): [number, number, number] {
	if (!isIsoDate(date)) throw new RangeError(`not a calendar date (YYYY-MM-DD): ${date}`);
	return [Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10))];
}

/** Days since 1970-01-01 (negative before it). */
export function dayNumber(date: string): number {
	const [year, month, day] = parts(date);
	const y = month <= 2 ? year - 1 : year;
	const era = Math.floor(y / 400);
	const yearOfEra = y - era * 400;
	const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
	const dayOfEra =
		yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
	return era * 146_097 + dayOfEra - 719_468;
}

/** The date `days` after 1970-01-01; throws outside years 0000–9999, which no YYYY can write. */
export function dateOfDayNumber(days: number): string {
	const z = days + 719_468;
	const era = Math.floor(z / 146_097);
	const dayOfEra = z - era * 146_097;
	const yearOfEra = Math.floor(
		(dayOfEra -
			Math.floor(dayOfEra / 1460) +
			Math.floor(dayOfEra / 36_524) -
			Math.floor(dayOfEra / 146_096)) /
			365
	);
	const dayOfYear =
		dayOfEra - (365 * yearOfEra + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100));
	const mp = Math.floor((5 * dayOfYear + 2) / 153);
	const day = dayOfYear - Math.floor((153 * mp + 2) / 5) + 1;
	const month = mp < 10 ? mp + 3 : mp - 9;
	const year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
	if (year < 0 || year > 9999) throw new RangeError(`date out of range: day ${days}`);
	const pad = (n: number, width: number) => String(n).padStart(width, '0');
	return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

export const addDays = (date: string, days: number): string =>
	dateOfDayNumber(dayNumber(date) + days);

/** Whole days from `from` to `to`: 0 for the same date, negative when `to` is earlier. */
export const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);

/** The calendar date in Beijing (UTC+8, no DST) at an ISO instant. */
export function beijingDateOf(instant: string): string {
	const ms = Date.parse(instant);
	if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
	return dateOfDayNumber(Math.floor((ms + BEIJING_OFFSET_MS) / MS_PER_DAY));
}
