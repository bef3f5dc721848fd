import { and, asc, count, eq, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx, Schema } from '@huizhan/db';
import { jsonText, tables } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { deletionRefusal, moved, type OrganisationUsage } from '../organisation/rules.ts';
import type {
	CreateOrganisationInput,
	MoveOrganisationInput,
	OrganisationItemInput,
	OrganisationKind,
	RenameOrganisationInput,
	SetOrganisationActiveInput
} from '../schemas/organisation.ts';
import { recordAudit } from './audit.ts';

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

/** The refusals these procedures give; the console has words for each. */
export const ORGANISATION_REFUSALS = [
	'organisation_not_found',
	'organisation_name_taken',
	'organisation_in_use'
] as const;

export interface OrganisationItem {
	id: number;
	nameZh: string;
	nameEn: string;
	sortOrder: number;
	active: boolean;
	/** Deals whose current facts name it. */
	deals: number;
	/** Whether it may still be deleted: nothing ever named it. */
	deletable: boolean;
}

const tableOf = (t: Schema, kind: OrganisationKind) =>
	kind === 'chain' ? t.industryChains : t.responsibleUnits;
const dealColumn = (t: Schema, kind: OrganisationKind) =>
	kind === 'chain' ? t.deals.chainId : t.deals.unitId;
const factKey = (kind: OrganisationKind) => (kind === 'chain' ? 'chainId' : 'unitId');

async function usageOf(db: DbOrTx, kind: OrganisationKind, id: number): Promise<OrganisationUsage> {
	const t = tables(db);
	const { deals, ledgerEntries, targets } = t;
	const key = factKey(kind);
	// A signing names it in `facts`, an amendment in `changes`: either keeps it in history.
	const named = or(
		eq(jsonText(db, ledgerEntries.event, ['facts', key]), String(id)),
		eq(jsonText(db, ledgerEntries.event, ['changes', key]), String(id))
	);
	const [dealCount] = await db
		.select({ n: count() })
		.from(deals)
		.where(eq(dealColumn(t, kind), id));
	const [entryCount] = await db.select({ n: count() }).from(ledgerEntries).where(named);
	let targetCount = 0;
	if (kind === 'unit') {
		const [counted] = await db
			.select({ n: count() })
			.from(targets)
			.where(eq(targets.responsibleUnitId, id));
		targetCount = counted?.n ?? 0;
	}
	return {
		deals: dealCount?.n ?? 0,
		ledgerEntries: entryCount?.n ?? 0,
		targets: targetCount
	};
}

async function rowsOf(db: DbOrTx, kind: OrganisationKind) {
	const table = tableOf(tables(db), kind);
	return db.select().from(table).orderBy(asc(table.sortOrder), asc(table.id));
}

/** Both lists in their display order, retired ones included, with what each is used by. */
export async function listOrganisation(db: Db): Promise<{
	chains: OrganisationItem[];
	units: OrganisationItem[];
}> {
	const items = async (kind: OrganisationKind): Promise<OrganisationItem[]> => {
		const listed: OrganisationItem[] = [];
		for (const row of await rowsOf(db, kind)) {
			const usage = await usageOf(db, kind, row.id);
			listed.push({
				id: row.id,
				nameZh: row.nameZh,
				nameEn: row.nameEn,
				sortOrder: row.sortOrder,
				active: row.active,
				deals: usage.deals,
				deletable: deletionRefusal(usage) === null
			});
		}
		return listed;
	};
	return { chains: await items('chain'), units: await items('unit') };
}

async function itemRow(db: DbOrTx, kind: OrganisationKind, id: number) {
	const table = tableOf(tables(db), kind);
	const [row] = await db.select().from(table).where(eq(table.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'organisation_not_found', `no ${kind} ${id}`);
	return row;
}

async function assertNameFree(
	db: DbOrTx,
	kind: OrganisationKind,
	nameZh: string,
	except?: number
): Promise<void> {
	const table = tableOf(tables(db), kind);
	const [taken] = await db
		.select({ id: table.id })
		.from(table)
		.where(
			except === undefined
				? eq(table.nameZh, nameZh)
				: and(eq(table.nameZh, nameZh), ne(table.id, except))
		)
		.limit(1);
	if (taken) {
		throw new AppError('CONFLICT', 'organisation_name_taken', `${kind} ${nameZh} exists`, {
			field: 'nameZh'
		});
	}
}

const subjectType = (kind: OrganisationKind) =>
	kind === 'chain' ? 'industry_chain' : 'responsible_unit';

/** Adds a chain or unit at the end of its list. */
export async function createOrganisationItem(db: Db, input: CreateOrganisationInput, actor: Actor) {
	return db.transaction(async (tx) => {
		const table = tableOf(tables(tx), input.kind);
		await assertNameFree(tx, input.kind, input.nameZh);
		const [last] = await tx
			.select({ n: sql<number>`coalesce(max(${table.sortOrder}), -1)` })
			.from(table);
		const [row] = await tx
			.insert(table)
			.values({
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				sortOrder: (last?.n ?? -1) + 1,
				createdAt: actor.now
			})
			.returning();
		if (!row) throw new Error(`the ${input.kind} ${input.nameZh} was not stored`);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'organisation_created',
				subjectType: subjectType(input.kind),
				subjectId: row.id,
				detail: { nameZh: row.nameZh, nameEn: row.nameEn }
			},
			actor.now
		);
		return row;
	});
}

