import { createHash } from 'node:crypto';
import {
	beijingDate,
	boundedDeviceTime,
	classifyScannedText,
	entryKey,
	gateRefusal,
	scanRequestLine,
	sessionDoorRefusal,
	statusAt
} from '@huizhan/ledger/checkin';
import type { Db, DbOrTx, Tx, Writes, schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { SessionLockMissed, withScanLocks, type SessionLocked } from './checkin-locks.ts';
import { readTicket, verifyTicket } from '../tickets/token.ts';
import {
	statementsFor,
	type CheckinStatements,
	type CheckpointRow,
	type RegistrationRow,
	type ScanRow
} from './checkin-statements.ts';
import { verdictWords, type ReasonDetail, type ScanReason, type Words } from './checkin-words.ts';

/*
 * One scan at a gate, modelled on pretix's `perform_checkin`: every attempt is stored with its
 * reason code, a nonce makes a retry a no-op, and at most one admission per ticket, checkpoint
 * and period is held by a unique index (`scans_entry_once`), claimed with an INSERT inside one
 * immediate transaction — never a read-then-write. Writes go through the database's group
 * commit (`writes`): one fsync per batch of scans, not per scan.
 *
 * The rules themselves (what the text is, who may enter, which slot) are the shared ones of
 * `@huizhan/ledger/checkin`; this module only finds the facts in the database.
 */

/** Door staff may undo their own admission for this long; admins any, any time. */
export const UNDO_WINDOW_MS = 5 * 60 * 1000;

/** Who scans: a signed-in staff member (browser), or a scanner device with a bearer token. */
export interface ScanActor {
	staffId: number | null;
	/** Set for a PDA/turnstile; its scope limits where it may scan. */
	scanner: ScannerIdentity | null;
	/** Admins may undo any admission; door staff their own, within `UNDO_WINDOW_MS`. */
	mayUndoAny: boolean;
}

export interface ScannerIdentity {
	id: number;
	name: string;
	conferenceId: string;
	checkpointId: number | null;
}

export interface ScanRequest {
	checkpointId: number;
	/** What the scanner read: a ticket token `HZ1…`, or a reference `WSC-7K3Q9M`. */
	code?: string | undefined;
	/** The search path: the registration chosen from a search at the desk. */
	registrationId?: number | undefined;
	/** The scanning device's id as the server derives it; with the nonce it names the attempt. */
	deviceId: string;
	nonce: string;
	/** The device's clock at the scan. */
	scannedAt: Date;
}

export interface ScanAttendee {
	registrationId: number;
	name: string;
	organisation: string;
	category: schema.AttendeeCategory;
	categoryColor: string | null;
	reference: string;
}

export interface ScanAnswer {
	scanId: number;
	reason: ScanReason;
	/** A finer reason the words tell apart: `pending`, `rejected`. */
	detail: ReasonDetail;
	admitted: boolean;
	/** True when this nonce had been answered before: this is that first answer again. */
	replayed: boolean;
	words: Words;
	attendee: ScanAttendee | null;
	checkpoint: { id: number; nameZh: string; nameEn: string; printBadge: boolean };
	/** For `already_checked_in`: the admission that stands. */
	previous: {
		scanId: number;
		at: string;
		checkpointId: number;
		checkpointZh: string;
		checkpointEn: string;
	} | null;
	offline: boolean;
	/** For an uploaded offline scan: what the supervisor must review, if anything. */
	conflict: schema.ScanConflictKind | null;
	scannedAt: string;
	storedAt: string;
	/** Whether the caller may undo this admission: door staff and devices their own, admins any. */
	undoable: boolean;
	/** Until when, for door staff and devices (a few minutes); null when there is no limit or no undo. */
	undoableUntil: string | null;
}

/** How an uploaded offline scan is stored: what the device said, and the clock bounds. */
export interface OfflineFacts {
	deviceReason: ScanReason;
	bounds: { earliest: number; latest: number };
}

interface Verdict {
	reason: ScanReason;
	detail: ReasonDetail;
	registration: RegistrationRow | null;
	method: schema.ScanMethod | null;
}

/** Which registration the scanned text names, as the database knows it. */
async function findRegistration(
	s: CheckinStatements,
	tx: DbOrTx,
	request: ScanRequest,
	now: number
): Promise<{
	registration: RegistrationRow | null;
	method: schema.ScanMethod | null;
	reason?: ScanReason;
}> {
	if (request.registrationId !== undefined) {
		return {
			registration: (await s.registrationById(tx, request.registrationId)) ?? null,
			method: 'search'
		};
	}
	const scanned = classifyScannedText(request.code ?? '');
	if (scanned.kind === 'invalid') return { registration: null, method: null, reason: 'invalid' };
	if (scanned.kind === 'reference') {
		const registration = (await s.registrationByReference(tx, scanned.reference)) ?? null;
		return { registration, method: 'reference' };
	}
	const method = 'token';
	let claims = s.verifiedClaims(scanned.text);
	if (!claims) {
		const read = readTicket(scanned.text);
		const key = read && (await s.key(tx, read.keyId, now));
		if (!read || !key) return { registration: null, method, reason: 'invalid' };
		const checked = verifyTicket(scanned.text, (keyId) =>
			keyId === read.keyId ? key.key : undefined
		);
		if (!checked.ok) return { registration: null, method, reason: 'invalid' };
		claims = { keyId: read.keyId, registrationNumber: read.registrationNumber };
		s.rememberVerified(scanned.text, claims);
	}
	// Asked on every scan, not only the first: a retired key stops verifying its tickets.
	const key = await s.key(tx, claims.keyId, now);
	if (!key) return { registration: null, method, reason: 'invalid' };
	const registration = await s.registrationById(tx, claims.registrationNumber);
	// Signed by our key but naming no registration of that conference: not a ticket we issued
	// (or a database restored from before it was).
	if (!registration || registration.conference_id !== key.conferenceId) {
		return { registration: null, method };
	}
	return { registration, method };
}

/**
 * The verdict before the slot is claimed. An offline scan is judged by the registration's
 * status at the time of the scan (`statusAt`): a ticket cancelled after its holder came in was
 * valid when they did.
 */
async function judge(
	s: CheckinStatements,
	tx: DbOrTx,
	checkpoint: CheckpointRow,
	request: ScanRequest,
	judgedAt: number | null,
	now: number,
	sessionLocked: SessionLocked
): Promise<Verdict> {
	const found = await findRegistration(s, tx, request, now);
	const { registration, method } = found;
	if (!registration) {
		return { reason: found.reason ?? 'unknown', detail: null, registration: null, method };
	}
	const pass = registration.exhibitor_pass;
	const refusal = gateRefusal(
		{
			conferenceId: checkpoint.conference_id,
			allowedCategories: checkpoint.allowed_categories
		},
		{
			conferenceId: registration.conference_id,
			category: registration.category,
			status: statusAt(
				{ status: registration.status, cancelledAt: registration.cancelled_at },
				judgedAt
			),
			pass
		},
		// The Beijing day of the scan: the device's (bounded) clock offline, the server's online.
		{
			day: beijingDate(new Date(judgedAt ?? now)),
			setupDays: pass === 'setup' ? await s.setupDays(tx, checkpoint.conference_id) : null
		}
	);
	if (refusal) return { ...refusal, registration, method };
	if (checkpoint.session_id !== null) {
		const door = await s.sessionDoor(tx, checkpoint.session_id, registration.id);
		// Counting seats is only safe under the session's lock (`sessionDoorLock`).
		if (door && door.capacity !== null && !sessionLocked(door.id)) {
			throw new SessionLockMissed(checkpoint.id);
		}
		const sessionRefused =
			door &&
			sessionDoorRefusal(
				{
					allowedCategories: door.allowed_categories,
					signupRequired: door.signup_required === 1,
					capacity: door.capacity
				},
				{ category: registration.category, signedUp: door.signed_up > 0 },
				{
					attendance: door.attendance,
					alreadyIn: door.already_in > 0,
					heldSeats: door.held_seats
				}
			);
		if (sessionRefused) return { reason: sessionRefused, detail: null, registration, method };
	}
	return { reason: 'ok', detail: null, registration, method };
}

export async function checkpointOrThrow(
	s: CheckinStatements,
	tx: DbOrTx,
	checkpointId: number,
	options: { shared?: boolean } = {}
): Promise<CheckpointRow> {
	const checkpoint = await s.checkpointById(tx, checkpointId, options);
	if (!checkpoint) {
		throw new AppError('NOT_FOUND', 'checkpoint_not_found', `no checkpoint ${checkpointId}`);
	}
	return checkpoint;
}

export function assertInScope(actor: ScanActor, checkpoint: CheckpointRow): void {
	const scanner = actor.scanner;
	if (!scanner) return;
	if (
		scanner.conferenceId !== checkpoint.conference_id ||
		(scanner.checkpointId !== null && scanner.checkpointId !== checkpoint.id)
	) {
		throw new AppError(
			'FORBIDDEN',
			'device_out_of_scope',
			`scanner ${scanner.id} may not scan at checkpoint ${checkpoint.id}`
		);
	}
}

export interface StoreContext {
	s: CheckinStatements;
	/** The write job's transaction: every read and write of the scan runs in it. */
	tx: Tx;
	actor: ScanActor;
	now: Date;
	/** Which sessions' seat locks the transaction holds (`withScanLocks`). */
	sessionLocked: SessionLocked;
}

const digestOf = (request: ScanRequest) =>
	createHash('sha256')
		.update(scanRequestLine({ ...request, scannedAt: request.scannedAt.getTime() }))
		.digest('hex');

/** What a scan the server refused online becomes when the device uploads it as let in. */
const REFUSAL_CONFLICT: Partial<Record<ScanReason, schema.ScanConflictKind>> = {
	already_checked_in: 'double_admission',
	cancelled: 'admitted_after_cancellation'
};

/**
 * A nonce answered before. A different request under it is refused: it is someone else's use
 * of that nonce, and answering it from the first would tell them about another person. An
 * offline upload of a scan the server had refused online (the device timed out and let the
 * person in) is flagged, as it would have been had it reached the server first.
 */
async function replayed(
	{ s, tx, actor, now }: StoreContext,
	request: ScanRequest,
	row: ScanRow,
	digest: string,
	offline: OfflineFacts | null
): Promise<ScanAnswer> {
	if (row.request_digest !== null && row.request_digest !== digest) {
		throw new AppError(
			'CONFLICT',
			'nonce_reused',
			`nonce ${request.nonce} of this device was used for another scan`
		);
	}
	if (
		offline?.deviceReason === 'ok' &&
		row.kind === 'scan' &&
		row.offline === 0 &&
		row.reason !== 'ok' &&
		row.registration_id !== null
	) {
		await s.insertConflict(
			tx,
			row.conference_id,
			row.id,
			row.prior_scan_id,
			row.registration_id,
			REFUSAL_CONFLICT[row.reason ?? 'ok'] ?? 'admitted_after_refusal',
			null,
			now.getTime()
		);
	}
	return answerFor(s, tx, row, actor, now, true);
}

/** Runs inside the batch's immediate transaction: decides, claims the slot, stores the attempt. */
export async function storeScan(
	context: StoreContext,
	request: ScanRequest,
	offline: OfflineFacts | null
): Promise<ScanAnswer> {
	const { s, tx, actor, now, sessionLocked } = context;
	const digest = digestOf(request);
	const replay = await s.scanByNonce(tx, request.deviceId, request.nonce);
	if (replay) return replayed(context, request, replay, digest, offline);

	// Held until the commit: the gate's rule must not change under a scan judged by it.
	const checkpoint = await checkpointOrThrow(s, tx, request.checkpointId, { shared: true });
	assertInScope(actor, checkpoint);
	// Scans at a closed gate are refused before anything is stored; one made offline while the
	// gate was still open happened all the same and is kept.
	if (!checkpoint.active && !offline) {
		throw new AppError('CONFLICT', 'checkpoint_inactive', `checkpoint ${checkpoint.id} is closed`);
	}
	// Offline, the device's clock is believed within bounds only; outside them the scan is
	// judged (and stored) at the nearest bound and flagged. Online, the period is the server's day.
	const clock = offline ? boundedDeviceTime(request.scannedAt.getTime(), offline.bounds) : null;
	const verdict = await judge(
		s,
		tx,
		checkpoint,
		request,
		clock?.at ?? null,
		now.getTime(),
		sessionLocked
	);
	const registrationId = verdict.registration?.id ?? null;
	const admittedAt = clock ? new Date(clock.at) : now;
	const scannedAt = clock ? clock.at : request.scannedAt.getTime();
	const insert = (reason: ScanReason, key: string | null, prior: number | null) =>
		s.insertScan(
			tx,
			checkpoint.conference_id,
			checkpoint.id,
			registrationId,
			reason,
			verdict.method,
			key,
			prior,
			request.deviceId,
			request.nonce,
			actor.staffId,
			actor.scanner?.id ?? null,
			offline ? 1 : 0,
			offline?.deviceReason ?? null,
			scannedAt,
			now.getTime(),
			digest
		);

	let scanId: number | undefined;
	let storedReason: ScanReason = verdict.reason;
	let prior: number | null = null;
	const conflicts: { kind: schema.ScanConflictKind; other: number | null }[] = [];
	// An offline refusal is stored as refused whatever the server thinks now: nobody went in.
	const deviceAdmitted = !offline || offline.deviceReason === 'ok';
	if (verdict.reason === 'ok' && deviceAdmitted && registrationId !== null) {
		const key = entryKey(
			{ id: checkpoint.id, entryRule: checkpoint.entry_rule },
			registrationId,
			admittedAt
		);
		scanId = await insert('ok', key, null);
		const standing = scanId === undefined ? await s.standingAdmission(tx, key) : undefined;
		// Not found: it was the nonce that collided, not the slot (below).
		if (standing) {
			storedReason = 'already_checked_in';
			prior = standing.id;
			scanId = await insert(storedReason, null, prior);
			if (offline) conflicts.push({ kind: 'double_admission', other: standing.id });
		}
	} else {
		storedReason = offline && !deviceAdmitted ? offline.deviceReason : verdict.reason;
		scanId = await insert(storedReason, null, null);
		if (offline && deviceAdmitted && verdict.reason === 'cancelled') {
			conflicts.push({ kind: 'admitted_after_cancellation', other: null });
		}
	}
	if (scanId === undefined) {
		// The nonce was taken after the lookup above, by a request that asked for another ticket
		// (on PostgreSQL, under that ticket's lock: `checkin-locks.ts`). The insert waited for it
		// to commit, so its row is there to answer from: `nonce_reused`, or its answer.
		const first = await s.scanByNonce(tx, request.deviceId, request.nonce);
		if (first) return replayed(context, request, first, digest, offline);
		throw new Error(`scan ${request.deviceId}/${request.nonce} was not stored`);
	}
	if (clock?.outOfBounds && deviceAdmitted) conflicts.push({ kind: 'device_clock', other: null });
	if (registrationId !== null) {
		for (const conflict of conflicts) {
			await s.insertConflict(
				tx,
				checkpoint.conference_id,
				scanId,
				conflict.other,
				registrationId,
				conflict.kind,
				conflict.kind === 'device_clock' ? request.scannedAt.getTime() : null,
				now.getTime()
			);
		}
	}
	// The row as just written, without reading it back: this is the hot path.
	const row: ScanRow = {
		id: scanId,
		conference_id: checkpoint.conference_id,
		checkpoint_id: checkpoint.id,
		registration_id: registrationId,
		kind: 'scan',
		reason: storedReason,
		entry_key: null,
		prior_scan_id: prior,
		undone_by: null,
		staff_id: actor.staffId,
		scanner_device_id: actor.scanner?.id ?? null,
		offline: offline ? 1 : 0,
		device_reason: offline?.deviceReason ?? null,
		scanned_at: scannedAt,
		stored_at: now.getTime(),
		request_digest: digest
	};
	return answerFor(s, tx, row, actor, now, false, verdict.detail, {
		checkpoint,
		registration: verdict.registration,
		conflict: registrationId !== null ? (conflicts[0]?.kind ?? null) : null
	});
}

/** The answer for a stored scan; the same words whether first given or replayed. */
async function answerFor(
	s: CheckinStatements,
	tx: DbOrTx,
	row: ScanRow,
	actor: ScanActor,
	now: Date,
	replayed: boolean,
	detail: ReasonDetail = null,
	known: {
		checkpoint: CheckpointRow;
		registration: RegistrationRow | null;
		conflict: schema.ScanConflictKind | null;
	} | null = null
): Promise<ScanAnswer> {
	const checkpoint = known?.checkpoint ?? (await s.checkpointById(tx, row.checkpoint_id))!;
	const registration = known
		? (known.registration ?? undefined)
		: row.registration_id
			? await s.registrationById(tx, row.registration_id)
			: undefined;
	const reason = row.reason ?? 'ok';
	if (replayed && registration) {
		if (reason === 'cancelled' && registration.status === 'rejected') detail = 'rejected';
		if (reason === 'not_allowed_here' && registration.status === 'pending') detail = 'pending';
	}
	const prior = row.prior_scan_id ? await s.scanById(tx, row.prior_scan_id) : undefined;
	const priorCheckpoint = prior ? await s.checkpointById(tx, prior.checkpoint_id) : undefined;
	const previous =
		prior && priorCheckpoint
			? {
					scanId: prior.id,
					at: new Date(prior.scanned_at).toISOString(),
					checkpointId: prior.checkpoint_id,
					checkpointZh: priorCheckpoint.name_zh,
					checkpointEn: priorCheckpoint.name_en
				}
			: null;
	const session =
		(reason === 'not_signed_up' || reason === 'session_full') && checkpoint.session_id !== null
			? await s.sessionTitle(tx, checkpoint.session_id)
			: undefined;
	const admitted = row.kind === 'scan' && reason === 'ok';
	const deadline = admitted && row.undone_by === null ? undoDeadline(row, actor) : null;
	const conflict = known ? known.conflict : ((await s.conflictOfScan(tx, row.id)) ?? null);
	return {
		scanId: row.id,
		reason,
		detail,
		admitted,
		replayed,
		words: verdictWords(
			reason,
			detail,
			previous
				? {
						at: new Date(previous.at),
						checkpointZh: previous.checkpointZh,
						checkpointEn: previous.checkpointEn
					}
				: null,
			now,
			session ?? null
		),
		attendee: registration
			? {
					registrationId: registration.id,
					name: registration.name,
					organisation: registration.organisation,
					category: registration.category,
					categoryColor: registration.category_color,
					reference: registration.reference
				}
			: null,
		checkpoint: {
			id: checkpoint.id,
			nameZh: checkpoint.name_zh,
			nameEn: checkpoint.name_en,
			printBadge: checkpoint.print_badge === 1
		},
		previous,
		offline: row.offline === 1,
		conflict,
		scannedAt: new Date(row.scanned_at).toISOString(),
		storedAt: new Date(row.stored_at).toISOString(),
		undoable: deadline !== null,
		undoableUntil:
			deadline && deadline.getTime() < NO_LIMIT.getTime() ? deadline.toISOString() : null
	};
}

/** The latest instant a Date holds: an admin's undo has no deadline. */
const NO_LIMIT = new Date(8_640_000_000_000_000);

/** Until when this actor may undo an admission: admins always, others their own for a while. */
export function undoDeadline(row: ScanRow, actor: ScanActor): Date | null {
	if (actor.mayUndoAny) return NO_LIMIT;
	const own =
		(actor.scanner !== null && row.scanner_device_id === actor.scanner.id) ||
		(actor.scanner === null && actor.staffId !== null && row.staff_id === actor.staffId);
	return own ? new Date(row.stored_at + UNDO_WINDOW_MS) : null;
}

/** One scan at a gate; resolves once it is stored (or answered from an earlier identical one). */
export async function scan(
	db: Db,
	writes: Writes,
	request: ScanRequest,
	actor: ScanActor,
	now: () => Date
): Promise<ScanAnswer> {
	const s = statementsFor(db);
	return withScanLocks(s, db, writes, request, now().getTime(), (tx, sessionLocked) =>
		storeScan({ s, tx, actor, now: now(), sessionLocked }, request, null)
	);
}
