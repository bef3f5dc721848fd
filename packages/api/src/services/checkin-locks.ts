import { classifyScannedText } from '@huizhan/ledger/checkin';
import { dialectOf, type Db, type DbOrTx, type Tx, type Writes } from '@huizhan/db';
import { readTicket } from '../tickets/token.ts';
import type { CheckinStatements } from './checkin-statements.ts';
import type { ScanRequest } from './checkin-scan.ts';

/**
 * The lock of one ticket at the doors (`writes.run(…, { locks })`). On PostgreSQL a scan then
 * runs READ COMMITTED after taking it, instead of SERIALIZABLE: the scans of one ticket queue,
 * each seeing all that the one before it committed, and scans of different tickets never wait
 * for each other nor fail each other's snapshots (SERIALIZABLE, 7–8% of the 10,000-scan test's
 * scans were run again after a serialization failure, and 64 scans of one ticket at once ran
 * out of attempts). On SQLite every write transaction runs alone already.
 *
 * Why READ COMMITTED under this lock keeps every guarantee of the scan, one by one:
 * - At most one admission per ticket, gate and period: the admission is claimed by INSERT into
 *   the unique index `scans_entry_once`, which holds under any isolation. Its key names the
 *   registration, and the only transactions that write it or mark it undone — a scan and an undo
 *   of that registration — take this lock, so a scan that finds the slot taken reads the
 *   standing admission as committed, never one an undo is freeing at that moment.
 * - An undo and a scan of one ticket do not interleave, nor do two undos of one admission: the
 *   undo takes the lock of the admission's registration (`undoLock`), read before its
 *   transaction (a scan's registration never changes).
 * - A nonce answers its first answer: a retry asks the same thing, so it names the same ticket,
 *   queues behind its first attempt and finds that attempt's row. A different request reusing
 *   the nonce may hold another ticket's lock: its insert then waits for the first one's commit
 *   and inserts nothing (ON CONFLICT DO NOTHING), and the scan answers from the row that took
 *   the nonce (`storeScan`) — as a replay, or `nonce_reused`.
 * - The registration's status (an admin's decision, a cancellation on the ticket page) is read
 *   once, and the transactions that change it read nothing a scan writes: a scan that read the
 *   status before a cancellation committed is one that came before it, as under SERIALIZABLE.
 *   They need not take the lock.
 * - The gate is read once too, but its edit does read the scans (its rule is fixed once the gate
 *   has any): a scan holds the gate's row FOR KEY SHARE from that read to its commit, and the
 *   edit locks the row FOR UPDATE before it asks (`updateCheckpoint`), so it waits for the scans
 *   judged by the rule it would change.
 * - The review resolves conflicts (`resolved_at`), which no scan reads; a scan adds conflicts of
 *   its own new row only, or of its nonce's row under that row's ticket lock.
 * - There are no counters to keep: the counts per gate and day are read from the scans
 *   themselves, and a scan writes nothing about its device.
 */
export const ticketLock = (registrationId: number) => `ticket:${registrationId}`;

/**
 * The lock a scan takes, known before its transaction: its ticket's. The ticket's number is in
 * its token (read, not yet verified: a forged one only queues behind that ticket's scans) and a
 * reference is looked up first (references never change). Text naming no ticket writes nothing
 * another scan reads but its nonce, so it queues behind its own retries only.
 */
export async function scanLock(
	s: CheckinStatements,
	db: DbOrTx,
	request: Pick<ScanRequest, 'code' | 'registrationId' | 'deviceId' | 'nonce'>
): Promise<string> {
	if (request.registrationId !== undefined) return ticketLock(request.registrationId);
	const scanned = classifyScannedText(request.code ?? '');
	const registrationId =
		scanned.kind === 'token'
			? readTicket(scanned.text)?.registrationNumber
			: scanned.kind === 'reference'
				? (await s.registrationByReference(db, scanned.reference))?.id
				: undefined;
	return registrationId !== undefined
		? ticketLock(registrationId)
		: `scan-nonce:${request.deviceId}:${request.nonce}`;
}

/** The lock an undo takes: that of the admission's ticket. */
export async function undoLock(s: CheckinStatements, db: DbOrTx, scanId: number): Promise<string> {
	const admission = await s.scanById(db, scanId);
	// No such scan, or one naming no ticket: the undo is refused inside its transaction.
	return admission?.registration_id != null
		? ticketLock(admission.registration_id)
		: `scan:${scanId}`;
}

/**
 * The seats of a session at its doors: a scan at a gate of a session takes it besides its
 * ticket's, so the admissions that count its attendance queue and the room never overfills (two
 * lanes at two doors of one forum, each seeing the last seat free, would both let someone in).
 * Undoing an admission only frees a seat and takes the ticket's lock alone: a scan that counted
 * the seat as taken refused someone a moment early, never let one too many in.
 */
export const sessionDoorLock = (sessionId: number) => `session-door:${sessionId}`;

/** Whether the scan's transaction holds the seats lock of a session (on SQLite: always). */
export type SessionLocked = (sessionId: number) => boolean;

/**
 * Thrown inside a scan's transaction when its gate turned out to be the door of a session
 * whose lock it does not hold (the gate was moved to another session since it was read). The
 * transaction is rolled back and the scan run again with the right locks.
 */
export class SessionLockMissed extends Error {
	constructor(readonly checkpointId: number) {
		super(`checkpoint ${checkpointId} changed sessions while a scan was under way`);
	}
}

/** Runs a scan's write job under its ticket's lock and, at a session's gate, the session's. */
export async function withScanLocks<T>(
	s: CheckinStatements,
	db: Db,
	writes: Writes,
	request: Pick<ScanRequest, 'checkpointId' | 'code' | 'registrationId' | 'deviceId' | 'nonce'>,
	now: number,
	job: (tx: Tx, sessionLocked: SessionLocked) => Promise<T>
): Promise<T> {
	const ticket = await scanLock(s, db, request);
	if (dialectOf(db) === 'sqlite')
		return writes.run((tx) => job(tx, () => true), { locks: [ticket] });
	for (let attempt = 1; ; attempt++) {
		const sessionId = await s.gateSessionId(db, request.checkpointId, now);
		const locks = sessionId === null ? [ticket] : [ticket, sessionDoorLock(sessionId)];
		try {
			return await writes.run((tx) => job(tx, (id) => id === sessionId), { locks });
		} catch (error) {
			if (!(error instanceof SessionLockMissed) || attempt >= 3) throw error;
			s.forgetGateSession(request.checkpointId);
		}
	}
}