/**
 * Renames in place: deals refer by id, so every deal page, list and export shows the new name
 * and the audit log keeps the old one.
 */
export async function renameOrganisationItem(db: Db, input: RenameOrganisationInput, actor: Actor) {
	return db.transaction(async (tx) => {
		const table = tableOf(tables(tx), input.kind);
		const before = await itemRow(tx, input.kind, input.id);
		await assertNameFree(tx, input.kind, input.nameZh, input.id);
		const [updated] = await tx
			.update(table)
			.set({ nameZh: input.nameZh, nameEn: input.nameEn })
			.where(eq(table.id, input.id))
			.returning();
		const row = updated!;
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'organisation_renamed',
				subjectType: subjectType(input.kind),
				subjectId: input.id,
				detail: {
					old: { nameZh: before.nameZh, nameEn: before.nameEn },
					new: { nameZh: row.nameZh, nameEn: row.nameEn }
				}
			},
			actor.now
		);
		return row;
	});
}

/** Moves one a place up or down; positions are rewritten 0…n−1 in the same transaction. */
export async function moveOrganisationItem(db: Db, input: MoveOrganisationInput, actor: Actor) {
	return db.transaction(async (tx) => {
		const table = tableOf(tables(tx), input.kind);
		await itemRow(tx, input.kind, input.id);
		const before = (await rowsOf(tx, input.kind)).map((r) => r.id);
		const after = moved(before, input.id, input.direction);
		for (const [position, id] of after.entries()) {
			await tx.update(table).set({ sortOrder: position }).where(eq(table.id, id));
		}
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'organisation_reordered',
				subjectType: subjectType(input.kind),
				subjectId: input.id,
				detail: { old: before.indexOf(input.id), new: after.indexOf(input.id) }
			},
			actor.now
		);
		return { order: after };
	});
}

/**
 * Retires (no longer offered in the deal form or accepted from an import, still shown on the
 * deals that name it) or restores a chain or unit.
 */
export async function setOrganisationItemActive(
	db: Db,
	input: SetOrganisationActiveInput,
	actor: Actor
) {
	return db.transaction(async (tx) => {
		const table = tableOf(tables(tx), input.kind);
		const before = await itemRow(tx, input.kind, input.id);
		const [updated] = await tx
			.update(table)
			.set({ active: input.active })
			.where(eq(table.id, input.id))
			.returning();
		const row = updated!;
		if (before.active !== input.active) {
			await recordAudit(
				tx,
				{
					actor: actor.user,
					source: actor.source,
					action: input.active ? 'organisation_restored' : 'organisation_retired',
					subjectType: subjectType(input.kind),
					subjectId: input.id,
					detail: {
						nameZh: row.nameZh,
						old: { active: before.active },
						new: { active: row.active }
					}
				},
				actor.now
			);
		}
		return row;
	});
}

/** Deletes one nothing ever named (see `deletionRefusal`); anything else is retired instead. */
export async function deleteOrganisationItem(db: Db, input: OrganisationItemInput, actor: Actor) {
	return db.transaction(async (tx) => {
		const table = tableOf(tables(tx), input.kind);
		const before = await itemRow(tx, input.kind, input.id);
		const usage = await usageOf(tx, input.kind, input.id);
		if (deletionRefusal(usage) !== null) {
			throw new AppError(
				'CONFLICT',
				'organisation_in_use',
				`${input.kind} ${input.id} is named by deals, ledger entries or targets: retire it instead`,
				{ ...usage }
			);
		}
		await tx.delete(table).where(eq(table.id, input.id));
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'organisation_deleted',
				subjectType: subjectType(input.kind),
				subjectId: input.id,
				detail: { old: { nameZh: before.nameZh, nameEn: before.nameEn } }
			},
			actor.now
		);
		return { deleted: input.id };
	});
}
