import type { CheckinSnapshot } from '@huizhan/api';
import { judgeOffline as judgeWithSnapshot, type OfflineVerdict } from '@huizhan/ledger/checkin';
import { verifySignature } from './ticket-token';

/*
 * The scanner page's offline verdict: the shared verdict ladder (`@huizhan/ledger/checkin`, the
 * same rules the scan service runs) against the snapshot and the admissions this device knows
 * of, with the browser's own signature check. The server judges every queued scan again when it
 * is uploaded and flags where the device let in someone it would have refused.
 */

export { admittedKeys, beijingDate, entryKey } from '@huizhan/ledger/checkin';
export type { OfflineVerdict } from '@huizhan/ledger/checkin';

export type Snapshot = Pick<
	CheckinSnapshot,
	| 'conferenceId'
	| 'generatedAt'
	| 'keys'
	| 'keyConferences'
	| 'revoked'
	| 'tickets'
	| 'checkpoints'
	| 'admissions'
	| 'sessions'
	| 'setupDays'
	| 'setupPasses'
	| 'categoryColors'
>;

/**
 * Decides a scan offline. `code` is what was scanned or typed; `registrationId` the person chosen
 * in a search. `admitted` holds the entry keys already taken (snapshot + this device's own).
 */
export function judgeOffline(
	snapshot: Snapshot,
	checkpointId: number,
	input: { code?: string; registrationId?: number },
	admitted: Set<string>,
	/** The device's clock, epoch milliseconds. */
	now: number
): Promise<OfflineVerdict> {
	return judgeWithSnapshot(snapshot, checkpointId, input, admitted, now, verifySignature);
}
