import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import {
	checkpointInput,
	conferenceInput,
	conflictsInput,
	gateSessionsInput,
	listCheckpointsInput,
	countsInput,
	issueDeviceInput,
	offlineScansInput,
	recentInput,
	resolveConflictInput,
	revokeDeviceInput,
	scanInput,
	searchInput,
	undoInput,
	updateCheckpointInput
} from '../schemas/checkin.ts';
import { admissionBadge } from '../services/badges.ts';
import { scan, undoScan, uploadOfflineScans, type ScanActor } from '../services/checkin.ts';
import { checkinSnapshot, listConflicts, resolveConflict } from '../services/checkin-review.ts';
import {
	createCheckpoint,
	gateSessionChoices,
	listCheckpoints,
	updateCheckpoint
} from '../services/checkpoints.ts';
import { listRegistrations } from '../services/registration-desk.ts';
import {
	issueScannerDevice,
	listScannerDevices,
	revokeScannerDevice
} from '../services/scanner-devices.ts';
import { gateCounts, recentScans, turnoutCounts } from '../services/turnout.ts';
import { router, scannerProcedure, staffProcedure } from '../trpc.ts';
import type { StaffUser } from '../auth/roles.ts';
import type { ScannerIdentity } from '../services/checkin.ts';

const DOOR = ['door', 'admin'] as const;

type ScannerContext = Context & { user: StaffUser | null; device: ScannerIdentity | null };

function actorOf(ctx: ScannerContext): ScanActor {
	if (ctx.user) {
		return { staffId: ctx.user.id, scanner: null, mayUndoAny: ctx.user.roles.includes('admin') };
	}
	return { staffId: null, scanner: ctx.device, mayUndoAny: false };
}

/**
 * The device id under which nonces are kept, derived here and never taken as sent: a scanner
 * device's is `scanner-<id>` from its token, a browser's is `staff:<staff id>:<its own id>`. The
 * `:` cannot appear in a sent id, so no browser can name itself a handheld (or another staff
 * member's browser) and squat its next nonce.
 */
function deviceIdOf(ctx: ScannerContext, given: string | undefined): string {
	if (ctx.device) return `scanner-${ctx.device.id}`;
	if (!given || !ctx.user) {
		throw new AppError('BAD_REQUEST', 'device_id_required', 'send the deviceId of this browser', {
			field: 'deviceId'
		});
	}
	return `staff:${ctx.user.id}:${given}`;
}

/** A scanner device sees only its own conference. */
function assertConference(ctx: ScannerContext, conferenceId: string): void {
	if (ctx.device && ctx.device.conferenceId !== conferenceId) {
		throw new AppError(
			'FORBIDDEN',
			'device_out_of_scope',
			'this device belongs to another conference'
		);
	}
}

const staffActor = (ctx: Context & { user: StaffUser }) => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

