import { and, eq, notExists } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { tables } from '@huizhan/db';
import { addDays, beijingDateOf } from '@huizhan/ledger';
import { enqueueMessages } from './outbox.ts';

/** Nobody is texted about tomorrow before nine in the morning, Beijing time. */
const EARLIEST_HOUR_BEIJING = 9;
const BEIJING_OFFSET_MS = 8 * 3_600_000;
/** Registrations queued per transaction: a large edition does not hold one long transaction. */
const CHUNK = 500;

/**
 * Queues `registration_reminder` for every confirmed registration of the editions that open
 * tomorrow (Beijing time), from nine in the morning. Each registration's reminder carries the
 * once-key `reminder:<registrationId>`, so running this again, or on two instances at once, queues
 * it once; someone who registers that evening is reminded on the next run. Returns how many
 * messages were queued.
 */
export async function queueReminders(db: Db, now: Date): Promise<number> {
	if (new Date(now.getTime() + BEIJING_OFFSET_MS).getUTCHours() < EARLIEST_HOUR_BEIJING) return 0;
	const tomorrow = addDays(beijingDateOf(now.toISOString()), 1);
	const { conferences, outbox, registrations } = tables(db);
	const opening = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(eq(conferences.startsOn, tomorrow));
	let queued = 0;
	for (const conference of opening) {
		const waiting = await db
			.select({ id: registrations.id, email: registrations.email, mobile: registrations.mobile })
			.from(registrations)
			.where(
				and(
					eq(registrations.conferenceId, conference.id),
					eq(registrations.status, 'confirmed'),
					notExists(
						db
							.select({ id: outbox.id })
							.from(outbox)
							.where(
								and(
									eq(outbox.registrationId, registrations.id),
									eq(outbox.kind, 'registration_reminder')
								)
							)
					)
				)
			)
			.orderBy(registrations.id);
		for (let start = 0; start < waiting.length; start += CHUNK) {
			const chunk = waiting.slice(start, start + CHUNK);
			queued += await db.transaction((tx) =>
				enqueueMessages(
					tx,
					chunk.map((r) => ({
						subject: { kind: 'registration_reminder', registrationId: r.id },
						recipient: r,
						onceKey: `reminder:${r.id}`
					})),
					now
				)
			);
		}
	}
	return queued;
}
