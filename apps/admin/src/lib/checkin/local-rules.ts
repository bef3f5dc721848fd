import type { CheckinSnapshot, ScanReason } from '@huizhan/api';
import { readTicket, verifySignature, TOKEN_PREFIX } from './ticket-token';

/*
 * The rules of the scan service (packages/api `checkin.ts`), applied by the scanner page itself
 * when the server cannot be reached: the same order, the same reason codes, against the
 * snapshot and the admissions this device knows of. The server judges every queued scan again
 * when it is uploaded and flags where the device let in someone it would have refused.
 */

export type Snapshot = Pick<
	CheckinSnapshot,
	| 'conferenceId'
	| 'keys'
	| 'keyConferences'
	| 'revoked'
	| 'tickets'
	| 'checkpoints'
	| 'admissions'
	| 'categoryColors'
>;

export interface OfflineVerdict {
	reason: ScanReason;
	detail: 'pending' | 'rejected' | null;
	registrationId: number | null;
	attendee: { name: string; organisation: string; category: string } | null;
	/** The entry this admission claims, or the one that stands in its way. */
	entryKey: string | null;
}

const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;
export const beijingDate = (at: Date) =>
	new Date(at.getTime() + BEIJING_OFFSET_MS).toISOString().slice(0, 10);

export function entryKey(
	checkpoint: { id: number; entryRule: string },
	registrationId: number,
	at: Date
): string {
	const period = checkpoint.entryRule === 'once_per_day' ? beijingDate(at) : 'all';
	return `${checkpoint.id}:${registrationId}:${period}`;
}

/** Entry keys of the standing admissions in a snapshot. */
export const admittedKeys = (snapshot: Snapshot): Set<string> =>
	new Set(
		snapshot.admissions.map(
			([checkpoint, registration, period]) => `${checkpoint}:${registration}:${period}`
		)
	);

/**
 * Decides a scan offline. `code` is what was scanned or typed; `registrationId` the person chosen
 * in a search. `admitted` holds the entry keys already taken (snapshot + this device's own).
 */
export async function judgeOffline(
	snapshot: Snapshot,
	checkpointId: number,
	input: { code?: string; registrationId?: number },
	admitted: Set<string>,
	/** The device's clock, epoch milliseconds. */
	now: number
): Promise<OfflineVerdict> {
	const refuse = (reason: ScanReason, registrationId: number | null = null): OfflineVerdict => ({
		reason,
		detail: null,
		registrationId,
		attendee: null,
		entryKey: null
	});
	const checkpoint = snapshot.checkpoints.find((c) => c.id === checkpointId);
	if (!checkpoint) return refuse('invalid');

	let registrationId: number;
	if (input.registrationId !== undefined) {
		registrationId = input.registrationId;
	} else {
		const text = (input.code ?? '').trim().toUpperCase();
		if (!text.startsWith(TOKEN_PREFIX)) {
			// A typed reference cannot be looked up offline: the snapshot holds no references.
			return refuse(/^[A-Z]{2,5}-?[0-9A-Z]{6}$/.test(text) ? 'unknown' : 'invalid');
		}
		const claims = readTicket(text);
		if (!claims) return refuse('invalid');
		const key = snapshot.keys.find((k) => k.keyId === claims.keyId);
		// A key of another conference is not in this snapshot, but its id is known.
		if (!key) return refuse(snapshot.keyConferences[claims.keyId] ? 'wrong_conference' : 'invalid');
		if (!(await verifySignature(claims, key.publicKey))) return refuse('invalid');
		registrationId = claims.registrationNumber;
	}

	const ticket = snapshot.tickets.find((t) => t[0] === registrationId);
	if (!ticket) return refuse('unknown');
	const [, name, organisation, category, status] = ticket;
	const verdict = (
		reason: ScanReason,
		detail: OfflineVerdict['detail'] = null,
		key: string | null = null
	) => ({
		reason,
		detail,
		registrationId,
		attendee: { name, organisation, category },
		entryKey: key
	});
	if (status === 'rejected') return verdict('cancelled', 'rejected');
	if (status === 'cancelled' || snapshot.revoked.includes(registrationId))
		return verdict('cancelled');
	if (status === 'pending') return verdict('not_allowed_here', 'pending');
	if (!checkpoint.allowedCategories.includes(category)) return verdict('not_allowed_here');
	const key = entryKey(checkpoint, registrationId, new Date(now));
	if (admitted.has(key)) return verdict('already_checked_in', null, key);
	return verdict('ok', null, key);
}
