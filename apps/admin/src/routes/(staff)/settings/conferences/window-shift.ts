const DAY_MS = 24 * 60 * 60 * 1000;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

/** Whole days from one `YYYY-MM-DD` to another; null unless both are dates. */
export function daysBetween(from: string, to: string): number | null {
	if (!DATE.test(from) || !DATE.test(to)) return null;
	const days = (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS;
	return Number.isInteger(days) ? days : null;
}

/**
 * A `datetime-local` value (Beijing wall time, `YYYY-MM-DDTHH:mm`) `days` later, at the same
 * time of day; anything else comes back unchanged. Beijing keeps no summer time, so a day is
 * always 24 hours.
 */
export function shiftLocalDateTime(value: string, days: number): string {
	if (!LOCAL_DATE_TIME.test(value)) return value;
	const at = Date.parse(`${value}:00Z`);
	if (Number.isNaN(at)) return value;
	return new Date(at + days * DAY_MS).toISOString().slice(0, 16);
}

export interface WindowFields {
	startsOn: string;
	registrationOpensAt: string;
	registrationClosesAt: string;
}

/**
 * The registration window as submitted, moved by as many days as the first day was moved from
 * what the form showed — when the window itself was left as shown. The page does the same while
 * it is open; this covers a form sent before its script ran (or without one).
 */
export function windowFollowingStart(submitted: WindowFields, shown: WindowFields): WindowFields {
	const untouched =
		submitted.registrationOpensAt === shown.registrationOpensAt &&
		submitted.registrationClosesAt === shown.registrationClosesAt;
	const days = daysBetween(shown.startsOn, submitted.startsOn);
	if (!untouched || !days) return submitted;
	return {
		startsOn: submitted.startsOn,
		registrationOpensAt: shiftLocalDateTime(submitted.registrationOpensAt, days),
		registrationClosesAt: shiftLocalDateTime(submitted.registrationClosesAt, days)
	};
}
