import type { Db, Writes } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import { undoLock } from './checkin-locks.ts';
import { statementsFor } from './checkin-statements.ts';
import { assertInScope, checkpointOrThrow, undoDeadline, type ScanActor } from './checkin-scan.ts';

/*
 * Undoing an admission: a new scan row that reverses it and frees its slot. Door staff undo
 * their own within a few minutes, admins any; every undo is in the audit log.
 */

export interface UndoRequest {
	scanId: number;
	/** Why, as typed at the gate: stored on the undo row and in the audit log. */
	note: string;
	deviceId: string;
}

/** Reverses an admission with a new row; the slot is free again. Audited. */
export async function undoScan(
	db: Db,
	writes: Writes,
	request: UndoRequest,
	actor: ScanActor & { login: string; source: string },
	now: () => Date
): Promise<{ undoScanId: number; undone: number }> {
	const s = statementsFor(db);
	const locks = [await undoLock(s, db, request.scanId)];
	return writes.run(
		async (tx) => {
			const at = now();
			const row = await s.scanById(tx, request.scanId);
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
			if (actor.scanner) assertInScope(actor, await checkpointOrThrow(s, tx, row.checkpoint_id));
			const undoScanId = (await s.insertUndo(
				tx,
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
			))!;
			await s.markUndone(tx, undoScanId, row.id);
			await recordAudit(
				tx,
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
		},
		{ locks }
	);
}
