import { formatBeijingDay } from './dates.ts';

/** China keeps one offset all year, so Beijing time is UTC+8 exactly. */
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

const beijing = (at: Date) => new Date(at.getTime() + BEIJING_OFFSET_MS);

/** The Beijing day a session starts on, `2027-04-20`: sessions are grouped by it. */
export const sessionDay = (startsAt: Date): string => beijing(startsAt).toISOString().slice(0, 10);

/** `09:00`, Beijing time. */
export const clockTime = (at: Date): string => beijing(at).toISOString().slice(11, 16);

/** `4月20日 09:00–12:00`, `20 April, 09:00–12:00`: when a session runs, in Beijing time. */
export function sessionTime(
	session: { startsAt: Date; endsAt: Date },
	locale: 'zh-CN' | 'en'
): string {
	const day = formatBeijingDay(session.startsAt.toISOString(), locale);
	const hours = `${clockTime(session.startsAt)}–${clockTime(session.endsAt)}`;
	return locale === 'en' ? `${day}, ${hours}` : `${day} ${hours}`;
}
