import { and, asc, eq, ne, sql } from 'drizzle-orm';
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
}

const view = (row: typeof schema.checkpoints.$inferSelect): CheckpointView => ({
	id: row.id,
	conferenceId: row.conferenceId,
	nameZh: row.nameZh,
	nameEn: row.nameEn,
	allowedCategories: row.allowedCategories,
	entryRule: row.entryRule,
	printBadge: row.printBadge,
	active: row.active
});

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
	return rows.map(view);
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
				detail: { conferenceId: row.conferenceId, nameZh: row.nameZh }
			},
			actor.now
		);
		return view(row);
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
				active: input.active
			})
			.where(eq(checkpoints.id, id))
			.returning();
		if (!row) throw new Error(`checkpoint ${id} was not updated`);
		const changed = Object.fromEntries(
			(['nameZh', 'nameEn', 'allowedCategories', 'entryRule', 'printBadge', 'active'] as const)
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
		return view(row);
	});
}
