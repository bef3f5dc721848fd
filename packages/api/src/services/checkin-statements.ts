import type { KeyObject } from 'node:crypto';
import { sql } from 'drizzle-orm';
import {
	dialectOf,
	epochMs,
	execute,
	instant,
	row,
	rows,
	schema,
	type Db,
	type DbOrTx
} from '@huizhan/db';
import type { SetupDays } from '@huizhan/ledger/checkin';
import { publicKeyFromRaw } from '../tickets/token.ts';
import type { ScanReason } from './checkin-words.ts';

/*
 * The door check-in's statements and caches, one set per database handle. The scan is the hot
 * path of the morning rush, so it talks to the database through these hand-written statements
 * rather than the query builder, and keeps the ticket keys as ready KeyObjects. Each statement
 * runs on the handle or transaction it is given: a scan's run inside its write job.
 *
 * The rows below hold instants as milliseconds since the epoch and flags as 0/1, as SQLite
 * stores them. On PostgreSQL the instants are read as milliseconds by the statement itself
 * (`epochMs`), and its booleans and parsed JSON are mapped to the same shapes as each row is
 * read, so the scan's logic reads one shape on both.
 */

export interface RegistrationRow {
	id: number;
	conference_id: string;
	category: schema.AttendeeCategory;
	name: string;
	organisation: string;
	status: schema.RegistrationStatus;
	reference: string;
	cancelled_at: number | null;
	decided_at: number | null;
	/** A staff badge or a set-up pass (布展证) of an exhibitor; null for everyone else. */
	exhibitor_pass: schema.ExhibitorPass | null;
	/** Its category's colour at this conference, for the door screen; read in the same statement. */
	category_color: string | null;
}

export interface CheckpointRow {
	id: number;
	conference_id: string;
	name_zh: string;
	name_en: string;
	allowed_categories: string[];
	entry_rule: schema.EntryRule;
	print_badge: number;
	active: number;
	/** The session this gate is the door of, if any. */
	session_id: number | null;
}

/** A session's door rule and its seats as one scan of one person finds them. */
export interface SessionDoorRow {
	id: number;
	title_zh: string;
	title_en: string;
	hall_zh: string;
	hall_en: string;
	capacity: number | null;
	allowed_categories: schema.AttendeeCategory[] | null;
	signup_required: number;
	signed_up: number;
	/** Distinct people standing admitted at the session's gates, this person excepted. */
	attendance: number;
	already_in: number;
	/** Signed up and not admitted at its gates, this person excepted. */
	held_seats: number;
}

export interface ScanRow {
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
	request_digest: string | null;
}

/** A flag as either driver hands it over: SQLite's 0/1, PostgreSQL's boolean. */
type StoredFlag = number | boolean;
const flag = (value: StoredFlag): number => (value ? 1 : 0);

const scanColumns = (q: DbOrTx) =>
	sql`id, conference_id, checkpoint_id, registration_id, kind, reason, entry_key, prior_scan_id,
		undone_by, staff_id, scanner_device_id, offline, device_reason,
		${epochMs(q, sql`scanned_at`)} AS scanned_at, ${epochMs(q, sql`stored_at`)} AS stored_at,
		request_digest`;
type StoredScan = Omit<ScanRow, 'offline'> & { offline: StoredFlag };
const scanRow = (stored: StoredScan | undefined): ScanRow | undefined =>
	stored && { ...stored, offline: flag(stored.offline) };

const registrationColumns = (q: DbOrTx) =>
	sql`id, conference_id, category, name, organisation, status, reference,
		${epochMs(q, sql`cancelled_at`)} AS cancelled_at, ${epochMs(q, sql`decided_at`)} AS decided_at,
		exhibitor_pass,
		(SELECT color FROM conference_categories k
			WHERE k.conference_id = registrations.conference_id AND k.category = registrations.category)
			AS category_color`;

/** SQLite keeps the categories as JSON text; PostgreSQL's `json` column arrives parsed. */
type StoredCheckpoint = Omit<CheckpointRow, 'allowed_categories' | 'print_badge' | 'active'> & {
	allowed_categories: string | string[];
	print_badge: StoredFlag;
	active: StoredFlag;
};
const checkpointRow = (stored: StoredCheckpoint | undefined): CheckpointRow | undefined =>
	stored && {
		...stored,
		allowed_categories:
			typeof stored.allowed_categories === 'string'
				? (JSON.parse(stored.allowed_categories) as string[])
				: stored.allowed_categories,
		print_badge: flag(stored.print_badge),
		active: flag(stored.active)
	};

/**
 * Keys are read again at least this often, so a key retired by `huizhan keys retire` in another
 * process stops verifying tickets here within a minute without a query per scan.
 */
