import { getLocale } from '$lib/paraglide/runtime';

/** Sessions grouped by their Beijing day, in the order given (time order). */
export function agendaDays<S extends { day: string }>(sessions: readonly S[]) {
	const days: { day: string; sessions: S[] }[] = [];
	for (const session of sessions) {
		const last = days.at(-1);
		if (last?.day === session.day) last.sessions.push(session);
		else days.push({ day: session.day, sessions: [session] });
	}
	return days;
}

/** `11月3日 星期三` / `Wed 3 Nov`: a day of the agenda as its heading. */
export function dayLabel(day: string): string {
	return new Intl.DateTimeFormat(getLocale() === 'en' ? 'en-GB' : 'zh-CN', {
		month: 'long',
		day: 'numeric',
		weekday: 'short',
		timeZone: 'UTC'
	}).format(new Date(`${day}T00:00:00Z`));
}
