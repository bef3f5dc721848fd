import type { KeyObject } from 'node:crypto';
import type { Db, Sqlite } from '@huizhan/db';
import { groupCommitFor, schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { publicKeyFromRaw, readTicket, verifyTicket, TOKEN_PREFIX } from '../tickets/token.ts';
import { recordAudit } from './audit.ts';
import {
	beijingDate,
	verdictWords,
	type ReasonDetail,
	type ScanReason,
	type Words
} from './checkin-words.ts';

/*
 * The door check-in (docs/architecture.md, “The path of a scan”, issue #6), modelled on pretix's `perform_checkin`: every
 * attempt is stored with its reason code, a nonce makes a retry a no-op, and at most one
 * admission per ticket, checkpoint and period is held by a unique index (`scans_entry_once`),
 * claimed with an INSERT inside one immediate transaction — never a read-then-write.
 *
 * This is the hot path of the morning rush, so it talks to SQLite through prepared statements
 * (one set per connection), keeps the ticket keys as ready KeyObjects, and writes through the
 * connection's group commit (`groupCommitFor`): one fsync per batch of scans, not per scan.
 */

export type { ScanReason, Words } from './checkin-words.ts';

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
	/** The scanning device's own id; with the nonce it names the attempt. */
	deviceId: string;
	nonce: string;
	/** The device's clock at the scan. */
	scannedAt: Date;
}

/** A scan decided by a device while offline, uploaded later with what it told the gate. */
export interface OfflineScanRequest extends ScanRequest {
	deviceReason: ScanReason;
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
	/** For an uploaded offline scan that the server would have refused. */
	conflict: schema.ScanConflictKind | null;
	scannedAt: string;
	storedAt: string;
	/** Whether the caller may undo this admission: door staff and devices their own, admins any. */
	undoable: boolean;
	/** Until when, for door staff and devices (a few minutes); null when there is no limit or no undo. */
	undoableUntil: string | null;
}

interface RegistrationRow {
	id: number;
	conference_id: string;
	category: schema.AttendeeCategory;
	name: string;
	organisation: string;
	status: schema.RegistrationStatus;
	reference: string;
	cancelled_at: number | null;
	decided_at: number | null;
}

interface CheckpointRow {
	id: number;
	conference_id: string;
	name_zh: string;
	name_en: string;
	allowed_categories: string;
	entry_rule: schema.EntryRule;
	print_badge: number;
	active: number;
}

interface ScanRow {
	id: number;
	conference_id: string;
	checkpoint_id: number;
	registration_id: number | null;
	kind: schema.ScanKind;
	reason: ScanReason | null;
	entry_key: string | null;
	prior_scan_id: number | null;
	undone_by: number | null;
	staff_id: number | null;
	scanner_device_id: number | null;
	offline: number;
	device_reason: ScanReason | null;
	scanned_at: number;
	stored_at: number;
}

interface Verdict {
	reason: ScanReason;
	detail: ReasonDetail;
	registration: RegistrationRow | null;
	method: schema.ScanMethod | null;
}

const REFERENCE = /^[A-Z]{2,5}-?[0-9A-Z]{6}$/;

/** Prepared statements and caches of one connection. */
class CheckinStatements {
	readonly scanByNonce;
	readonly scanById;
	readonly registrationById;
	readonly registrationByReference;
	readonly checkpointById;
	readonly categoryColor;
	readonly insertScan;
	readonly standingAdmission;
	readonly markUndone;
	readonly insertUndo;
	readonly insertConflict;
	readonly conflictOfScan;
	readonly allKeys;
	private keys = new Map<string, { conferenceId: string; key: KeyObject }>();
	/**
	 * Tokens whose signature has been checked, by text. A ticket's token never changes and a key
	 * never stops verifying what it signed, so a second scan of the same ticket (a retry, a
	 * person trying twice) skips the Ed25519 check, which is most of a scan's CPU time.
	 */
	private verified = new Map<string, { keyId: string; registrationNumber: number }>();
	private keysLoadedAt = 0;

