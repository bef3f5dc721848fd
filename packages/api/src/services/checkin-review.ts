import { and, asc, eq, inArray, isNull, isNotNull, sql } from 'drizzle-orm';
import { needsSignups, type SessionDoorSnapshot, type SetupDays } from '@huizhan/ledger/checkin';
import { epochMs, rows, schema, tables, type Db } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { exhibitionRulesOf } from './exhibition.ts';
import { revokedRegistrations, validTicketKeys } from './tickets.ts';
import { listCheckpoints, type CheckpointView } from './checkpoints.ts';

/**
 * What a scanner keeps in IndexedDB to decide on its own while the network is down (issue #6):
 * the conference's public keys, its revocation list, and for each ticket its number, name,
 * organisation, category and status — nothing more (no contacts, no reference, no secret). The
 * admissions standing at its gates let it refuse a second entry someone else already let in.
 */
export interface CheckinSnapshot {
	conferenceId: string;
	generatedAt: string;
	/**
	 * Every key that still verifies tickets — after a rotation old and new — of every conference,
	 * so a ticket of another conference is verified before it is called one.
	 */
	keys: { keyId: string; publicKey: string }[];
	/** Whose each valid key is. */
	keyConferences: Record<string, string>;
	revoked: number[];
	checkpoints: CheckpointView[];
	/** `[registration, name, organisation, category, status]` */
	tickets: [number, string, string, schema.AttendeeCategory, schema.RegistrationStatus][];
	/** `[checkpoint, registration, period]` of each standing admission. */
	admissions: [number, number, string][];
	/**
	 * The rule of each session an open gate is the door of, with who signed up where a sign-up
	 * rule or a capacity asks (a forum's few hundred ids at most, bounded by its capacity).
	 */
	sessions: SessionDoorSnapshot[];
	/** The set-up days (布展期), null when the edition has none. */
	setupDays: SetupDays | null;
	/**
	 * The registrations that are set-up passes (布展证), admitted on the set-up days only: a list
	 * apart, bounded by the exhibitors' set-up quotas, so every other ticket stays as short.
	 */
	setupPasses: number[];
	categoryColors: Partial<Record<schema.AttendeeCategory, string>>;
}

export async function checkinSnapshot(
	db: Db,
	conferenceId: string,
	now: Date
): Promise<CheckinSnapshot> {
	const { conferenceCategories, registrations } = tables(db);
	const tickets = await db
		.select({
			id: registrations.id,
			name: registrations.name,
			organisation: registrations.organisation,
			category: registrations.category,
			status: registrations.status,
			pass: registrations.exhibitorPass
		})
		.from(registrations)
		.where(eq(registrations.conferenceId, conferenceId))
		.orderBy(registrations.id);
	const admissions = (
		await rows<{ entry_key: string; checkpoint_id: number; registration_id: number }>(
			db,
			sql`SELECT entry_key, checkpoint_id, registration_id FROM scans
				WHERE conference_id = ${conferenceId} AND entry_key IS NOT NULL AND undone_by IS NULL`
		)
	).map(
		(a) =>
			[a.checkpoint_id, a.registration_id, a.entry_key.split(':')[2] ?? 'all'] as [
				number,
				number,
				string
			]
	);
	const colors = await db
		.select({
			category: conferenceCategories.category,
			color: conferenceCategories.color
		})
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conferenceId));
	const keys = await validTicketKeys(db);
	const checkpoints = await listCheckpoints(db, { conferenceId, includeInactive: false });
	return {
		conferenceId,
		generatedAt: now.toISOString(),
		keys: keys.map((k) => ({
			keyId: k.keyId,
			publicKey: k.publicKey
		})),
		keyConferences: Object.fromEntries(keys.map((k) => [k.keyId, k.conferenceId])),
		revoked: await revokedRegistrations(db, conferenceId),
		checkpoints,
		tickets: tickets.map((t) => [t.id, t.name, t.organisation, t.category, t.status]),
		admissions,
		sessions: await sessionDoors(db, conferenceId, checkpoints),
		setupDays: (await exhibitionRulesOf(db, conferenceId)).setupDays,
		setupPasses: tickets.filter((t) => t.pass === 'setup').map((t) => t.id),
		categoryColors: Object.fromEntries(colors.map((c) => [c.category, c.color]))
	};
}

