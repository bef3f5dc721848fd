import { live, liveInputs } from '@huizhan/api';
import { database } from './db.ts';

type Hub = ReturnType<typeof live.createLiveHub>;
let hub: Hub | undefined;
let creating: Promise<Hub> | undefined;

/**
 * The process's one live hub: it watches the database's versions for every open dashboard and
 * screen together (docs/architecture.md, “Layers”). Created on first use; on shutdown its streams are ended so the
 * server can close at once instead of waiting for them.
 */
export function liveHub(): Promise<Hub> {
	creating ??= database().then(({ db, changes }) => {
		let reported = false;
		const created = live.createLiveHub({
			db,
			// PostgreSQL tells every instance of each commit; SQLite is asked on a short timer.
			changes,
			onError: (error) => {
				// A busy or locked database fails one tick; the next tries again. Say so once.
				if (reported) return;
				reported = true;
				console.error('[huizhan] live update failed; retrying', error);
			}
		});
		for (const signal of ['SIGTERM', 'SIGINT'] as const)
			process.once(signal, () => created.close());
		hub = created;
		return created;
	});
	return creating;
}

/** After a write this process served: push it to the open streams now, not at the next tick. */
export function pokeLive(): void {
	hub?.poke();
}

/**
 * The year a dashboard's address asks for (`?year=2024`): null when it names none, `invalid`
 * when what it names is not a year a dashboard shows (the page then says so and shows the
 * current year).
 */
export function requestedYear(url: URL): number | null | 'invalid' {
	const text = url.searchParams.get('year');
	if (text === null || text === '') return null;
	const parsed = liveInputs.dashboardYear.safeParse(/^\d{4}$/.test(text) ? text : 'invalid');
	return parsed.success ? parsed.data : 'invalid';
}

/**
 * The hub channel for a year: the current year's own channel when it is the current year (so
 * the default view and `?year=<current>` share one snapshot), else the year's.
 */
export async function channelFor(year: number | null): Promise<string> {
	if (year === null) return live.CURRENT_CHANNEL;
	const { calendar } = await (await liveHub()).current();
	return year === calendar.current ? live.CURRENT_CHANNEL : live.yearChannel(year);
}