export const KEY_REFRESH_MS = 60_000;

/** How long a gate's session is believed when naming a scan's locks. */
export const GATE_SESSION_TTL_MS = 10_000;

export class CheckinStatements {
	private keys = new Map<string, { conferenceId: string; key: KeyObject }>();
	/**
	 * Tokens whose signature has been checked, by text. A ticket's token never changes and a key
	 * never stops verifying what it signed, so a second scan of the same ticket (a retry, a
	 * person trying twice) skips the Ed25519 check, which is most of a scan's CPU time. Whether
	 * the key is still valid is asked again on every scan.
	 */
	private verified = new Map<string, { keyId: string; registrationNumber: number }>();
	private keysLoadedAt = Number.NEGATIVE_INFINITY;
	/** Each gate's session as last read, for the lock a scan takes before its transaction. */
	private gateSessions = new Map<number, { sessionId: number | null; readAt: number }>();
	private loading: Promise<void> | null = null;

	async scanByNonce(q: DbOrTx, deviceId: string, nonce: string): Promise<ScanRow | undefined> {
		return scanRow(
			await row<StoredScan>(
				q,
				sql`SELECT ${scanColumns(q)} FROM scans WHERE device_id = ${deviceId} AND nonce = ${nonce}`
			)
		);
	}

	async scanById(q: DbOrTx, id: number): Promise<ScanRow | undefined> {
		return scanRow(
			await row<StoredScan>(q, sql`SELECT ${scanColumns(q)} FROM scans WHERE id = ${id}`)
		);
	}

	registrationById(q: DbOrTx, id: number): Promise<RegistrationRow | undefined> {
		return row<RegistrationRow>(
			q,
			sql`SELECT ${registrationColumns(q)} FROM registrations WHERE id = ${id}`
		);
	}

	registrationByReference(q: DbOrTx, reference: string): Promise<RegistrationRow | undefined> {
		return row<RegistrationRow>(
			q,
			sql`SELECT ${registrationColumns(q)} FROM registrations WHERE reference = ${reference}`
		);
	}

	/**
	 * With `shared`, as a scan reads its gate: on PostgreSQL the row is then held FOR KEY SHARE
	 * until the scan commits (as the scan's own foreign key would hold it from its insert on), so
	 * an edit of the gate that locks it FOR UPDATE first (`updateCheckpoint`) waits for the scans
	 * judged by the gate as it was, and the scans after it read the gate as edited.
	 */
	async checkpointById(
		q: DbOrTx,
		id: number,
		{ shared = false } = {}
	): Promise<CheckpointRow | undefined> {
		const lock = shared && dialectOf(q) === 'postgres' ? sql` FOR KEY SHARE` : sql``;
		return checkpointRow(
			await row<StoredCheckpoint>(
				q,
				sql`SELECT id, conference_id, name_zh, name_en, allowed_categories, entry_rule, print_badge, active,
					session_id
				FROM checkpoints WHERE id = ${id}${lock}`
			)
		);
	}

	/**
	 * The session a gate is the door of, as read at most `GATE_SESSION_TTL_MS` ago: only to name
	 * the lock a scan takes before its transaction. The scan reads the gate again inside it, and a
	 * gate moved to another session since is caught there (`SessionLockMissed`).
	 */
	async gateSessionId(q: DbOrTx, checkpointId: number, now: number): Promise<number | null> {
		const known = this.gateSessions.get(checkpointId);
		if (known && now - known.readAt < GATE_SESSION_TTL_MS) return known.sessionId;
		const found = await row<{ session_id: number | null }>(
			q,
			sql`SELECT session_id FROM checkpoints WHERE id = ${checkpointId}`
		);
		const sessionId = found?.session_id ?? null;
		if (this.gateSessions.size >= 10_000) this.gateSessions.clear();
		this.gateSessions.set(checkpointId, { sessionId, readAt: now });
		return sessionId;
	}

	forgetGateSession(checkpointId: number): void {
		this.gateSessions.delete(checkpointId);
	}

	/**
	 * The edition's set-up days (布展期), or null when it has none. Asked only when a set-up pass is
	 * scanned, so every other scan pays nothing for it.
	 */
	async setupDays(q: DbOrTx, conferenceId: string): Promise<SetupDays | null> {
		const found = await row<{ starts_on: string | null; ends_on: string | null }>(
			q,
			sql`SELECT setup_starts_on AS starts_on, setup_ends_on AS ends_on FROM exhibition_rules
				WHERE conference_id = ${conferenceId}`
		);
		return found?.starts_on && found.ends_on
			? { startsOn: found.starts_on, endsOn: found.ends_on }
			: null;
	}

