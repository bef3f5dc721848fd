import type {
	AttendeeCategory,
	EntryRule,
	ReasonDetail,
	RegistrationStatus,
	ScanReason
} from './lists.ts';
import { readTicket, type ReadTicket } from './token.ts';
import { classifyScannedText, entryKey, gateRefusal } from './verdict.ts';

/*
 * The verdict ladder run against an offline snapshot: what a scanner decides on its own while the
 * server cannot be reached. The server judges every queued scan again when it is uploaded and
 * flags where the device let in someone it would have refused.
 */

/** The part of the server's check-in snapshot the verdict reads. */
export interface VerdictSnapshot {
	conferenceId: string;
	/** Every key that may still verify tickets, of every conference (retired ones are left out). */
	keys: { keyId: string; publicKey: string }[];
	/** Whose each key is, so a ticket of another conference is told apart once verified. */
	keyConferences: Record<string, string>;
	revoked: number[];
	checkpoints: {
		id: number;
		conferenceId: string;
		allowedCategories: readonly string[];
		entryRule: EntryRule;
	}[];
	/** `[registration, name, organisation, category, status]` */
	tickets: [number, string, string, AttendeeCategory, RegistrationStatus][];
	/** `[checkpoint, registration, period]` of each standing admission. */
	admissions: [number, number, string][];
}

export interface OfflineVerdict {
	reason: ScanReason;
	detail: ReasonDetail;
	registrationId: number | null;
	attendee: { name: string; organisation: string; category: string } | null;
	/** The entry this admission claims, or the one that stands in its way. */
	entryKey: string | null;
}

/** Checks a ticket's Ed25519 signature with a raw public key (base64); never throws. */
export type SignatureCheck = (ticket: ReadTicket, publicKey: string) => Promise<boolean>;

/** Entry keys of the standing admissions in a snapshot. */
export const admittedKeys = (snapshot: Pick<VerdictSnapshot, 'admissions'>): Set<string> =>
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
	snapshot: VerdictSnapshot,
	checkpointId: number,
	input: { code?: string | undefined; registrationId?: number | undefined },
	admitted: Set<string>,
	/** The device's clock, epoch milliseconds. */
	now: number,
	checkSignature: SignatureCheck
): Promise<OfflineVerdict> {
	const refuse = (reason: ScanReason): OfflineVerdict => ({
		reason,
		detail: null,
		registrationId: null,
		attendee: null,
		entryKey: null
	});
	const checkpoint = snapshot.checkpoints.find((c) => c.id === checkpointId);
	if (!checkpoint) return refuse('invalid');

	let registrationId: number;
	if (input.registrationId !== undefined) {
		registrationId = input.registrationId;
	} else {
		const scanned = classifyScannedText(input.code ?? '');
		// A typed reference cannot be looked up offline: the snapshot holds no references.
		if (scanned.kind === 'reference') return refuse('unknown');
		if (scanned.kind === 'invalid') return refuse('invalid');
		const ticket = readTicket(scanned.text);
		if (!ticket) return refuse('invalid');
		const key = snapshot.keys.find((k) => k.keyId === ticket.keyId);
		if (!key || !(await checkSignature(ticket, key.publicKey))) return refuse('invalid');
		// A real ticket of another conference (the server finds its registration there).
		const owner = snapshot.keyConferences[ticket.keyId];
		if (owner !== snapshot.conferenceId) return refuse('wrong_conference');
		registrationId = ticket.registrationNumber;
	}

	const ticket = snapshot.tickets.find((t) => t[0] === registrationId);
	if (!ticket) return refuse('unknown');
	const [, name, organisation, category, status] = ticket;
	const verdict = (
		reason: ScanReason,
		detail: ReasonDetail = null,
		key: string | null = null
	): OfflineVerdict => ({
		reason,
		detail,
		registrationId,
		attendee: { name, organisation, category },
		entryKey: key
	});
	const refusal = gateRefusal(checkpoint, {
		conferenceId: snapshot.conferenceId,
		category,
		status,
		revoked: snapshot.revoked.includes(registrationId)
	});
	if (refusal) return verdict(refusal.reason, refusal.detail);
	const key = entryKey(checkpoint, registrationId, new Date(now));
	if (admitted.has(key)) return verdict('already_checked_in', null, key);
	return verdict('ok', null, key);
}
