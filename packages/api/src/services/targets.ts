import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db, DbOrTx, Schema } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import {
	parseTargetValue,
	targetScopeRefusal,
	type TargetMetric,
	type TargetScope
} from '@huizhan/ledger';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import type { CreateTargetInput, UpdateTargetInput } from '../schemas/targets.ts';
import { recordAudit } from './audit.ts';

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

/** The refusals these procedures give; the console has words for each. */
export const TARGET_REFUSALS = [
	'target_not_found',
	'target_exists',
	'target_retired',
	'target_not_retired',
	'target_conference_missing',
	'target_unit_missing',
	'target_scope_mismatch',
	'target_unit_retired',
	'target_value_empty',
	'target_value_not_a_number',
	'target_value_negative',
	'target_value_too_precise',
	'target_value_too_large',
	'target_value_zero',
	'target_value_not_a_count'
] as const;

export interface TargetView {
	id: number;
	scope: TargetScope;
	metric: TargetMetric;
	/** 元 for amount metrics, projects for count metrics. */
	value: number;
	periodStart: string;
	periodEnd: string;
}

export interface TargetGroup {
	/** Null for the whole-year group. */
	conference: { id: string; nameZh: string; nameEn: string; themeColor: string } | null;
	targets: TargetView[];
}

type TargetRecord = typeof schema.targets.$inferSelect;

const view = (row: TargetRecord): TargetView => ({
	id: row.id,
	scope: row.scope,
	metric: row.metric,
	value: row.value,
	periodStart: row.periodStart,
	periodEnd: row.periodEnd
});

/** Targets that count: retired ones stay in the table for history only. */
const live = ({ targets }: Schema) => isNull(targets.retiredAt);

/** Every live conference and year target, grouped: each conference in date order, then the year. */
export async function listTargetsByScope(db: Db): Promise<TargetGroup[]> {
	const t = tables(db);
	const { conferences, targets } = t;
	const allConferences = await db.select().from(conferences).orderBy(asc(conferences.startsOn));
	const allTargets = await db
		.select()
		.from(targets)
		.where(live(t))
		.orderBy(asc(targets.periodStart), asc(targets.metric));
	const groups: TargetGroup[] = allConferences.map((c) => ({
		conference: { id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, themeColor: c.themeColor },
		targets: allTargets.filter((target) => target.conferenceId === c.id).map(view)
	}));
	groups.push({
		conference: null,
		targets: allTargets.filter((target) => target.scope === 'year').map(view)
	});
	return groups;
}

/** A target as the settings page lists it, with what it applies to by name. */
export interface TargetRow extends TargetView {
	conference: { id: string; nameZh: string; nameEn: string } | null;
	unit: { id: number; nameZh: string; nameEn: string; active: boolean } | null;
	createdAt: string;
	updatedAt: string | null;
	retiredAt: string | null;
}

/** Every target, retired ones too unless asked otherwise: live first, then by period and scope. */
export async function listTargets(
	db: DbOrTx,
	options: { includeRetired: boolean }
): Promise<TargetRow[]> {
	const t = tables(db);
	const { conferences, responsibleUnits, targets } = t;
	const rows = await db
		.select({
			target: targets,
			conference: { id: conferences.id, nameZh: conferences.nameZh, nameEn: conferences.nameEn },
			unit: {
				id: responsibleUnits.id,
				nameZh: responsibleUnits.nameZh,
				nameEn: responsibleUnits.nameEn,
				active: responsibleUnits.active
			}
		})
		.from(targets)
		.leftJoin(conferences, eq(conferences.id, targets.conferenceId))
		.leftJoin(responsibleUnits, eq(responsibleUnits.id, targets.responsibleUnitId))
		.where(options.includeRetired ? undefined : live(t))
		.orderBy(
			asc(targets.retiredAt),
			asc(targets.periodStart),
			asc(targets.scope),
			asc(responsibleUnits.sortOrder),
			asc(targets.metric)
		);
	return rows.map(({ target, conference, unit }) => ({
		id: target.id,
		scope: target.scope,
		metric: target.metric,
		value: target.value,
		periodStart: target.periodStart,
		periodEnd: target.periodEnd,
		conference: target.conferenceId === null ? null : conference,
		unit: target.responsibleUnitId === null ? null : unit,
		createdAt: target.createdAt.toISOString(),
		updatedAt: target.updatedAt?.toISOString() ?? null,
		retiredAt: target.retiredAt?.toISOString() ?? null
	}));
}