/** The door rules of the sessions the open gates belong to, for the offline scanner. */
async function sessionDoors(
	db: Db,
	conferenceId: string,
	open: CheckpointView[]
): Promise<SessionDoorSnapshot[]> {
	const ids = [...new Set(open.flatMap((c) => (c.sessionId === null ? [] : [c.sessionId])))];
	if (ids.length === 0) return [];
	const { agendaSessions, checkpoints, registrations, sessionSignups } = tables(db);
	const sessions = await db
		.select({
			id: agendaSessions.id,
			allowedCategories: agendaSessions.allowedCategories,
			signupRequired: agendaSessions.signupRequired,
			capacity: agendaSessions.capacity
		})
		.from(agendaSessions)
		.where(inArray(agendaSessions.id, ids))
		.orderBy(asc(agendaSessions.id));
	// Closed gates too: admissions at any door of the session fill its room.
	const gates = await db
		.select({ id: checkpoints.id, sessionId: checkpoints.sessionId })
		.from(checkpoints)
		.where(and(eq(checkpoints.conferenceId, conferenceId), isNotNull(checkpoints.sessionId)));
	const asked = sessions.filter(needsSignups).map((s) => s.id);
	const signups = asked.length
		? await db
				.select({
					sessionId: sessionSignups.sessionId,
					registrationId: sessionSignups.registrationId
				})
				.from(sessionSignups)
				// A cancelled or rejected registration's sign-up holds no seat (the door refuses its
				// ticket anyway), as everywhere sign-ups count.
				.innerJoin(registrations, eq(registrations.id, sessionSignups.registrationId))
				.where(
					and(
						inArray(sessionSignups.sessionId, asked),
						inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
					)
				)
				.orderBy(asc(sessionSignups.registrationId))
		: [];
	return sessions.map((session) => ({
		...session,
		gates: gates.filter((g) => g.sessionId === session.id).map((g) => g.id),
		signedUp: needsSignups(session)
			? signups.filter((u) => u.sessionId === session.id).map((u) => u.registrationId)
			: null
	}));
}

export interface ConflictView {
	id: number;
	conferenceId: string;
	kind: schema.ScanConflictKind;
	registrationId: number;
	name: string;
	organisation: string;
	category: schema.AttendeeCategory;
	scan: {
		id: number;
		checkpointZh: string;
		checkpointEn: string;
		scannedAt: string;
		device: string;
	};
	other: {
		id: number;
		checkpointZh: string;
		checkpointEn: string;
		scannedAt: string;
		device: string;
	} | null;
	/** For `device_clock`: the time the device claimed; the scan is stored at the nearest bound. */
	deviceScannedAt: string | null;
	createdAt: string;
	resolvedAt: string | null;
	resolvedBy: string | null;
	resolution: string | null;
}

