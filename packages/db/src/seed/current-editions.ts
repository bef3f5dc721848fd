/*
 * Which editions the demo treats as "this year's": each conference's next occurrence after the
 * day the demo database is created, so a demo made on any day shows registration open for a
 * conference still ahead. Pure, and exported, so the end-to-end tests compute the same ids.
 */

/** The conferences the demo runs every year, with their 2024 month and day. */
export const DEMO_SERIES = [
	{ series: 'wsc', refStem: 'WSC', startMonthDay: '11-03', endMonthDay: '11-05' },
	{ series: 'diamond', refStem: 'WDC', startMonthDay: '09-26', endMonthDay: '09-28' }
] as const;

export type DemoSeries = (typeof DEMO_SERIES)[number]['series'];

export interface CurrentEdition {
	series: DemoSeries;
	/** `wsc-2027` */
	id: string;
	year: number;
	/** `WSC27`: the stem and the year's last two digits, unique per edition. */
	refPrefix: string;
	startsOn: string;
	endsOn: string;
	/** Registration runs from the day the demo is created to the day before the conference. */
	registrationOpensOn: string;
	registrationClosesOn: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `month-day` in `year`; 29 February becomes 28 February in a year without it. */
function onYear(year: number, monthDay: string): string {
	const day = monthDay === '02-29' && !isLeapYear(year) ? '02-28' : monthDay;
	return `${String(year).padStart(4, '0')}-${day}`;
}

function dayBefore(isoDate: string): string {
	return new Date(Date.parse(`${isoDate}T00:00:00Z`) - DAY_MS).toISOString().slice(0, 10);
}

/**
 * The calendar day in Zhengzhou (UTC+8 all year, no daylight saving) at `at`: the conferences'
 * days are Beijing days, whatever the server's time zone.
 */
export function beijingDay(at: Date): string {
	return new Date(at.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/**
 * The current editions for a demo created on `createdOn` (`YYYY-MM-DD`, a Beijing day): each
 * conference in the first year whose start day is after `createdOn`. A conference starting on
 * the creation day itself is already under way, with no day left to register, so the next
 * year's is taken.
 */
export function currentDemoEditions(createdOn: string): CurrentEdition[] {
	const match = ISO_DATE.exec(createdOn);
	// The round trip refuses days a month lacks (`2027-02-29`), which Date.parse quietly accepts.
	const parsed = Date.parse(`${createdOn}T00:00:00Z`);
	if (!match || Number.isNaN(parsed) || new Date(parsed).toISOString().slice(0, 10) !== createdOn)
		throw new Error(`not a calendar date: ${createdOn}`);
	const createdYear = Number(match[1]);
	return DEMO_SERIES.map(({ series, refStem, startMonthDay, endMonthDay }) => {
		const year = onYear(createdYear, startMonthDay) > createdOn ? createdYear : createdYear + 1;
		const startsOn = onYear(year, startMonthDay);
		return {
			series,
			id: `${series}-${year}`,
			year,
			refPrefix: `${refStem}${String(year % 100).padStart(2, '0')}`,
			startsOn,
			endsOn: onYear(year, endMonthDay),
			registrationOpensOn: createdOn,
			registrationClosesOn: dayBefore(startsOn)
		};
	});
}

/** One series' current edition for a demo created at `now`: `currentDemoEdition(now, 'wsc').id`. */
export function currentDemoEdition(now: Date, series: DemoSeries): CurrentEdition {
	return currentDemoEditions(beijingDay(now)).find((e) => e.series === series)!;
}