/** Every live unit target, earliest period first: what the ranking measures units against. */
export async function liveUnitTargets(db: DbOrTx): Promise<TargetRecord[]> {
	const t = tables(db);
	return db
		.select()
		.from(t.targets)
		.where(and(live(t), eq(t.targets.scope, 'unit')))
		.orderBy(asc(t.targets.periodStart), asc(t.targets.id));
}

function parsedValue(metric: TargetMetric, text: string): number {
	const parsed = parseTargetValue(metric, text);
	if (!parsed.ok) {
		throw new AppError(
			'BAD_REQUEST',
			`target_value_${parsed.reason}`,
			`value refused: ${parsed.reason}`,
			{
				field: 'value'
			}
		);
	}
	return parsed.value;
}

async function targetRow(db: DbOrTx, id: number) {
	const { targets } = tables(db);
	const [row] = await db.select().from(targets).where(eq(targets.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'target_not_found', `no target ${id}`);
	return row;
}

/** The place a live target holds: one per scope, subject, metric and period. */
async function assertPlaceFree(
	db: DbOrTx,
	place: {
		scope: TargetScope;
		conferenceId: string | null;
		responsibleUnitId: number | null;
		metric: TargetMetric;
		periodStart: string;
		periodEnd: string;
	},
	except?: number
): Promise<void> {
	const t = tables(db);
	const { targets } = t;
	const rows = await db
		.select({ id: targets.id })
		.from(targets)
		.where(
			and(
				live(t),
				eq(targets.scope, place.scope),
				place.conferenceId === null
					? isNull(targets.conferenceId)
					: eq(targets.conferenceId, place.conferenceId),
				place.responsibleUnitId === null
					? isNull(targets.responsibleUnitId)
					: eq(targets.responsibleUnitId, place.responsibleUnitId),
				eq(targets.metric, place.metric),
				eq(targets.periodStart, place.periodStart),
				eq(targets.periodEnd, place.periodEnd)
			)
		);
	const same = rows.filter((row) => row.id !== except);
	if (same.length > 0) {
		throw new AppError(
			'CONFLICT',
			'target_exists',
			'a live target already measures this metric over this period',
			{ field: 'metric', existing: same[0]!.id }
		);
	}
}

/** What the audit log keeps of a target: enough to read it back without the table. */
const auditView = (row: TargetRecord) => ({
	scope: row.scope,
	conferenceId: row.conferenceId,
	unitId: row.responsibleUnitId,
	metric: row.metric,
	value: row.value,
	periodStart: row.periodStart,
	periodEnd: row.periodEnd
});

/** Creates a target; the value is read as typed (`500亿`, `12.5亿`, `10`). */
export async function createTarget(
	db: Db,
	input: CreateTargetInput,
	actor: Actor
): Promise<TargetView> {
	return db.transaction(async (tx) => {
		const { conferences, responsibleUnits, targets } = tables(tx);
		const scopeRefusal = targetScopeRefusal(input);
		if (scopeRefusal !== null) {
			throw new AppError(
				'BAD_REQUEST',
				`target_${scopeRefusal}`,
				`scope refused: ${scopeRefusal}`,
				{
					field: input.scope === 'unit' ? 'unitId' : 'conferenceId'
				}
			);
		}
		const conference =
			input.conferenceId === null
				? null
				: (
						await tx
							.select({ id: conferences.id })
							.from(conferences)
							.where(eq(conferences.id, input.conferenceId))
					)[0];
		if (input.conferenceId !== null && !conference) {
			throw new AppError(
				'BAD_REQUEST',
				'target_conference_missing',
				`no conference ${input.conferenceId}`,
				{
					field: 'conferenceId'
				}
			);
		}
		if (input.unitId !== null) {
			const [unit] = await tx
				.select()
				.from(responsibleUnits)
				.where(eq(responsibleUnits.id, input.unitId));
			if (!unit) {
				throw new AppError('BAD_REQUEST', 'target_unit_missing', `no unit ${input.unitId}`, {
					field: 'unitId'
				});
			}
			if (!unit.active) {
				throw new AppError(
					'BAD_REQUEST',
					'target_unit_retired',
					`unit ${input.unitId} is retired`,
					{
						field: 'unitId'
					}
				);
			}
		}
		const values = {
			scope: input.scope,
			conferenceId: input.conferenceId,
			responsibleUnitId: input.unitId,
			metric: input.metric,
			value: parsedValue(input.metric, input.value),
			periodStart: input.periodStart,
			periodEnd: input.periodEnd
		};
		await assertPlaceFree(tx, values);
		const [row] = await tx
			.insert(targets)
			.values({ ...values, createdAt: actor.now })
			.returning();
		if (!row) throw new Error('the target was not stored');
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'target_created',
				subjectType: 'target',
				subjectId: row.id,
				detail: { new: auditView(row) }
			},
			actor.now
		);
		return view(row);
	});
}

