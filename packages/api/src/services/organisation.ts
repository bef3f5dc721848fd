import { and, asc, count, eq, ne, or, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema } from '@huizhan/db';
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

const { deals, industryChains, ledgerEntries, responsibleUnits, targets } = schema;

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

const tableOf = (kind: OrganisationKind) => (kind === 'chain' ? industryChains : responsibleUnits);
const dealColumn = (kind: OrganisationKind) => (kind === 'chain' ? deals.chainId : deals.unitId);
const factKey = (kind: OrganisationKind) => (kind === 'chain' ? 'chainId' : 'unitId');

function usageOf(db: DbOrTx, kind: OrganisationKind, id: number): OrganisationUsage {
	const key = factKey(kind);
	// A signing names it in `facts`, an amendment in `changes`: either keeps it in history.
	const named = or(
		sql`json_extract(${ledgerEntries.event}, ${`$.facts.${key}`}) = ${id}`,
		sql`json_extract(${ledgerEntries.event}, ${`$.changes.${key}`}) = ${id}`
	);
	return {
		deals:
			db
				.select({ n: count() })
				.from(deals)
				.where(eq(dealColumn(kind), id))
				.get()?.n ?? 0,
		ledgerEntries: db.select({ n: count() }).from(ledgerEntries).where(named).get()?.n ?? 0,
		targets:
			kind === 'unit'
				? (db.select({ n: count() }).from(targets).where(eq(targets.responsibleUnitId, id)).get()
						?.n ?? 0)
				: 0
	};
}

function rowsOf(db: DbOrTx, kind: OrganisationKind) {
	const table = tableOf(kind);
	return db.select().from(table).orderBy(asc(table.sortOrder), asc(table.id)).all();
}

/** Both lists in their display order, retired ones included, with what each is used by. */
export function listOrganisation(db: Db): {
	chains: OrganisationItem[];
	units: OrganisationItem[];
} {
	const items = (kind: OrganisationKind): OrganisationItem[] =>
		rowsOf(db, kind).map((row) => {
			const usage = usageOf(db, kind, row.id);
			return {
				id: row.id,
				nameZh: row.nameZh,
				nameEn: row.nameEn,
				sortOrder: row.sortOrder,
				active: row.active,
				deals: usage.deals,
				deletable: deletionRefusal(usage) === null
			};
		});
	return { chains: items('chain'), units: items('unit') };
}

function itemRow(db: DbOrTx, kind: OrganisationKind, id: number) {
	const table = tableOf(kind);
	const row = db.select().from(table).where(eq(table.id, id)).get();
	if (!row) throw new AppError('NOT_FOUND', 'organisation_not_found', `no ${kind} ${id}`);
	return row;
}

function assertNameFree(db: DbOrTx, kind: OrganisationKind, nameZh: string, except?: number) {
	const table = tableOf(kind);
	const taken = db
		.select({ id: table.id })
		.from(table)
		.where(
			except === undefined
				? eq(table.nameZh, nameZh)
				: and(eq(table.nameZh, nameZh), ne(table.id, except))
		)
		.get();
	if (taken) {
		throw new AppError('CONFLICT', 'organisation_name_taken', `${kind} ${nameZh} exists`, {
			field: 'nameZh'
		});
	}
}

const subjectType = (kind: OrganisationKind) =>
	kind === 'chain' ? 'industry_chain' : 'responsible_unit';

/** Adds a chain or unit at the end of its list. */
export function createOrganisationItem(db: Db, input: CreateOrganisationInput, actor: Actor) {
	return db.transaction(
		(tx) => {
			const table = tableOf(input.kind);
			assertNameFree(tx, input.kind, input.nameZh);
			const last = tx
				.select({ n: sql<number>`coalesce(max(${table.sortOrder}), -1)` })
				.from(table)
				.get();
			const row = tx
				.insert(table)
				.values({
					nameZh: input.nameZh,
					nameEn: input.nameEn,
					sortOrder: (last?.n ?? -1) + 1,
					createdAt: actor.now
				})
				.returning()
				.get();
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Renames in place: deals refer by id, so every deal page, list and export shows the new name
 * and the audit log keeps the old one.
 */
export function renameOrganisationItem(db: Db, input: RenameOrganisationInput, actor: Actor) {
	return db.transaction(
		(tx) => {
			const table = tableOf(input.kind);
			const before = itemRow(tx, input.kind, input.id);
			assertNameFree(tx, input.kind, input.nameZh, input.id);
			const row = tx
				.update(table)
				.set({ nameZh: input.nameZh, nameEn: input.nameEn })
				.where(eq(table.id, input.id))
				.returning()
				.get()!;
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

/** Moves one a place up or down; positions are rewritten 0…n−1 in the same transaction. */
export function moveOrganisationItem(db: Db, input: MoveOrganisationInput, actor: Actor) {
	return db.transaction(
		(tx) => {
			const table = tableOf(input.kind);
			itemRow(tx, input.kind, input.id);
			const before = rowsOf(tx, input.kind).map((r) => r.id);
			const after = moved(before, input.id, input.direction);
			after.forEach((id, position) => {
				tx.update(table).set({ sortOrder: position }).where(eq(table.id, id)).run();
			});
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

/**
 * Retires (no longer offered in the deal form or accepted from an import, still shown on the
 * deals that name it) or restores a chain or unit.
 */
export function setOrganisationItemActive(db: Db, input: SetOrganisationActiveInput, actor: Actor) {
	return db.transaction(
		(tx) => {
			const table = tableOf(input.kind);
			const before = itemRow(tx, input.kind, input.id);
			const row = tx
				.update(table)
				.set({ active: input.active })
				.where(eq(table.id, input.id))
				.returning()
				.get()!;
			if (before.active !== input.active) {
				recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}

/** Deletes one nothing ever named (see `deletionRefusal`); anything else is retired instead. */
export function deleteOrganisationItem(db: Db, input: OrganisationItemInput, actor: Actor) {
	return db.transaction(
		(tx) => {
			const table = tableOf(input.kind);
			const before = itemRow(tx, input.kind, input.id);
			const usage = usageOf(tx, input.kind, input.id);
			if (deletionRefusal(usage) !== null) {
				throw new AppError(
					'CONFLICT',
					'organisation_in_use',
					`${input.kind} ${input.id} is named by deals, ledger entries or targets: retire it instead`,
					{ ...usage }
				);
			}
			tx.delete(table).where(eq(table.id, input.id)).run();
			recordAudit(
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
		},
		{ behavior: 'immediate' }
	);
}