	async sessionTitle(
		q: DbOrTx,
		sessionId: number
	): Promise<{ zh: string; en: string } | undefined> {
		const found = await row<{ title_zh: string; title_en: string }>(
			q,
			sql`SELECT title_zh, title_en FROM agenda_sessions WHERE id = ${sessionId}`
		);
		return found && { zh: found.title_zh, en: found.title_en };
	}

	/**
	 * The session's rule and its seats for one person, in one statement. Standing admissions are
	 * found through `scans_standing_gate` for each of the session's gates (closed ones too).
	 */
	async sessionDoor(
		q: DbOrTx,
		sessionId: number,
		registrationId: number
	): Promise<SessionDoorRow | undefined> {
		// A cancelled or rejected registration's sign-up holds no seat, as everywhere sign-ups count.
		const seatHolding = sql.raw(schema.SEAT_HOLDING_STATUSES.map((s) => `'${s}'`).join(', '));
		const inside = sql`SELECT DISTINCT x.registration_id FROM scans x
			WHERE x.checkpoint_id IN (SELECT g.id FROM checkpoints g WHERE g.session_id = ${sessionId})
				AND x.entry_key IS NOT NULL AND x.undone_by IS NULL`;
		const stored = await row<
			Omit<SessionDoorRow, 'allowed_categories' | 'signup_required'> & {
				allowed_categories: string | schema.AttendeeCategory[] | null;
				signup_required: StoredFlag;
			}
		>(
			q,
			sql`SELECT id, title_zh, title_en, hall_zh, hall_en, capacity, allowed_categories, signup_required,
					(SELECT COUNT(*) FROM session_signups u
						WHERE u.session_id = ${sessionId} AND u.registration_id = ${registrationId}) AS signed_up,
					(SELECT COUNT(*) FROM (${inside}) i WHERE i.registration_id <> ${registrationId}) AS attendance,
					(SELECT COUNT(*) FROM (${inside}) i WHERE i.registration_id = ${registrationId}) AS already_in,
					(SELECT COUNT(*) FROM session_signups u JOIN registrations r ON r.id = u.registration_id
						WHERE u.session_id = ${sessionId} AND u.registration_id <> ${registrationId}
							AND r.status IN (${seatHolding})
							AND u.registration_id NOT IN (${inside})) AS held_seats
				FROM agenda_sessions WHERE id = ${sessionId}`
		);
		if (!stored) return undefined;
		return {
			...stored,
			capacity: stored.capacity === null ? null : Number(stored.capacity),
			allowed_categories:
				typeof stored.allowed_categories === 'string'
					? (JSON.parse(stored.allowed_categories) as schema.AttendeeCategory[])
					: stored.allowed_categories,
			signup_required: flag(stored.signup_required),
			// PostgreSQL's COUNT is a bigint, handed over as text.
			signed_up: Number(stored.signed_up),
			attendance: Number(stored.attendance),
			already_in: Number(stored.already_in),
			held_seats: Number(stored.held_seats)
		};
	}

	/**
	 * ON CONFLICT DO NOTHING: an admission whose slot is taken inserts nothing (and returns no
	 * id); the caller then stores the attempt as `already_checked_in`.
	 */
	async insertScan(
		q: DbOrTx,
		conferenceId: string,
		checkpointId: number,
		registrationId: number | null,
		reason: ScanReason,
		method: schema.ScanMethod | null,
		entryKey: string | null,
		priorScanId: number | null,
		deviceId: string,
		nonce: string,
		staffId: number | null,
		scannerDeviceId: number | null,
		offline: number,
		deviceReason: ScanReason | null,
		scannedAt: number,
		storedAt: number,
		requestDigest: string
	): Promise<number | undefined> {
		const inserted = await row<{ id: number }>(
			q,
			sql`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, method,
					entry_key, prior_scan_id, device_id, nonce, staff_id, scanner_device_id, offline,
					device_reason, scanned_at, stored_at, request_digest)
				VALUES (${conferenceId}, ${checkpointId}, ${registrationId}, 'scan', ${reason}, ${method},
					${entryKey}, ${priorScanId}, ${deviceId}, ${nonce}, ${staffId}, ${scannerDeviceId},
					${offline}, ${deviceReason}, ${instant(q, scannedAt)}, ${instant(q, storedAt)},
					${requestDigest})
				ON CONFLICT DO NOTHING RETURNING id`
		);
		return inserted?.id;
	}

	async standingAdmission(q: DbOrTx, entryKey: string): Promise<ScanRow | undefined> {
		return scanRow(
			await row<StoredScan>(
				q,
				sql`SELECT ${scanColumns(q)} FROM scans WHERE entry_key = ${entryKey} AND undone_by IS NULL`
			)
		);
	}

