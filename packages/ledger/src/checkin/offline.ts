import type {
	AttendeeCategory,
	EntryRule,
	ReasonDetail,
	RegistrationStatus,
	ScanReason
} from './lists.ts';
import { readTicket, type ReadTicket } from './token.ts';
import { sessionDoorRefusal, type SessionDoor } from './session-door.ts';
import { beijingDate, classifyScannedText, entryKey, gateRefusal } from './verdict.ts';
import type { SetupDays } from '../exhibition.ts';

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
		/** The session this gate is the door of; absent in snapshots made before sessions. */
		sessionId?: number | null;
	}[];
	/** The rule of each session some gate is the door of. */
	sessions?: SessionDoorSnapshot[];
	/** `[registration, name, organisation, category, status]` */
	tickets: [number, string, string, AttendeeCategory, RegistrationStatus][];
	/** `[checkpoint, registration, period]` of each standing admission. */
	admissions: [number, number, string][];
	/**
	 * The edition's set-up days, and the registrations that are set-up passes (布展证) — a list
	 * apart rather than a field in every ticket: a few hundred among tens of thousands. Absent in
	 * snapshots made before the exhibition; a set-up pass then reads as an ordinary ticket.
	 */
	setupDays?: SetupDays | null;
	setupPasses?: number[];
}

/** A session's door rule as the scanner keeps it. */
export interface SessionDoorSnapshot extends SessionDoor {
	id: number;
	/** Every gate of the session, closed ones too: admissions at any of them fill the room. */
	gates: number[];
	/**
	 * Who signed up, for a session with a sign-up rule or a capacity (`needsSignups`); null for the
	 * others, which never ask. Bounded by the sign-ups, which the capacity bounds.
	 */
	signedUp: number[] | null;
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
	const refusal = gateRefusal(
		checkpoint,
		{
			conferenceId: snapshot.conferenceId,
			category,
			status,
			revoked: snapshot.revoked.includes(registrationId),
			pass: snapshot.setupPasses?.includes(registrationId) ? 'setup' : null
		},
		{ day: beijingDate(new Date(now)), setupDays: snapshot.setupDays ?? null }
	);
	if (refusal) return verdict(refusal.reason, refusal.detail);
	const session =
		checkpoint.sessionId != null
			? snapshot.sessions?.find((s) => s.id === checkpoint.sessionId)
			: undefined;
	if (session) {
		const refusal = sessionDoorRefusal(
			session,
			{ category, signedUp: session.signedUp?.includes(registrationId) ?? false },
			seatsOffline(session, registrationId, admitted)
		);
		if (refusal) return verdict(refusal);
	}
	const key = entryKey(checkpoint, registrationId, new Date(now));
	if (admitted.has(key)) return verdict('already_checked_in', null, key);
	return verdict('ok', null, key);
}

/** The session's seats as the entry keys taken (the snapshot's and this device's) tell them. */
function seatsOffline(session: SessionDoorSnapshot, registrationId: number, admitted: Set<string>) {
	const gates = new Set(session.gates.map(String));
	const inside = new Set<number>();
	for (const key of admitted) {
		const [gate, person] = key.split(':');
		if (gates.has(gate ?? '')) inside.add(Number(person));
	}
	const alreadyIn = inside.delete(registrationId);
	const heldSeats = (session.signedUp ?? []).filter(
		(id) => id !== registrationId && !inside.has(id)
	).length;
	return { attendance: inside.size, alreadyIn, heldSeats };
}