	constructor(readonly sqlite: Sqlite) {
		this.scanByNonce = sqlite.prepare<[string, string], ScanRow>(
			'SELECT * FROM scans WHERE device_id = ? AND nonce = ?'
		);
		this.scanById = sqlite.prepare<[number], ScanRow>('SELECT * FROM scans WHERE id = ?');
		const registrationColumns =
			'id, conference_id, category, name, organisation, status, reference, cancelled_at, decided_at';
		this.registrationById = sqlite.prepare<[number], RegistrationRow>(
			`SELECT ${registrationColumns} FROM registrations WHERE id = ?`
		);
		this.registrationByReference = sqlite.prepare<[string], RegistrationRow>(
			`SELECT ${registrationColumns} FROM registrations WHERE reference = ?`
		);
		this.checkpointById = sqlite.prepare<[number], CheckpointRow>(
			'SELECT id, conference_id, name_zh, name_en, allowed_categories, entry_rule, print_badge, active FROM checkpoints WHERE id = ?'
		);
		this.categoryColor = sqlite
			.prepare<[string, string], string>(
				'SELECT color FROM conference_categories WHERE conference_id = ? AND category = ?'
			)
			.pluck();
		// ON CONFLICT DO NOTHING: an admission whose slot is taken inserts nothing (and returns no
		// row); the caller then stores the attempt as `already_checked_in`.
		this.insertScan = sqlite
			.prepare<
				[
					string,
					number,
					number | null,
					ScanReason,
					schema.ScanMethod | null,
					string | null,
					number | null,
					string,
					string,
					number | null,
					number | null,
					number,
					ScanReason | null,
					number,
					number
				],
				number
			>(
				`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, method,
					entry_key, prior_scan_id, device_id, nonce, staff_id, scanner_device_id, offline,
					device_reason, scanned_at, stored_at)
				VALUES (?, ?, ?, 'scan', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT DO NOTHING RETURNING id`
			)
			.pluck();
		this.standingAdmission = sqlite.prepare<[string], ScanRow>(
			'SELECT * FROM scans WHERE entry_key = ? AND undone_by IS NULL'
		);
		this.markUndone = sqlite.prepare<[number, number]>(
			'UPDATE scans SET undone_by = ? WHERE id = ? AND undone_by IS NULL AND entry_key IS NOT NULL'
		);
		this.insertUndo = sqlite
			.prepare<
				[
					string,
					number,
					number | null,
					number,
					string,
					string,
					string,
					number | null,
					number | null,
					number,
					number
				],
				number
			>(
				`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, undoes, note,
					device_id, nonce, staff_id, scanner_device_id, scanned_at, stored_at)
				VALUES (?, ?, ?, 'undo', NULL, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
			)
			.pluck();
		this.insertConflict = sqlite.prepare<
			[string, number, number | null, number, schema.ScanConflictKind, number]
		>(
			`INSERT INTO scan_conflicts (conference_id, scan_id, other_scan_id, registration_id, kind, created_at)
			VALUES (?, ?, ?, ?, ?, ?)`
		);
		this.conflictOfScan = sqlite
			.prepare<[number], schema.ScanConflictKind>(
				'SELECT kind FROM scan_conflicts WHERE scan_id = ?'
			)
			.pluck();
		this.allKeys = sqlite.prepare<
			[],
			{ key_id: string; conference_id: string; public_key: string }
		>('SELECT key_id, conference_id, public_key FROM ticket_keys');
	}

	verifiedClaims(token: string) {
		return this.verified.get(token);
	}

	rememberVerified(token: string, claims: { keyId: string; registrationNumber: number }) {
		if (this.verified.size >= 50_000) this.verified.clear();
		this.verified.set(token, claims);
	}

	/**
	 * The public key named by a token, as a ready KeyObject. Keys are loaded once and again only
	 * when a token names one not seen yet (a new key after rotation), at most once a second, so
	 * a flood of forged key ids costs no more than one query a second.
	 */
	key(keyId: string, now: number): { conferenceId: string; key: KeyObject } | undefined {
		const known = this.keys.get(keyId);
		if (known || now - this.keysLoadedAt < 1_000) return known;
		this.keysLoadedAt = now;
		const keys = new Map<string, { conferenceId: string; key: KeyObject }>();
		for (const row of this.allKeys.all()) {
			keys.set(row.key_id, {
				conferenceId: row.conference_id,
				key: publicKeyFromRaw(row.public_key)
			});
		}
		this.keys = keys;
		return keys.get(keyId);
	}
}

const statementsByConnection = new WeakMap<Sqlite, CheckinStatements>();
function statementsFor(sqlite: Sqlite): CheckinStatements {
	let statements = statementsByConnection.get(sqlite);
	if (!statements) {
		statements = new CheckinStatements(sqlite);
		statementsByConnection.set(sqlite, statements);
	}
	return statements;
}

const STATUS_REFUSAL: Partial<Record<schema.RegistrationStatus, Verdict['detail']>> = {
	cancelled: null,
	rejected: 'rejected'
};

/**
 * Which registration the scanned text names, and the verdict before the slot is claimed. An
 * offline scan is judged by the registration's status at the time of the scan: a ticket
 * cancelled after its holder came in was valid when they did.
 */
function judge(
	s: CheckinStatements,
	checkpoint: CheckpointRow,
	request: ScanRequest,
	statusAt: number | null
): Verdict {
	let registration: RegistrationRow | undefined;
	let method: schema.ScanMethod;
	if (request.registrationId !== undefined) {
		method = 'search';
		registration = s.registrationById.get(request.registrationId);
		if (!registration) return { reason: 'unknown', detail: null, registration: null, method };
	} else {
		const text = (request.code ?? '').trim().toUpperCase();
		if (text.startsWith(TOKEN_PREFIX)) {
			method = 'token';
			let claims = s.verifiedClaims(text);
			if (!claims) {
				const read = readTicket(text);
				const key = read && s.key(read.keyId, Date.now());
				if (!read || !key) return { reason: 'invalid', detail: null, registration: null, method };
				const checked = verifyTicket(text, (keyId) => (keyId === read.keyId ? key.key : undefined));
				if (!checked.ok) return { reason: 'invalid', detail: null, registration: null, method };
				claims = { keyId: read.keyId, registrationNumber: read.registrationNumber };
				s.rememberVerified(text, claims);
			}
			const key = s.key(claims.keyId, Date.now())!;
			registration = s.registrationById.get(claims.registrationNumber);
			if (!registration || registration.conference_id !== key.conferenceId) {
				// Signed by our key but naming no registration of that conference: not a ticket we
				// issued (or a database restored from before it was).
				return { reason: 'unknown', detail: null, registration: null, method };
			}
		} else if (REFERENCE.test(text)) {
			method = 'reference';
			const reference = text.includes('-')
				? text
				: text.replace(/^([A-Z]+?)([0-9A-Z]{6})$/, '$1-$2');
			registration = s.registrationByReference.get(reference);
			if (!registration) return { reason: 'unknown', detail: null, registration: null, method };
		} else {
			return { reason: 'invalid', detail: null, registration: null, method: null };
		}
	}
	if (registration.conference_id !== checkpoint.conference_id) {
		return { reason: 'wrong_conference', detail: null, registration, method };
	}
	let status = registration.status;
	// Offline: a ticket cancelled after the scan was still valid when its holder came in.
	if (
		statusAt !== null &&
		status === 'cancelled' &&
		registration.cancelled_at !== null &&
		registration.cancelled_at > statusAt
	) {
		status = 'confirmed';
	}
	if (status in STATUS_REFUSAL) {
		return { reason: 'cancelled', detail: STATUS_REFUSAL[status] ?? null, registration, method };
	}
	if (status === 'pending') {
		return { reason: 'not_allowed_here', detail: 'pending', registration, method };
	}
	const allowed = JSON.parse(checkpoint.allowed_categories) as string[];
	if (!allowed.includes(registration.category)) {
		return { reason: 'not_allowed_here', detail: null, registration, method };
	}
	return { reason: 'ok', detail: null, registration, method };
}

/** `<checkpoint>:<registration>:<period>`; the period is `all` or the Beijing date. */
export function entryKey(
	checkpoint: { id: number; entryRule: schema.EntryRule },
	registrationId: number,
	at: Date
): string {
	const period = checkpoint.entryRule === 'once_per_day' ? beijingDate(at) : 'all';
	return `${checkpoint.id}:${registrationId}:${period}`;
}

function checkpointOrThrow(s: CheckinStatements, checkpointId: number): CheckpointRow {
	const checkpoint = s.checkpointById.get(checkpointId);
	if (!checkpoint) {
		throw new AppError('NOT_FOUND', 'checkpoint_not_found', `no checkpoint ${checkpointId}`);
	}
	return checkpoint;
}

function assertInScope(actor: ScanActor, checkpoint: CheckpointRow): void {
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

interface StoreContext {
	s: CheckinStatements;
	actor: ScanActor;
	now: Date;
}

/** Runs inside the batch's immediate transaction: decides, claims the slot, stores the attempt. */
function storeScan(
	{ s, actor, now }: StoreContext,
	request: ScanRequest,
	offline: { deviceReason: ScanReason } | null
): ScanAnswer {
	const replay = s.scanByNonce.get(request.deviceId, request.nonce);
	if (replay) return answerFor(s, replay, actor, now, true);

	const checkpoint = checkpointOrThrow(s, request.checkpointId);
	assertInScope(actor, checkpoint);
	// Scans at a closed gate are refused before anything is stored; one made offline while the
	// gate was still open happened all the same and is kept.
	if (!checkpoint.active && !offline) {
		throw new AppError('CONFLICT', 'checkpoint_inactive', `checkpoint ${checkpoint.id} is closed`);
	}
	const verdict = judge(s, checkpoint, request, offline ? request.scannedAt.getTime() : null);
	const registrationId = verdict.registration?.id ?? null;
	// Online, the period is the server's day; offline, the day the device saw.
	const admittedAt = offline ? request.scannedAt : now;
	const insert = (reason: ScanReason, key: string | null, prior: number | null) =>
		s.insertScan.get(
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
			request.scannedAt.getTime(),
			now.getTime()
		);

	let scanId: number | undefined;
	let storedReason: ScanReason = verdict.reason;
	let prior: number | null = null;
	let conflict: { kind: schema.ScanConflictKind; other: number | null } | null = null;
	// An offline refusal is stored as refused whatever the server thinks now: nobody went in.
	const deviceAdmitted = !offline || offline.deviceReason === 'ok';
	if (verdict.reason === 'ok' && deviceAdmitted && registrationId !== null) {
		const key = entryKey(
			{ id: checkpoint.id, entryRule: checkpoint.entry_rule },
			registrationId,
			admittedAt
		);
		scanId = insert('ok', key, null);
		if (scanId === undefined) {
			const standing = s.standingAdmission.get(key);
			storedReason = 'already_checked_in';
			prior = standing?.id ?? null;
			scanId = insert(storedReason, null, prior);
			if (offline) conflict = { kind: 'double_admission', other: standing?.id ?? null };
		}
	} else {
		storedReason = offline && !deviceAdmitted ? offline.deviceReason : verdict.reason;
		scanId = insert(storedReason, null, null);
		if (offline && deviceAdmitted && verdict.reason === 'cancelled' && registrationId !== null) {
			conflict = { kind: 'admitted_after_cancellation', other: null };
		}
	}
	if (scanId === undefined) {
		// Only the nonce can collide here, and the lookup above ran in this same transaction.
		throw new Error(`scan ${request.deviceId}/${request.nonce} was not stored`);
	}
	if (conflict && registrationId !== null) {
		s.insertConflict.run(
			checkpoint.conference_id,
			scanId,
			conflict.other,
			registrationId,
			conflict.kind,
			now.getTime()
		);
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
		scanned_at: request.scannedAt.getTime(),
		stored_at: now.getTime()
	};
	return answerFor(s, row, actor, now, false, verdict.detail, {
		checkpoint,
		registration: verdict.registration,
		conflict: conflict?.kind ?? null
	});
}

/** The answer for a stored scan; the same words whether first given or replayed. */
function answerFor(
	s: CheckinStatements,
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
): ScanAnswer {
	const checkpoint = known?.checkpoint ?? s.checkpointById.get(row.checkpoint_id)!;
	const registration = known
		? (known.registration ?? undefined)
		: row.registration_id
			? s.registrationById.get(row.registration_id)
			: undefined;
	const reason = row.reason ?? 'ok';
	if (replayed && registration) {
		if (reason === 'cancelled' && registration.status === 'rejected') detail = 'rejected';
		if (reason === 'not_allowed_here' && registration.status === 'pending') detail = 'pending';
	}
	const prior = row.prior_scan_id ? s.scanById.get(row.prior_scan_id) : undefined;
	const priorCheckpoint = prior ? s.checkpointById.get(prior.checkpoint_id) : undefined;
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
	const admitted = row.kind === 'scan' && reason === 'ok';
	const deadline = admitted && row.undone_by === null ? undoDeadline(row, actor) : null;
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
			now
		),
		attendee: registration
			? {
					registrationId: registration.id,
					name: registration.name,
					organisation: registration.organisation,
					category: registration.category,
					categoryColor:
						s.categoryColor.get(registration.conference_id, registration.category) ?? null,
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
		conflict: known ? known.conflict : (s.conflictOfScan.get(row.id) ?? null),
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
function undoDeadline(row: ScanRow, actor: ScanActor): Date | null {
	if (actor.mayUndoAny) return NO_LIMIT;
	const own =
		(actor.scanner !== null && row.scanner_device_id === actor.scanner.id) ||
		(actor.scanner === null && actor.staffId !== null && row.staff_id === actor.staffId);
	return own ? new Date(row.stored_at + UNDO_WINDOW_MS) : null;
}

/** One scan at a gate; resolves once it is stored (or answered from an earlier identical one). */
export function scan(
	sqlite: Sqlite,
	request: ScanRequest,
	actor: ScanActor,
	now: () => Date
): Promise<ScanAnswer> {
	const s = statementsFor(sqlite);
	return groupCommitFor(sqlite).run(() => storeScan({ s, actor, now: now() }, request, null));
}

/**
 * Scans a device decided while offline, in the order they happened. Each is stored once (its
 * nonce), judged with the device's clock, and flagged for review where the server would have
 * refused an admission the device made.
 */
export async function uploadOfflineScans(
	sqlite: Sqlite,
	requests: OfflineScanRequest[],
	actor: ScanActor,
	now: () => Date
): Promise<ScanAnswer[]> {
	const s = statementsFor(sqlite);
	const ordered = [...requests].sort((a, b) => a.scannedAt.getTime() - b.scannedAt.getTime());
	const batch = groupCommitFor(sqlite);
	const answers = new Map<string, ScanAnswer>();
	await Promise.all(
		ordered.map(async (request) => {
			const answer = await batch.run(() =>
				storeScan({ s, actor, now: now() }, request, { deviceReason: request.deviceReason })
			);
			answers.set(request.nonce, answer);
		})
	);
	return requests.map((r) => answers.get(r.nonce)!);
}

export interface UndoRequest {
	scanId: number;
	/** Why, as typed at the gate: stored on the undo row and in the audit log. */
	note: string;
	deviceId: string;
}

/** Reverses an admission with a new row; the slot is free again. Audited. */
export function undoScan(
	db: Db,
	sqlite: Sqlite,
	request: UndoRequest,
	actor: ScanActor & { login: string; source: string },
	now: () => Date
): Promise<{ undoScanId: number; undone: number }> {
	const s = statementsFor(sqlite);
	return groupCommitFor(sqlite).run(() => {
		const at = now();
		const row = s.scanById.get(request.scanId);
		if (!row || row.kind !== 'scan') {
			throw new AppError('NOT_FOUND', 'scan_not_found', `no scan ${request.scanId}`);
		}
		if (row.reason !== 'ok' || row.undone_by !== null) {
			throw new AppError(
				'CONFLICT',
				'scan_not_undoable',
				`scan ${row.id} is not a standing admission`
			);
		}
		const deadline = undoDeadline(row, actor);
		if (!deadline || deadline.getTime() < at.getTime()) {
			throw new AppError(
				'FORBIDDEN',
				'undo_not_allowed',
				'door staff undo their own admissions within a few minutes; an admin may undo any'
			);
		}
		if (actor.scanner) assertInScope(actor, checkpointOrThrow(s, row.checkpoint_id));
		const undoScanId = s.insertUndo.get(
			row.conference_id,
			row.checkpoint_id,
			row.registration_id,
			row.id,
			request.note,
			request.deviceId,
			`undo:${row.id}`,
			actor.staffId,
			actor.scanner?.id ?? null,
			at.getTime(),
			at.getTime()
		)!;
		s.markUndone.run(undoScanId, row.id);
		recordAudit(
			db,
			{
				actor: actor.staffId !== null ? { id: actor.staffId, login: actor.login } : null,
				actorLabel: actor.login,
				source: actor.source,
				action: 'checkin_undone',
				subjectType: 'scan',
				subjectId: row.id,
				detail: {
					checkpointId: row.checkpoint_id,
					registrationId: row.registration_id,
					undoScanId,
					note: request.note
				}
			},
			at
		);
		return { undoScanId, undone: row.id };
	});
}
