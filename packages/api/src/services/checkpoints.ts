import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import {
	dialectOf,
	execute,
	isUniqueViolation,
	lockedTransaction,
	tables,
	type Db,
	type DbOrTx,
	type Tx,
	type schema
} from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { agendaOf } from './agenda.ts';
import { AppError } from '../errors.ts';
import type { CheckpointInput } from '../schemas/checkin.ts';
import { recordAudit } from './audit.ts';

export interface CheckpointView {
	id: number;
	conferenceId: string;
	nameZh: string;
	nameEn: string;
	allowedCategories: schema.AttendeeCategory[];
	entryRule: schema.EntryRule;
	printBadge: boolean;
	active: boolean;
	/** The session this gate is the door of, or null for a gate of the whole conference. */
	sessionId: number | null;
	/** That session as the gate list shows it (分论坛三 · 307会议室, 14:00–17:30). */
	session: GateSession | null;
}

export interface GateSession {
	id: number;
	kind: schema.SessionKind;
	titleZh: string;
	titleEn: string;
	hallZh: string;
	hallEn: string;
	startsAt: string;
	endsAt: string;
}

type CheckpointRecord = typeof schema.checkpoints.$inferSelect;
type SessionRecord = typeof schema.agendaSessions.$inferSelect;

const gateSession = (session: SessionRecord): GateSession => ({
	id: session.id,
	kind: session.kind,
	titleZh: session.titleZh,
	titleEn: session.titleEn,
	hallZh: session.hallZh,
	hallEn: session.hallEn,
	startsAt: session.startsAt.toISOString(),
	endsAt: session.endsAt.toISOString()
});

const view = (row: CheckpointRecord, session: SessionRecord | null): CheckpointView => ({
	id: row.id,
	conferenceId: row.conferenceId,
	nameZh: row.nameZh,
	nameEn: row.nameEn,
	allowedCategories: row.allowedCategories,
	entryRule: row.entryRule,
	printBadge: row.printBadge,
	active: row.active,
	sessionId: row.sessionId,
	session: session ? gateSession(session) : null
});

/** The gates with their sessions, read in one more query. */
async function views(db: DbOrTx, rows: CheckpointRecord[]): Promise<CheckpointView[]> {
	const ids = [...new Set(rows.flatMap((r) => (r.sessionId === null ? [] : [r.sessionId])))];
	const { agendaSessions } = tables(db);
	const sessions = ids.length
		? await db.select().from(agendaSessions).where(inArray(agendaSessions.id, ids))
		: [];
	const byId = new Map(sessions.map((s) => [s.id, s]));
	return rows.map((r) => view(r, r.sessionId === null ? null : (byId.get(r.sessionId) ?? null)));
}

/** The sessions a gate of each of these editions may be the door of, in agenda order. */
export async function gateSessionChoices(
	db: DbOrTx,
	conferenceIds: readonly string[]
): Promise<(GateSession & { conferenceId: string; capacity: number | null })[]> {
	const choices = [];
	for (const conferenceId of conferenceIds) {
		for (const session of await agendaOf(db, conferenceId)) {
			choices.push({ ...gateSession(session), conferenceId, capacity: session.capacity });
		}
	}
	return choices;
}

/**
 * Refuses a session that is not one of this edition's, as a field error of `sessionId`: a gate
 * of one edition cannot be the door of another's forum.
 */
async function assertSessionOfEdition(
	db: DbOrTx,
	conferenceId: string,
	sessionId: number | null
): Promise<void> {
	if (sessionId === null) return;
	const { agendaSessions } = tables(db);
	const [session] = await db
		.select({ conferenceId: agendaSessions.conferenceId })
		.from(agendaSessions)
		.where(eq(agendaSessions.id, sessionId));
	if (session?.conferenceId !== conferenceId) {
		throw new AppError(
			'BAD_REQUEST',
			'checkpoint_session_other_edition',
			`session ${sessionId} is not of ${conferenceId}`,
			{ field: 'sessionId' }
		);
	}
}

/** A conference's gates, in the order they were set up; closed ones too when asked. */
export async function listCheckpoints(
	db: Db,
	filter: { conferenceId?: string | undefined; includeInactive?: boolean }
): Promise<CheckpointView[]> {
	const { checkpoints } = tables(db);
	const where = [];
	if (filter.conferenceId) where.push(eq(checkpoints.conferenceId, filter.conferenceId));
	if (!filter.includeInactive) where.push(eq(checkpoints.active, true));
	const rows = await db
		.select()
		.from(checkpoints)
		.where(where.length ? and(...where) : undefined)
		.orderBy(asc(checkpoints.conferenceId), asc(checkpoints.id));
	return views(db, rows);
}

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

async function assertNameFree(
	db: DbOrTx,
	conferenceId: string,
	nameZh: string,
	exceptId?: number
): Promise<void> {
	const { checkpoints } = tables(db);
	const [clash] = await db
		.select({ id: checkpoints.id })
		.from(checkpoints)
		.where(
			and(
				eq(checkpoints.conferenceId, conferenceId),
				eq(checkpoints.nameZh, nameZh),
				exceptId === undefined ? undefined : ne(checkpoints.id, exceptId)
			)
		);
	if (clash) {
		throw new AppError('CONFLICT', 'checkpoint_name_taken', 'a gate of this name exists', {
			field: 'nameZh'
		});
	}
}

