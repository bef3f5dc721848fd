import { live } from '@huizhan/api';
import { database } from './db.ts';

type Hub = ReturnType<typeof live.createLiveHub>;
let hub: Hub | undefined;

/**
 * The process's one live hub: it watches the database's versions for every open dashboard and
 * screen together (docs/architecture.md, “Layers”). Created on first use; on shutdown its streams are ended so the
 * server can close at once instead of waiting for them.
 */
export function liveHub(): Hub {
	if (!hub) {
		const { db, sqlite } = database();
		let reported = false;
		hub = live.createLiveHub({
			db,
			sqlite,
			onError: (error) => {
				// A busy or locked database fails one tick; the next tries again. Say so once.
				if (reported) return;
				reported = true;
				console.error('[huizhan] live update failed; retrying', error);
			}
		});
		const created = hub;
		for (const signal of ['SIGTERM', 'SIGINT'] as const)
			process.once(signal, () => created.close());
	}
	return hub;
}

/** After a write this process served: push it to the open streams now, not at the next tick. */
export function pokeLive(): void {
	hub?.poke();
}
