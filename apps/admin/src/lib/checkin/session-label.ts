/*
 * How a session reads wherever a gate names it — the gate settings, the scanner's gate list, the
 * live pages: `分论坛三：智能传感器 · 307会议室` and `11-03 14:00–17:30` in Beijing time.
 */

const OFFSET_MS = 8 * 60 * 60 * 1000;
const beijing = (iso: string) => new Date(Date.parse(iso) + OFFSET_MS).toISOString();

/** `localized` picks the reader's language (`$lib/locale`). */
export const sessionPlace = (
	s: { titleZh: string; titleEn: string; hallZh: string; hallEn: string },
	localized: (zh: string, en: string) => string
): string => `${localized(s.titleZh, s.titleEn)} · ${localized(s.hallZh, s.hallEn)}`;

/** `11-03 14:00–17:30`; the end's date too when it ends on another day. */
export function sessionTime(s: { startsAt: string; endsAt: string }): string {
	const from = beijing(s.startsAt);
	const to = beijing(s.endsAt);
	const end =
		from.slice(0, 10) === to.slice(0, 10)
			? to.slice(11, 16)
			: `${to.slice(5, 10)} ${to.slice(11, 16)}`;
	return `${from.slice(5, 10)} ${from.slice(11, 16)}–${end}`;
}

/** `14:00–17:30`, for a list of today's sessions. */
export function sessionHours(s: { startsAt: string; endsAt: string }): string {
	return `${beijing(s.startsAt).slice(11, 16)}–${beijing(s.endsAt).slice(11, 16)}`;
}
