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
const WEEKDAYS_ZH = ['星期日', '星期一', '星期二', '星期三', '星期四', '星期五', '星期六'];
const WEEKDAYS_EN = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/**
 * A day of the agenda as its heading: `11月3日 星期三`, `Wednesday 3 November`. Written out, as
 * `$lib/dates` does, so the server's ICU data cannot change it.
 */
export function agendaDayLabel(day: string, locale: 'zh-CN' | 'en'): string {
	const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
	const weekday = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
	return locale === 'en'
		? `${WEEKDAYS_EN[weekday]} ${d} ${MONTHS_EN[m - 1]}`
		: `${m}月${d}日 ${WEEKDAYS_ZH[weekday]}`;
}
