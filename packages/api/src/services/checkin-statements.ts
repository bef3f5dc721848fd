import type { KeyObject } from 'node:crypto';
import type { Sqlite, schema } from '@huizhan/db';
import { publicKeyFromRaw } from '../tickets/token.ts';
import type { ScanReason } from './checkin-words.ts';

/*
 * The door check-in's prepared statements and caches, one set per connection. The scan is the
 * hot path of the morning rush, so it talks to SQLite through these rather than the query
 * builder, and keeps the ticket keys as ready KeyObjects.
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
}

export interface CheckpointRow {
	id: number;
	conference_id: string;
	name_zh: string;
	name_en: string;
	allowed_categories: string;
	entry_rule: schema.EntryRule;
	print_badge: number;
	active: number;
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

/**
 * Keys are read again at least this often, so a key retired by `huizhan keys retire` in another
 * process stops verifying tickets here within a minute without a query per scan.
 */
export const KEY_REFRESH_MS = 60_000;

export class CheckinStatements {
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
	readonly validKeys;
	private keys = new Map<string, { conferenceId: string; key: KeyObject }>();
	/**
	 * Tokens whose signature has been checked, by text. A ticket's token never changes and a key
	 * never stops verifying what it signed, so a second scan of the same ticket (a retry, a
	 * person trying twice) skips the Ed25519 check, which is most of a scan's CPU time. Whether
	 * the key is still valid is asked again on every scan.
	 */
	private verified = new Map<string, { keyId: string; registrationNumber: number }>();
	private keysLoadedAt = Number.NEGATIVE_INFINITY;

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
					number,
					string
				],
				number
			>(
				`INSERT INTO scans (conference_id, checkpoint_id, registration_id, kind, reason, method,
					entry_key, prior_scan_id, device_id, nonce, staff_id, scanner_device_id, offline,
					device_reason, scanned_at, stored_at, request_digest)
				VALUES (?, ?, ?, 'scan', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
		// One conflict of each kind per scan: uploading the same scans again flags nothing new.
		this.insertConflict = sqlite.prepare<
			[string, number, number | null, number, schema.ScanConflictKind, number | null, number]
		>(
			`INSERT INTO scan_conflicts (conference_id, scan_id, other_scan_id, registration_id, kind,
				device_scanned_at, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
		);
		// A scan's most telling conflict: what it let in, before the clock it was judged by.
		this.conflictOfScan = sqlite
			.prepare<[number], schema.ScanConflictKind>(
				`SELECT kind FROM scan_conflicts WHERE scan_id = ?
				ORDER BY kind = 'device_clock', id LIMIT 1`
			)
			.pluck();
		this.validKeys = sqlite.prepare<
			[],
			{ key_id: string; conference_id: string; public_key: string }
		>('SELECT key_id, conference_id, public_key FROM ticket_keys WHERE retired_at IS NULL');
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
	key(keyId: string, now: number): { conferenceId: string; key: KeyObject } | undefined {
		const known = this.keys.get(keyId);
		const age = now - this.keysLoadedAt;
		if (age < KEY_REFRESH_MS && (known || age < 1_000)) return known;
		this.keysLoadedAt = now;
		const keys = new Map<string, { conferenceId: string; key: KeyObject }>();
		for (const row of this.validKeys.all()) {
			keys.set(row.key_id, {
				conferenceId: row.conference_id,
				key: this.keys.get(row.key_id)?.key ?? publicKeyFromRaw(row.public_key)
			});
		}
		this.keys = keys;
		return keys.get(keyId);
	}
}

const statementsByConnection = new WeakMap<Sqlite, CheckinStatements>();

export function statementsFor(sqlite: Sqlite): CheckinStatements {
	let statements = statementsByConnection.get(sqlite);
	if (!statements) {
		statements = new CheckinStatements(sqlite);
		statementsByConnection.set(sqlite, statements);
	}
	return statements;
}
