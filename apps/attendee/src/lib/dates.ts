const MONTHS_EN = [
	'January',
	'February',
	'March',
	'April',
	'May',
	'June',
	'July',
	'August',
	'September',
	'October',
	'November',
	'December'
];

function parts(isoDate: string): [number, number, number] {
	const [y, m, d] = isoDate.split('-').map(Number);
	return [y ?? 0, m ?? 0, d ?? 0];
}

/**
 * A conference's dates as its readers write them: `2024年11月3日至5日`, `3–5 November 2024`.
 * Written out rather than left to `Intl.DateTimeFormat.formatRange`, whose Chinese output varies
 * with the ICU data of each server and browser (`2024/11/3 – 2024/11/5` on some), and a page
 * rendered on the server must read the same after it hydrates in the browser.
 */
export function formatDateRange(startsOn: string, endsOn: string, locale: 'zh-CN' | 'en'): string {
	const [y1, m1, d1] = parts(startsOn);
	const [y2, m2, d2] = parts(endsOn);
	if (locale === 'en') {
		const start = `${d1} ${MONTHS_EN[m1 - 1]} ${y1}`;
		if (startsOn === endsOn) return start;
		if (y1 !== y2) return `${start} – ${d2} ${MONTHS_EN[m2 - 1]} ${y2}`;
		if (m1 !== m2) return `${d1} ${MONTHS_EN[m1 - 1]} – ${d2} ${MONTHS_EN[m2 - 1]} ${y2}`;
		return `${d1}–${d2} ${MONTHS_EN[m1 - 1]} ${y1}`;
	}
	const start = `${y1}年${m1}月${d1}日`;
	if (startsOn === endsOn) return start;
	if (y1 !== y2) return `${start}至${y2}年${m2}月${d2}日`;
	if (m1 !== m2) return `${start}至${m2}月${d2}日`;
	return `${start}至${d2}日`;
}

/** China keeps one offset all year (no daylight saving), so Beijing time is UTC+8 exactly. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * A moment in Beijing time, where the conferences happen, whatever the server's or the phone's
 * zone: `2024年11月5日 18:00`, `5 November 2024, 18:00`. The page says "Beijing time" around it.
 */
export function formatBeijingDateTime(iso: string, locale: 'zh-CN' | 'en'): string {
	const at = new Date(Date.parse(iso) + BEIJING_OFFSET_MS);
	const [y, m, d] = [at.getUTCFullYear(), at.getUTCMonth() + 1, at.getUTCDate()];
	const time = `${String(at.getUTCHours()).padStart(2, '0')}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
	return locale === 'en' ? `${d} ${MONTHS_EN[m - 1]} ${y}, ${time}` : `${y}年${m}月${d}日 ${time}`;
}

/**
 * The day of a moment in Beijing time, as people say when something opens: `8月1日`,
 * `1 August`. The year is left out: the page's other dates carry it.
 */
export function formatBeijingDay(iso: string, locale: 'zh-CN' | 'en'): string {
	const at = new Date(Date.parse(iso) + BEIJING_OFFSET_MS);
	const [m, d] = [at.getUTCMonth() + 1, at.getUTCDate()];
	return locale === 'en' ? `${d} ${MONTHS_EN[m - 1]}` : `${m}月${d}日`;
}

const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** A day of the agenda as its heading: `11月3日 星期三`, `Wednesday 3 November`. */
export function agendaDayLabel(day: string, locale: 'zh-CN' | 'en'): string {
	const [y, m, d] = parts(day);
	const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return locale === 'en'
		? `${WEEKDAYS_EN[weekday]} ${d} ${MONTHS_EN[m - 1]}`
		: `${m}月${d}日 ${WEEKDAYS_ZH[weekday]}`;
}
