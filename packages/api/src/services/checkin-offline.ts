import { deviceClockBounds } from '@huizhan/ledger/checkin';
import type { Db, Writes } from '@huizhan/db';
import { withScanLocks } from './checkin-locks.ts';
import { statementsFor } from './checkin-statements.ts';
import { storeScan, type ScanActor, type ScanAnswer, type ScanRequest } from './checkin-scan.ts';
import type { ScanReason } from './checkin-words.ts';

/*
 * Scans a device decided while the server could not be reached, uploaded when it is back. Each
 * is judged again by the server's rules and flagged for the supervisor where the device let in
 * someone the server would have refused — or where its clock cannot be believed.
 */

/** A scan decided by a device while offline, uploaded later with what it told the gate. */
export interface OfflineScanRequest extends ScanRequest {
	deviceReason: ScanReason;
}

/**
 * Stores the uploaded scans in the order they happened. Each is stored once (its nonce) and
 * judged at the device's time, bounded by `snapshotAt` (when the device's offline copy was made)
 * and the server's clock, each widened by the stated skew.
 */
export async function uploadOfflineScans(
	db: Db,
	writes: Writes,
	requests: OfflineScanRequest[],
	actor: ScanActor,
	now: () => Date,
	snapshotAt: Date | null = null
): Promise<ScanAnswer[]> {
	const s = statementsFor(db);
	const ordered = [...requests].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
	const answers = new Map<string, ScanAnswer>();
	// One after another: the first of two admissions of a ticket must take the slot. Submitted
	// together they would be one batch in order on SQLite, but concurrent transactions on
	// PostgreSQL, where the later scan could commit first.
	for (const request of ordered) {
		const answer = await withScanLocks(
			s,
			db,
			writes,
			request,
			now().getTime(),
			(tx, sessionLocked) => {
				const at = now();
				const bounds = deviceClockBounds(at.getTime(), snapshotAt?.getTime() ?? null);
				return storeScan({ s, tx, actor, now: at, sessionLocked }, request, {
					deviceReason: request.deviceReason,
					bounds
				});
			}
		);
		answers.set(request.nonce, answer);
	}
	return requests.map((r) => answers.get(r.nonce)!);
}