/** Refuses a conference id that names none, as a field error of `conferenceId`. */
export async function assertConferenceExists(db: DbOrTx, conferenceId: string): Promise<void> {
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	if (!conference) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`, {
			field: 'conferenceId'
		});
	}
}

export async function createCheckpoint(
	db: Db,
	input: CheckpointInput,
	actor: Actor
): Promise<CheckpointView> {
	return db.transaction(async (tx) => {
		const { checkpoints } = tables(tx);
		await assertConferenceExists(tx, input.conferenceId);
		await assertNameFree(tx, input.conferenceId, input.nameZh);
		await assertSessionOfEdition(tx, input.conferenceId, input.sessionId);
		const [row] = await tx
			.insert(checkpoints)
			.values({ ...input, active: true, createdAt: actor.now })
			.returning();
		if (!row) throw new Error('the checkpoint was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'checkpoint_created',
				subjectType: 'checkpoint',
				subjectId: row.id,
				detail: { conferenceId: row.conferenceId, nameZh: row.nameZh, sessionId: row.sessionId }
			},
			actor.now
		);
		const [shown] = await views(tx, [row]);
		return shown!;
	});
}

/**
 * The transaction of a gate's edit. A scan runs READ COMMITTED under its ticket's lock
 * (`checkin-locks.ts`), out of sight of a SERIALIZABLE transaction's checks: asked whether the
 * gate has scans, a snapshot would miss those in flight, judged by the rule about to change. So on
 * PostgreSQL the edit runs READ COMMITTED too and first locks the gate's row FOR UPDATE, which
 * waits for every scan holding it (FOR KEY SHARE, from its read of the gate to its commit); each
 * statement after that sees them. The advisory key orders two edits of one gate. On SQLite the
 * write transaction runs alone.
 */
async function checkpointEdit<T>(db: Db, id: number, work: (tx: Tx) => Promise<T>): Promise<T> {
	try {
		return await lockedTransaction(db, [`checkpoint:${id}`], async (tx) => {
			if (dialectOf(tx) === 'postgres') {
				await execute(tx, sql`SELECT id FROM checkpoints WHERE id = ${id} FOR UPDATE`);
			}
			return work(tx);
		});
	} catch (error) {
		// READ COMMITTED: two gates renamed to one name at once meet in the unique index, after
		// both passed `assertNameFree`.
		if (isUniqueViolation(error, 'checkpoints', 'conference_id, name_zh')) {
			throw new AppError('CONFLICT', 'checkpoint_name_taken', 'a gate of this name exists', {
				field: 'nameZh'
			});
		}
		throw error;
	}
}

/** Changes a gate's names, categories, rule, badge printing, or opens/closes it. Audited. */
export async function updateCheckpoint(
	db: Db,
	id: number,
	input: Omit<CheckpointInput, 'conferenceId'> & { active: boolean },
	actor: Actor
): Promise<CheckpointView> {
	return checkpointEdit(db, id, async (tx) => {
		const { checkpoints, scans } = tables(tx);
		const [before] = await tx.select().from(checkpoints).where(eq(checkpoints.id, id));
		if (!before) throw new AppError('NOT_FOUND', 'checkpoint_not_found', `no checkpoint ${id}`);
		await assertNameFree(tx, before.conferenceId, input.nameZh, id);
		await assertSessionOfEdition(tx, before.conferenceId, input.sessionId);
		// The entry rule decides the period of every admission: changing it while admissions
		// stand would let people in again (or not) by surprise, so it is fixed once used.
		if (input.entryRule !== before.entryRule) {
			const [used] = await tx
				.select({ id: scans.id })
				.from(scans)
				.where(eq(scans.checkpointId, id))
				.limit(1);
			if (used) {
				throw new AppError('CONFLICT', 'checkpoint_rule_in_use', 'the gate has scans', {
					field: 'entryRule'
				});
			}
		}
		const [row] = await tx
			.update(checkpoints)
			.set({
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				allowedCategories: input.allowedCategories,
				entryRule: input.entryRule,
				printBadge: input.printBadge,
				sessionId: input.sessionId,
				active: input.active
			})
			.where(eq(checkpoints.id, id))
			.returning();
		if (!row) throw new Error(`checkpoint ${id} was not updated`);
		const changed = Object.fromEntries(
			(
				[
					'nameZh',
					'nameEn',
					'allowedCategories',
					'entryRule',
					'printBadge',
					'sessionId',
					'active'
				] as const
			)
				.filter((k) => JSON.stringify(before[k]) !== JSON.stringify(row[k]))
				.map((k) => [k, { before: before[k], after: row[k] }])
		);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'checkpoint_updated',
				subjectType: 'checkpoint',
				subjectId: id,
				detail: { conferenceId: row.conferenceId, changed }
			},
			actor.now
		);
		const [shown] = await views(tx, [row]);
		return shown!;
	});
}