/**
 * Changes a live target's value or period. The audit entry holds the old and new values of the
 * fields that changed; what it measures (scope, subject, metric) is fixed — retire and create.
 */
export async function updateTarget(
	db: Db,
	input: UpdateTargetInput,
	actor: Actor
): Promise<TargetView> {
	return db.transaction(async (tx) => {
		const { targets } = tables(tx);
		const before = await targetRow(tx, input.id);
		if (before.retiredAt !== null) {
			throw new AppError('CONFLICT', 'target_retired', `target ${input.id} is retired`);
		}
		const next = {
			value: parsedValue(before.metric, input.value),
			periodStart: input.periodStart,
			periodEnd: input.periodEnd
		};
		await assertPlaceFree(tx, { ...before, ...next }, before.id);
		const changed = (['value', 'periodStart', 'periodEnd'] as const).filter(
			(field) => before[field] !== next[field]
		);
		if (changed.length === 0) return view(before);
		const [updated] = await tx
			.update(targets)
			.set({ ...next, updatedAt: actor.now })
			.where(eq(targets.id, input.id))
			.returning();
		const row = updated!;
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'target_updated',
				subjectType: 'target',
				subjectId: row.id,
				detail: {
					metric: row.metric,
					old: Object.fromEntries(changed.map((f) => [f, before[f]])),
					new: Object.fromEntries(changed.map((f) => [f, row[f]]))
				}
			},
			actor.now
		);
		return view(row);
	});
}

/**
 * Retires a target: it stops counting on every dashboard but stays in the table and the audit
 * log; nothing is ever deleted. A retired target can be restored while no live target has
 * taken its place since.
 */
export async function setTargetRetired(
	db: Db,
	input: { id: number; retired: boolean },
	actor: Actor
): Promise<TargetView> {
	return db.transaction(async (tx) => {
		const { targets } = tables(tx);
		const before = await targetRow(tx, input.id);
		if (input.retired && before.retiredAt !== null) {
			throw new AppError('CONFLICT', 'target_retired', `target ${input.id} is already retired`);
		}
		if (!input.retired && before.retiredAt === null) {
			throw new AppError('CONFLICT', 'target_not_retired', `target ${input.id} is live`);
		}
		if (!input.retired) await assertPlaceFree(tx, before, before.id);
		const [updated] = await tx
			.update(targets)
			.set({ retiredAt: input.retired ? actor.now : null, updatedAt: actor.now })
			.where(eq(targets.id, input.id))
			.returning();
		const row = updated!;
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: input.retired ? 'target_retired' : 'target_restored',
				subjectType: 'target',
				subjectId: row.id,
				detail: {
					...auditView(row),
					old: { retiredAt: before.retiredAt?.toISOString() ?? null },
					new: { retiredAt: row.retiredAt?.toISOString() ?? null }
				}
			},
			actor.now
		);
		return view(row);
	});
}
