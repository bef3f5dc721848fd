import { getLocale } from '$lib/paraglide/runtime';

export { agendaDays } from '@huizhan/web/agenda';

/** `11月3日 星期三` / `Wed 3 Nov`: a day of the agenda as its heading. */
export function dayLabel(day: string): string {
	return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
		month: 'long',
		day: 'numeric',
		weekday: 'short',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));
}
