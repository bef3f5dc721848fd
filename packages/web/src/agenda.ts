/*
 * How both apps lay out an edition's agenda: by Beijing day, in the time order the API gives.
 */

/** Sessions grouped by their Beijing day (`day`), keeping the order given (time order). */
export function agendaDays<S extends { day: string }>(sessions: readonly S[]) {
	const days: { day: string; sessions: S[] }[] = [];
	for (const session of sessions) {
		const last = days.at(-1);
		if (last?.day === session.day) last.sessions.push(session);
		else days.push({ day: session.day, sessions: [session] });
	}
	return days;
}

/** The tracks (专题) sessions belong to, each once, in the order they first appear. */
export function agendaTracks<S extends { trackZh: string | null; trackEn: string | null }>(
	sessions: readonly S[]
) {
	const tracks: { zh: string; en: string }[] = [];
	for (const s of sessions) {
		if (s.trackZh && !tracks.some((t) => t.zh === s.trackZh)) {
			tracks.push({ zh: s.trackZh, en: s.trackEn ?? s.trackZh });
		}
	}
	return tracks;
}