/** The supervisor's review list: offline admissions the server would have refused. */
export async function listConflicts(
	db: Db,
	filter: { conferenceId?: string | undefined; open: boolean }
): Promise<ConflictView[]> {
	const ms = (column: string) => epochMs(db, sql.raw(column));
	const conflicts = await rows<{
		id: number;
		conference_id: string;
		kind: schema.ScanConflictKind;
		registration_id: number;
		name: string;
		organisation: string;
		category: schema.AttendeeCategory;
		scan_id: number;
		scan_zh: string;
		scan_en: string;
		scan_at: number;
		scan_device: string;
		other_id: number | null;
		other_zh: string | null;
		other_en: string | null;
		other_at: number | null;
		other_device: string | null;
		device_scanned_at: number | null;
		created_at: number;
		resolved_at: number | null;
		resolved_by: string | null;
		resolution: string | null;
	}>(
		db,
		sql`
		SELECT k.id, k.conference_id, k.kind, k.registration_id, r.name, r.organisation, r.category,
			s.id AS scan_id, sc.name_zh AS scan_zh, sc.name_en AS scan_en, ${ms('s.scanned_at')} AS scan_at,
			coalesce(sd.name, su.display_name, s.device_id) AS scan_device,
			o.id AS other_id, oc.name_zh AS other_zh, oc.name_en AS other_en, ${ms('o.scanned_at')} AS other_at,
			coalesce(od.name, ou.display_name, o.device_id) AS other_device,
			${ms('k.device_scanned_at')} AS device_scanned_at, ${ms('k.created_at')} AS created_at,
			${ms('k.resolved_at')} AS resolved_at, ru.login AS resolved_by, k.resolution
		FROM scan_conflicts k
		JOIN registrations r ON r.id = k.registration_id
		JOIN scans s ON s.id = k.scan_id
		JOIN checkpoints sc ON sc.id = s.checkpoint_id
		LEFT JOIN scanner_devices sd ON sd.id = s.scanner_device_id
		LEFT JOIN staff_users su ON su.id = s.staff_id
		LEFT JOIN scans o ON o.id = k.other_scan_id
		LEFT JOIN checkpoints oc ON oc.id = o.checkpoint_id
		LEFT JOIN scanner_devices od ON od.id = o.scanner_device_id
		LEFT JOIN staff_users ou ON ou.id = o.staff_id
		LEFT JOIN staff_users ru ON ru.id = k.resolved_by
		WHERE (CAST(${filter.conferenceId ?? null} AS text) IS NULL
				OR k.conference_id = ${filter.conferenceId ?? null})
			AND (${filter.open ? 1 : 0} = 0 OR k.resolved_at IS NULL)
		ORDER BY k.id DESC LIMIT 500`
	);
	return conflicts.map((r) => ({
		id: r.id,
		conferenceId: r.conference_id,
		kind: r.kind,
		registrationId: r.registration_id,
		name: r.name,
		organisation: r.organisation,
		category: r.category,
		scan: {
			id: r.scan_id,
			checkpointZh: r.scan_zh,
			checkpointEn: r.scan_en,
			scannedAt: new Date(r.scan_at).toISOString(),
			device: r.scan_device
		},
		other:
			r.other_id !== null
				? {
						id: r.other_id,
						checkpointZh: r.other_zh ?? '',
						checkpointEn: r.other_en ?? '',
						scannedAt: new Date(r.other_at ?? 0).toISOString(),
						device: r.other_device ?? ''
					}
				: null,
		deviceScannedAt:
			r.device_scanned_at === null ? null : new Date(r.device_scanned_at).toISOString(),
		createdAt: new Date(r.created_at).toISOString(),
		resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at).toISOString(),
		resolvedBy: r.resolved_by,
		resolution: r.resolution
	}));
}

/** Closes a conflict with the supervisor's note. Audited. */
export async function resolveConflict(
	db: Db,
	input: { conflictId: number; note: string },
	actor: { user: StaffUser; source: string; now: Date }
): Promise<{ id: number; resolvedAt: string }> {
	return db.transaction(async (tx) => {
		const { scanConflicts } = tables(tx);
		const [row] = await tx
			.update(scanConflicts)
			.set({ resolvedAt: actor.now, resolvedBy: actor.user.id, resolution: input.note })
			.where(and(eq(scanConflicts.id, input.conflictId), isNull(scanConflicts.resolvedAt)))
			.returning();
		if (!row) {
			const [exists] = await tx
				.select({ id: scanConflicts.id })
				.from(scanConflicts)
				.where(eq(scanConflicts.id, input.conflictId));
			throw exists
				? new AppError('CONFLICT', 'conflict_already_resolved', 'already resolved')
				: new AppError('NOT_FOUND', 'conflict_not_found', `no conflict ${input.conflictId}`);
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'scan_conflict_resolved',
				subjectType: 'scan_conflict',
				subjectId: row.id,
				detail: {
					kind: row.kind,
					scanId: row.scanId,
					registrationId: row.registrationId,
					note: input.note
				}
			},
			actor.now
		);
		return { id: row.id, resolvedAt: actor.now.toISOString() };
	});
}
