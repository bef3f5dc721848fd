import { sql } from 'drizzle-orm';
import {
	boolean,
	check,
	index,
	integer,
	pgTable,
	text,
	uniqueIndex,
	type AnyPgColumn
} from 'drizzle-orm/pg-core';
import { SCAN_CONFLICT_KINDS, SCAN_KINDS, SCAN_METHODS, SCAN_REASONS } from '../schema/scans.ts';
import { createdAt, inList, timestamp } from './columns.ts';
import { checkpoints } from './checkpoints.ts';
import { conferences } from './conferences.ts';
import { registrations } from './registrations.ts';
import { staffUsers } from './staff.ts';

export {
	SCAN_CONFLICT_KINDS,
	SCAN_KINDS,
	SCAN_METHODS,
	SCAN_REASONS,
	type ScanConflictKind,
	type ScanKind,
	type ScanMethod,
	type ScanReason
} from '../schema/scans.ts';

/** Scanners for handheld PDAs and turnstiles, each with a bearer token of its own (hashed). */
export const scannerDevices = pgTable(
	'scanner_devices',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		/** When set, the device scans at this checkpoint only. */
		checkpointId: integer().references(() => checkpoints.id),
		name: text().notNull(),
		/** Hex SHA-256 of the bearer token. */
		tokenHash: text().notNull().unique(),
		createdAt: createdAt(),
		createdBy: integer().references(() => staffUsers.id),
		revokedAt: timestamp(),
		revokedBy: integer().references(() => staffUsers.id)
	},
	(t) => [check('scanner_devices_name', sql`length(${t.name}) BETWEEN 1 AND 60`)]
);

/**
 * Every attempt at a gate, successful or not, and every undo (docs/architecture.md, “The path
 * of a scan”). Rows are never changed afterwards, except that an admission is marked `undoneBy`
 * the undo that reverses it (a trigger allows nothing else). A partial unique index over
 * `entryKey` holds one standing admission per ticket, checkpoint and period.
 */
export const scans = pgTable(
	'scans',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		checkpointId: integer()
			.notNull()
			.references(() => checkpoints.id),
		/** Null when the scanned text named no ticket of ours (`invalid`, `unknown`). */
		registrationId: integer().references(() => registrations.id),
		kind: text({ enum: SCAN_KINDS }).notNull().default('scan'),
		/** Null on an undo row. */
		reason: text({ enum: SCAN_REASONS }),
		method: text({ enum: SCAN_METHODS }),
		/** Set on admissions only; unique while the admission is not undone. */
		entryKey: text(),
		/** On a refused `already_checked_in`: the admission it ran into. */
		priorScanId: integer().references((): AnyPgColumn => scans.id),
		/** On an admission later undone: the undo row. */
		undoneBy: integer().references((): AnyPgColumn => scans.id),
		/** On an undo row: the admission it reverses. */
		undoes: integer().references((): AnyPgColumn => scans.id),
		/** On an undo row: why, as typed by staff. */
		note: text(),
		/** The browser's or PDA's own id (a random string kept on the device). */
		deviceId: text().notNull(),
		/** Chosen by the device per scan: the same nonce again is a retry, answered from here. */
		nonce: text().notNull(),
		staffId: integer().references(() => staffUsers.id),
		scannerDeviceId: integer().references(() => scannerDevices.id),
		/** Decided by the device while the server could not be reached, uploaded later. */
		offline: boolean().notNull().default(false),
		/** On an offline scan: what the device told the gate (it may differ from `reason`). */
		deviceReason: text({ enum: SCAN_REASONS }),
		/** The device's clock at the scan. */
		scannedAt: timestamp().notNull(),
		/** The server's clock when the row was written. */
		storedAt: timestamp().notNull(),
		/** Hex SHA-256 of what the request asked (`scanRequestLine`); null on undo rows. */
		requestDigest: text()
	},
	(t) => [
		uniqueIndex('scans_nonce_once').on(t.deviceId, t.nonce),
		uniqueIndex('scans_entry_once')
			.on(t.entryKey)
			.where(sql`${t.entryKey} IS NOT NULL AND ${t.undoneBy} IS NULL`),
		// Standing admissions, for the counts: per conference and person, per gate and time.
		index('scans_standing_people')
			.on(t.conferenceId, t.registrationId)
			.where(sql`${t.entryKey} IS NOT NULL AND ${t.undoneBy} IS NULL`),
		index('scans_standing_gate')
			.on(t.checkpointId, t.scannedAt)
			.where(sql`${t.entryKey} IS NOT NULL AND ${t.undoneBy} IS NULL`),
		index('scans_checkpoint').on(t.checkpointId, t.id),
		check('scans_kind', inList('kind', SCAN_KINDS)),
		check('scans_reason', sql`${t.reason} IS NULL OR ${inList('reason', SCAN_REASONS)}`),
		check(
			'scans_device_reason',
			sql`${t.deviceReason} IS NULL OR ${inList('device_reason', SCAN_REASONS)}`
		),
		check('scans_method', sql`${t.method} IS NULL OR ${inList('method', SCAN_METHODS)}`),
		check(
			'scans_shape',
			sql`(${t.kind} = 'scan' AND ${t.reason} IS NOT NULL AND ${t.undoes} IS NULL)
				OR (${t.kind} = 'undo' AND ${t.reason} IS NULL AND ${t.undoes} IS NOT NULL AND ${t.entryKey} IS NULL)`
		),
		check('scans_entry_key_admissions_only', sql`${t.entryKey} IS NULL OR ${t.reason} = 'ok'`),
		check('scans_by_someone', sql`${t.staffId} IS NOT NULL OR ${t.scannerDeviceId} IS NOT NULL`)
	]
);

/**
 * What offline scanning let through that the server would have refused, for a supervisor to
 * review and resolve with a note (audited). One scan may raise several kinds.
 */
export const scanConflicts = pgTable(
	'scan_conflicts',
	{
		id: integer().primaryKey().generatedByDefaultAsIdentity(),
		conferenceId: text()
			.notNull()
			.references(() => conferences.id),
		/** The offline scan that caused it. */
		scanId: integer()
			.notNull()
			.references(() => scans.id),
		/** For a double admission: the admission it ran into. */
		otherScanId: integer().references(() => scans.id),
		registrationId: integer()
			.notNull()
			.references(() => registrations.id),
		kind: text({ enum: SCAN_CONFLICT_KINDS }).notNull(),
		/** For `device_clock`: the time the device claimed (the scan is stored at the bound). */
		deviceScannedAt: timestamp(),
		createdAt: createdAt(),
		resolvedAt: timestamp(),
		resolvedBy: integer().references(() => staffUsers.id),
		resolution: text()
	},
	(t) => [
		uniqueIndex('scan_conflicts_scan_kind').on(t.scanId, t.kind),
		index('scan_conflicts_open').on(t.conferenceId, t.resolvedAt),
		check('scan_conflicts_kind', inList('kind', SCAN_CONFLICT_KINDS)),
		check('scan_conflicts_resolution', sql`(${t.resolvedAt} IS NULL) = (${t.resolution} IS NULL)`)
	]
);