	markUndone(q: DbOrTx, undoScanId: number, scanId: number): Promise<void> {
		return execute(
			q,
			sql`UPDATE scans SET undone_by = ${undoScanId}
				WHERE id = ${scanId} AND undone_by IS NULL AND entry_key IS NOT NULL`
		);
	}

	async insertUndo(
		q: DbOrTx,
		conferenceId: string,
		checkpointId: number,
		registrationId: number | null,
		undoes: number,
		note: string,
		deviceId: string,
		nonce: string,
		staffId: number | null,
		scannerDeviceId: number | null,
		scannedAt: number,
		storedAt: number
	): Promise<number | undefined> {
		const inserted = await row<{ id: number }>(
			q,
			sql`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, undoes, note,
					device_id, nonce, staff_id, scanner_device_id, scanned_at, stored_at)
				VALUES (${conferenceId}, ${checkpointId}, ${registrationId}, 'undo', NULL, ${undoes}, ${note},
					${deviceId}, ${nonce}, ${staffId}, ${scannerDeviceId}, ${instant(q, scannedAt)},
					${instant(q, storedAt)})
				RETURNING id`
		);
		return inserted?.id;
	}

	/** One conflict of each kind per scan: uploading the same scans again flags nothing new. */
	insertConflict(
		q: DbOrTx,
		conferenceId: string,
		scanId: number,
		otherScanId: number | null,
		registrationId: number,
		kind: schema.ScanConflictKind,
		deviceScannedAt: number | null,
		createdAt: number
	): Promise<void> {
		return execute(
			q,
			sql`INSERT INTO scan_conflicts (conference_id, scan_id, other_scan_id, registration_id, kind,
					device_scanned_at, created_at)
				VALUES (${conferenceId}, ${scanId}, ${otherScanId}, ${registrationId}, ${kind},
					${deviceScannedAt === null ? null : instant(q, deviceScannedAt)}, ${instant(q, createdAt)})
				ON CONFLICT DO NOTHING`
		);
	}

	/** A scan's most telling conflict: what it let in, before the clock it was judged by. */
	async conflictOfScan(q: DbOrTx, scanId: number): Promise<schema.ScanConflictKind | undefined> {
		const found = await row<{ kind: schema.ScanConflictKind }>(
			q,
			sql`SELECT kind FROM scan_conflicts WHERE scan_id = ${scanId}
				ORDER BY kind = 'device_clock', id LIMIT 1`
		);
		return found?.kind;
	}

	verifiedClaims(token: string) {
		return this.verified.get(token);
	}

	rememberVerified(token: string, claims: { keyId: string; registrationNumber: number }) {
		if (this.verified.size >= 50_000) this.verified.clear();
		this.verified.set(token, claims);
	}

	/**
	 * The valid public key named by a token, as a ready KeyObject. Keys are read again every
	 * `KEY_REFRESH_MS`, and sooner when a token names one not seen yet (a new key after rotation),
	 * at most once a second, so a flood of forged key ids costs no more than one query a second.
	 */
	async key(
		q: DbOrTx,
		keyId: string,
		now: number
	): Promise<{ conferenceId: string; key: KeyObject } | undefined> {
		// A read of the keys already under way for another scan (on PostgreSQL scans run at once):
		// wait for it, rather than answer from the keys as they were before it.
		while (this.loading) await this.loading.catch(() => undefined);
		const known = this.keys.get(keyId);
		const age = now - this.keysLoadedAt;
		if (age < KEY_REFRESH_MS && (known || age < 1_000)) return known;
		const loading = this.loadKeys(q);
		this.loading = loading;
		try {
			await loading;
			this.keysLoadedAt = now;
		} finally {
			this.loading = null;
		}
		return this.keys.get(keyId);
	}

	private async loadKeys(q: DbOrTx): Promise<void> {
		const keys = new Map<string, { conferenceId: string; key: KeyObject }>();
		const valid = await rows<{ key_id: string; conference_id: string; public_key: string }>(
			q,
			sql`SELECT key_id, conference_id, public_key FROM ticket_keys WHERE retired_at IS NULL`
		);
		for (const k of valid) {
			keys.set(k.key_id, {
				conferenceId: k.conference_id,
				key: this.keys.get(k.key_id)?.key ?? publicKeyFromRaw(k.public_key)
			});
		}
		this.keys = keys;
	}
}

const statementsByConnection = new WeakMap<Db, CheckinStatements>();

/** The check-in's caches of the database behind `db` (its handle, not a transaction on it). */
export function statementsFor(db: Db): CheckinStatements {
	let statements = statementsByConnection.get(db);
	if (!statements) {
		statements = new CheckinStatements();
		statementsByConnection.set(db, statements);
	}
	return statements;
}
