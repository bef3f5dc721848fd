/*
 * Times as people read them: in Beijing time, where the conferences happen, whatever the zone of
 * the server, the phone or the venue PC. The API speaks UTC instants (`2024-11-04T07:15:00.000Z`);
 * cutting `07:15` out of that string shows a time eight hours off, so every label goes through
 * here. No imports from the app: the rule is tested on its own.
 */

export const BEIJING_ZONE = 'Asia/Shanghai';

type Locale = 'zh-CN' | 'en';

const parts = (instant: Date) => {
	const found = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', {
			timeZone: BEIJING_ZONE,
			year: 'numeric',
			month: 'numeric',
			day: 'numeric',
			hour: '2-digit',
			minute: '2-digit',
			hourCycle: 'h23'
		})
			.formatToParts(instant)
			.map((p) => [p.type, p.value])
	);
	return {
		year: Number(found.year),
		month: Number(found.month),
		day: Number(found.day),
		clock: `${found.hour}:${found.minute}`
	};
};

/** The Beijing date of an instant, `2024-11-05`: the day people at the venue call it. */
export function beijingDay(instant: Date | string): string {
	const { year, month, day } = parts(new Date(instant));
	return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** `07:15`, the Beijing wall clock of an instant. */
export const beijingClock = (instant: Date | string): string => parts(new Date(instant)).clock;

/** `11月5日` or `5 Nov`: a day within the conference's year, where the year goes without saying. */
export function shortDayText(day: string, locale: Locale): string {
	const [, month, date] = day.split('-').map(Number);
	if (locale === 'en')
		return `${date} ${new Date(Date.UTC(2000, month! - 1, 1)).toLocaleString('en-GB', { month: 'short', timeZone: 'UTC' })}`;
	return `${month}月${date}日`;
}

export interface SlotLabel {
	/** The instant itself, for `<time datetime>`. */
	instant: string;
	/** `11月5日`, or null where the day goes without saying. */
	day: string | null;
	clock: string;
}

/**
 * Labels for a run of time slots (oldest first, e.g. arrivals per 15 minutes): the Beijing clock
 * of each, and its day on the first slot of every day — but only when the run is not all of
 * `today`, since "08:00" alone could then mean yesterday's as well as this morning's.
 */
export function slotLabels(instants: string[], today: string, locale: Locale): SlotLabel[] {
	const days = instants.map((instant) => beijingDay(instant));
	const dated = days.some((day) => day !== today);
	return instants.map((instant, i) => ({
		instant,
		day: dated && (i === 0 || days[i] !== days[i - 1]) ? shortDayText(days[i]!, locale) : null,
		clock: beijingClock(instant)
	}));
}