export const checkinRouter = router({
	/**
	 * One scan: a ticket token or reference (`code`), or a registration chosen from a search.
	 * Every attempt is stored; a repeated (deviceId, nonce) returns the first answer.
	 */
	scan: scannerProcedure(DOOR)
		.input(scanInput)
		.mutation(({ ctx, input }) =>
			scan(
				ctx.db,
				ctx.writes,
				{
					checkpointId: input.checkpointId,
					code: input.code,
					registrationId: input.registrationId,
					deviceId: deviceIdOf(ctx, input.deviceId),
					nonce: input.nonce,
					scannedAt: input.scannedAt
				},
				actorOf(ctx),
				ctx.now
			)
		),

	/** Scans a device decided offline, uploaded when it is back; conflicts go to review. */
	uploadOffline: scannerProcedure(DOOR)
		.input(offlineScansInput)
		.mutation(async ({ ctx, input }) => ({
			answers: await uploadOfflineScans(
				ctx.db,
				ctx.writes,
				input.scans.map((s) => ({
					checkpointId: s.checkpointId,
					code: s.code,
					registrationId: s.registrationId,
					deviceId: deviceIdOf(ctx, s.deviceId),
					nonce: s.nonce,
					scannedAt: s.scannedAt,
					deviceReason: s.deviceReason
				})),
				actorOf(ctx),
				ctx.now,
				input.snapshotAt ?? null
			)
		})),

	/** Reverses an admission with a reason: door staff their own for a few minutes, admins any. */
	undo: scannerProcedure(DOOR)
		.input(undoInput)
		.mutation(({ ctx, input }) =>
			undoScan(
				ctx.db,
				ctx.writes,
				{ scanId: input.scanId, note: input.note, deviceId: deviceIdOf(ctx, input.deviceId) },
				{
					...actorOf(ctx),
					login: ctx.user?.login ?? `scanner:${ctx.device?.name ?? '?'}`,
					source: ctx.source
				},
				ctx.now
			)
		),

	/** What a scanner keeps for offline use: keys, revocations, tickets (no contacts). */
	snapshot: scannerProcedure(DOOR)
		.input(conferenceInput)
		.query(({ ctx, input }) => {
			assertConference(ctx, input.conferenceId);
			return checkinSnapshot(ctx.db, input.conferenceId, ctx.now());
		}),

	/** Checked in / registered for the conference, by category and quarter hour, and per gate. */
	counts: scannerProcedure(DOOR)
		.input(countsInput)
		.query(async ({ ctx, input }) => {
			assertConference(ctx, input.conferenceId);
			return {
				turnout: await turnoutCounts(ctx.db, input.conferenceId),
				gates: await gateCounts(ctx.db, input.conferenceId, ctx.now())
			};
		}),

	/** The latest attempts at a gate. */
	recent: staffProcedure(DOOR)
		.input(recentInput)
		.query(({ ctx, input }) => recentScans(ctx.db, input.checkpointId, input.limit)),

	/** Search at the gate by name, organisation, reference or mobile tail (contacts masked). */
	search: staffProcedure(DOOR)
		.input(searchInput)
		.query(async ({ ctx, input }) => {
			const { rows } = await listRegistrations(
				ctx.db,
				{ conferenceId: input.conferenceId, text: input.text, page: 1, pageSize: 10 },
				// Masked for everyone at the gate, admins included: the scanner screen faces the queue.
				{ ...ctx.user, roles: ['door'] }
			);
			return rows.map((r) => ({
				registrationId: r.id,
				name: r.name,
				organisation: r.organisation,
				category: r.category,
				status: r.status,
				reference: r.reference,
				mobile: r.mobile
			}));
		}),

	/** The badge of a standing admission: what the print page shows, with the ticket token. */
	badge: staffProcedure(DOOR)
		.input(undoInput.pick({ scanId: true }))
		.query(({ ctx, input }) => admissionBadge(ctx.db, input.scanId)),

	/** The supervisor's review list of offline conflicts. */
	conflicts: staffProcedure(['admin'])
		.input(conflictsInput)
		.query(({ ctx, input }) => listConflicts(ctx.db, input)),

	resolveConflict: staffProcedure(['admin'])
		.input(resolveConflictInput)
		.mutation(({ ctx, input }) => resolveConflict(ctx.db, input, staffActor(ctx)))
});

export const checkpointsRouter = router({
	/** A conference's gates (the scanner's choice; closed ones for admins with `includeInactive`). */
	list: staffProcedure(DOOR)
		.input(listCheckpointsInput)
		.query(({ ctx, input }) =>
			listCheckpoints(ctx.db, {
				conferenceId: input?.conferenceId,
				includeInactive: (input?.includeInactive ?? false) && ctx.user.roles.includes('admin')
			})
		),
	/** The sessions a gate of these editions may be the door of (the gate settings' choice). */
	sessions: staffProcedure(['admin'])
		.input(gateSessionsInput)
		.query(({ ctx, input }) => gateSessionChoices(ctx.db, input.conferenceIds)),
	create: staffProcedure(['admin'])
		.input(checkpointInput)
		.mutation(({ ctx, input }) => createCheckpoint(ctx.db, input, staffActor(ctx))),
	update: staffProcedure(['admin'])
		.input(updateCheckpointInput)
		.mutation(({ ctx, input }) => {
			const { checkpointId, ...fields } = input;
			return updateCheckpoint(ctx.db, checkpointId, fields, staffActor(ctx));
		})
});

export const scannerDevicesRouter = router({
	list: staffProcedure(['admin']).query(({ ctx }) => listScannerDevices(ctx.db)),
	/** Issues a device token; the token is in this answer only, never again. */
	issue: staffProcedure(['admin'])
		.input(issueDeviceInput)
		.mutation(({ ctx, input }) => issueScannerDevice(ctx.db, input, staffActor(ctx))),
	revoke: staffProcedure(['admin'])
		.input(revokeDeviceInput)
		.mutation(({ ctx, input }) => revokeScannerDevice(ctx.db, input.deviceId, staffActor(ctx)))
});
