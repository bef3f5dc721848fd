import { epochMs, instant, row, rows, schema, type Db, type DbOrTx } from '@huizhan/db';
import { sql } from 'drizzle-orm';
import { beijingDate } from './checkin-words.ts';

/*
 * Counting who came (issue #6 for the scanner page, issue #7 for the live dashboard). A person
 * is checked in when an admission of theirs stands (not undone) at any checkpoint; they count
 * once however many gates they passed.
 */

const STANDING = sql.raw(`s.entry_key IS NOT NULL AND s.undone_by IS NULL`);
/**
 * Inlined, not bound: a bound number is a REAL to SQLite, and `/` would not round down. Slots are
 * cut on the UTC epoch; Beijing is UTC+8 all year, so they are Beijing's quarter hours as well.
 * They leave here as UTC instants: whoever shows one to a person reads it in Beijing time.
 */
const QUARTER = sql.raw(String(15 * 60 * 1000));
const BEIJING_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface TurnoutCounts {
	conferenceId: string;
	/** Confirmed registrations: the people who may come. */
	registered: number;
	/** People with a standing admission at any checkpoint. */
	checkedIn: number;
	byCategory: { category: schema.AttendeeCategory; registered: number; checkedIn: number }[];
	/** First arrivals per quarter hour (device clock), oldest first; `from` a UTC instant. */
	arrivals: { from: string; count: number }[];
}

/** Registered, checked in, by category, and arrivals per 15 minutes for one conference. */
export async function turnoutCounts(db: DbOrTx, conferenceId: string): Promise<TurnoutCounts> {
	const registered = await rows<{ category: schema.AttendeeCategory; n: number }>(
		db,
		sql`
		SELECT category, count(*) AS n FROM registrations
		WHERE conference_id = ${conferenceId} AND status = 'confirmed' GROUP BY category`
	);
	const checkedIn = await rows<{ category: schema.AttendeeCategory; n: number }>(
		db,
		sql`
		SELECT r.category AS category, count(DISTINCT s.registration_id) AS n
		FROM scans s JOIN registrations r ON r.id = s.registration_id
		WHERE s.conference_id = ${conferenceId} AND ${STANDING} GROUP BY r.category`
	);
	const arrivals = await rows<{ slot: number; n: number }>(
		db,
		sql`
		SELECT (first / ${QUARTER}) * ${QUARTER} AS slot, count(*) AS n FROM (
			SELECT ${epochMs(db, sql`min(s.scanned_at)`)} AS first FROM scans s
			WHERE s.conference_id = ${conferenceId} AND ${STANDING} GROUP BY s.registration_id
		) AS firsts GROUP BY slot ORDER BY slot`
	);
	const everyone = await row<{ n: number }>(
		db,
		sql`
			SELECT count(DISTINCT s.registration_id) AS n FROM scans s
			WHERE s.conference_id = ${conferenceId} AND ${STANDING}`
	);
	const byCategory = schema.ATTENDEE_CATEGORIES.map((category) => ({
		category,
		registered: registered.find((r) => r.category === category)?.n ?? 0,
		checkedIn: checkedIn.find((r) => r.category === category)?.n ?? 0
	})).filter((c) => c.registered > 0 || c.checkedIn > 0);
	return {
		conferenceId,
		registered: byCategory.reduce((sum, c) => sum + c.registered, 0),
		checkedIn: everyone!.n,
		byCategory,
		arrivals: arrivals.map((a) => ({ from: new Date(a.slot).toISOString(), count: a.n }))
	};
}

/** Admissions standing at each checkpoint of a conference, today (Beijing) and in all. */
export async function gateCounts(
	db: Db,
	conferenceId: string,
	now: Date
): Promise<{ checkpointId: number; today: number; total: number }[]> {
	const dayStart = Date.parse(`${beijingDate(now)}T00:00:00Z`) - BEIJING_OFFSET_MS;
	return rows<{ checkpointId: number; today: number; total: number }>(
		db,
		sql`
		SELECT c.id AS "checkpointId",
			count(s.id) FILTER (WHERE s.scanned_at >= ${instant(db, dayStart)}) AS today,
			count(s.id) AS total
		FROM checkpoints c LEFT JOIN scans s ON s.checkpoint_id = c.id AND ${STANDING}
		WHERE c.conference_id = ${conferenceId}
		GROUP BY c.id ORDER BY c.id`
	);
}

export interface RecentScan {
	scanId: number;
	kind: schema.ScanKind;
	reason: schema.ScanReason | null;
	name: string | null;
	category: schema.AttendeeCategory | null;
	scannedAt: string;
	offline: boolean;
	undone: boolean;
	staffId: number | null;
	scannerDeviceId: number | null;
}

/** The latest attempts at a gate, newest first (the scanner page's list). */
export async function recentScans(
	db: Db,
	checkpointId: number,
	limit: number
): Promise<RecentScan[]> {
	const recent = await rows<{
		id: number;
		kind: schema.ScanKind;
		reason: schema.ScanReason | null;
		name: string | null;
		category: schema.AttendeeCategory | null;
		scanned_at: number;
		offline: number | boolean;
		undone_by: number | null;
		staff_id: number | null;
		scanner_device_id: number | null;
	}>(
		db,
		sql`SELECT s.id, s.kind, s.reason, r.name, r.category,
				${epochMs(db, sql`s.scanned_at`)} AS scanned_at, s.offline, s.undone_by,
				s.staff_id, s.scanner_device_id
			FROM scans s LEFT JOIN registrations r ON r.id = s.registration_id
			WHERE s.checkpoint_id = ${checkpointId} ORDER BY s.id DESC LIMIT ${limit}`
	);
	return recent.map((row) => ({
		scanId: row.id,
		kind: row.kind,
		reason: row.reason,
		name: row.name,
		category: row.category,
		scannedAt: new Date(row.scanned_at).toISOString(),
		offline: Boolean(row.offline),
		undone: row.undone_by !== null,
		staffId: row.staff_id,
		scannerDeviceId: row.scanner_device_id
	}));
}
