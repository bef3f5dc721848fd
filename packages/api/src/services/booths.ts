import { and, asc, count, eq, isNull, like, or, sql } from 'drizzle-orm';
import { isUniqueViolation, lockedTransaction, tables, type Db, type DbOrTx } from '@huizhan/db';
import {
	EXHIBITOR_STATUSES,
	passQuota,
	type BoothHold,
	type BoothStatus,
	type BoothType,
	type ExhibitorPass,
	type ExhibitorStatus
} from '@huizhan/ledger';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import { recordAudit } from './audit.ts';
import {
	assignedArea,
	boothHolder,
	exhibitionRulesOf,
	exhibitorById,
	exhibitorPassLock,
	heldBooths,
	passCounts,
	type BoothRow,
	type HallRow
} from './exhibition.ts';

/*
 * Halls, booths and which exhibitor holds which booth (展位分配). A booth is held by one exhibitor
 * at most: the partial unique index `booth_holds_one_holder` refuses a second standing hold, so
 * two admins assigning the same booth at once cannot both succeed, whatever the isolation level;
 * the loser is told who holds it.
 */

/** Every refusal of this module: the console has words for each (`error_<code>`). */
export const BOOTH_REFUSALS = [
	'conference_not_found',
	'hall_not_found',
	'hall_code_taken',
	'hall_not_empty',
	'booth_not_found',
	'booth_number_taken',
	'booth_not_free',
	'booth_taken',
	'booth_not_reserved',
	'booth_not_held',
	'booth_changed',
	'exhibitor_not_found',
	'exhibitor_not_approved',
	'release_leaves_too_many_passes',
	'edition_read_only',
	'setup_days_order',
	'setup_days_outside_edition',
	'setup_days_partial'
] as const;

export interface BoothActor {
	user: StaffUser;
	source: string;
	now: Date;
}

const audit = (
	db: DbOrTx,
	actor: BoothActor,
	action: Parameters<typeof recordAudit>[1]['action'],
	subjectType: string,
	subjectId: number | string,
	detail: Record<string, unknown>
) =>
	recordAudit(
		db,
		{ actor: actor.user, source: actor.source, action, subjectType, subjectId, detail },
		actor.now
	);

export async function conferenceOf(db: DbOrTx, conferenceId: string) {
	const { conferences } = tables(db);
	const [found] = await db.select().from(conferences).where(eq(conferences.id, conferenceId));
	if (!found)
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
	return found;
}

async function hallOf(db: DbOrTx, id: number): Promise<HallRow> {
	const { exhibitionHalls: h } = tables(db);
	const [found] = await db.select().from(h).where(eq(h.id, id));
	if (!found) throw new AppError('NOT_FOUND', 'hall_not_found', `no hall ${id}`);
	return found;
}

async function boothOf(db: DbOrTx, id: number): Promise<BoothRow> {
	const { booths: b } = tables(db);
	const [found] = await db.select().from(b).where(eq(b.id, id));
	if (!found) throw new AppError('NOT_FOUND', 'booth_not_found', `no booth ${id}`);
	return found;
}

async function assertHallCodeFree(db: DbOrTx, conferenceId: string, code: string, except?: number) {
	const { exhibitionHalls: h } = tables(db);
	const [taken] = await db
		.select({ id: h.id })
		.from(h)
		.where(and(eq(h.conferenceId, conferenceId), eq(h.code, code)));
	if (taken && taken.id !== except)
		throw new AppError('CONFLICT', 'hall_code_taken', `hall ${code} exists`, { field: 'code' });
}

/** The booth numbered `number` in the edition, if any. */
export async function boothByNumber(db: DbOrTx, conferenceId: string, number: string) {
	const { booths: b } = tables(db);
	const [found] = await db
		.select()
		.from(b)
		.where(and(eq(b.conferenceId, conferenceId), eq(b.number, number)));
	return found ?? null;
}

async function assertNumberFree(db: DbOrTx, conferenceId: string, number: string, except?: number) {
	const taken = await boothByNumber(db, conferenceId, number);
	if (taken && taken.id !== except)
		throw new AppError('CONFLICT', 'booth_number_taken', `booth ${number} exists`, {
			field: 'number',
			number
		});
}

/* ---------------------------------------------------------------- halls */

export interface HallInput {
	code: string;
	nameZh: string;
	nameEn: string;
	sortOrder: number;
}

export function createHall(
	db: Db,
	input: HallInput & { conferenceId: string },
	actor: BoothActor
): Promise<HallRow> {
	return db.transaction(async (tx) => {
		await conferenceOf(tx, input.conferenceId);
		await assertHallCodeFree(tx, input.conferenceId, input.code);
		const [hall] = await tx
			.insert(tables(tx).exhibitionHalls)
			.values({ ...input, createdAt: actor.now })
			.returning();
		if (!hall) throw new Error('the hall was not stored');
		await audit(tx, actor, 'hall_created', 'hall', hall.id, {
			conferenceId: hall.conferenceId,
			code: hall.code
		});
		return hall;
	});
}

export function updateHall(
	db: Db,
	input: HallInput & { id: number },
	actor: BoothActor
): Promise<HallRow> {
	return db.transaction(async (tx) => {
		const hall = await hallOf(tx, input.id);
		await assertHallCodeFree(tx, hall.conferenceId, input.code, hall.id);
		const { id, ...fields } = input;
		const { exhibitionHalls: h } = tables(tx);
		const [updated] = await tx.update(h).set(fields).where(eq(h.id, id)).returning();
		await audit(tx, actor, 'hall_updated', 'hall', id, { from: hall.code, code: input.code });
		return updated!;
	});
}

/** A hall goes only when it has no booths: deleting would take booths (and their history) along. */
export function deleteHall(db: Db, id: number, actor: BoothActor): Promise<void> {
	return db.transaction(async (tx) => {
		const hall = await hallOf(tx, id);
		const { booths: b, exhibitionHalls: h } = tables(tx);
		const [inside] = await tx.select({ n: count() }).from(b).where(eq(b.hallId, id));
		if ((inside?.n ?? 0) > 0)
			throw new AppError('CONFLICT', 'hall_not_empty', `hall ${hall.code} has booths`, {
				booths: inside?.n
			});
		await tx.delete(h).where(eq(h.id, id));
		await audit(tx, actor, 'hall_deleted', 'hall', id, {
			conferenceId: hall.conferenceId,
			code: hall.code
		});
	});
}

/* ---------------------------------------------------------------- booths */

export interface BoothInput {
	hallId: number;
	number: string;
	areaSquareMetres: number;
	type: BoothType;
}

async function assertHallOfEdition(db: DbOrTx, hallId: number, conferenceId: string) {
	const hall = await hallOf(db, hallId);
	if (hall.conferenceId !== conferenceId)
		throw new AppError('NOT_FOUND', 'hall_not_found', `hall ${hallId} is another edition's`);
	return hall;
}

export function createBooth(
	db: Db,
	input: BoothInput & { conferenceId: string },
	actor: BoothActor
): Promise<BoothRow> {
	return db.transaction(async (tx) => {
		await assertHallOfEdition(tx, input.hallId, input.conferenceId);
		await assertNumberFree(tx, input.conferenceId, input.number);
		const [booth] = await tx
			.insert(tables(tx).booths)
			.values({ ...input, createdAt: actor.now })
			.returning();
		if (!booth) throw new Error('the booth was not stored');
		await audit(tx, actor, 'booth_created', 'booth', booth.id, {
			conferenceId: booth.conferenceId,
			number: booth.number,
			areaSquareMetres: booth.areaSquareMetres,
			type: booth.type
		});
		return booth;
	});
}

async function assertFree(db: DbOrTx, booth: BoothRow) {
	if (await boothHolder(db, booth.id))
		throw new AppError('CONFLICT', 'booth_not_free', `booth ${booth.number} is held`, {
			number: booth.number
		});
}

/**
 * Only a free booth changes: a held booth's area is what its exhibitor's badges were counted
 * from, so changing it under them would change their quota behind the admin's back.
 */
export function updateBooth(
	db: Db,
	input: BoothInput & { id: number },
	actor: BoothActor
): Promise<BoothRow> {
	return db.transaction(async (tx) => {
		const booth = await boothOf(tx, input.id);
		await assertFree(tx, booth);
		await assertHallOfEdition(tx, input.hallId, booth.conferenceId);
		await assertNumberFree(tx, booth.conferenceId, input.number, booth.id);
		const { id, ...fields } = input;
		const { booths: b } = tables(tx);
		const [updated] = await tx.update(b).set(fields).where(eq(b.id, id)).returning();
		await audit(tx, actor, 'booth_updated', 'booth', id, {
			from: {
				number: booth.number,
				hallId: booth.hallId,
				areaSquareMetres: booth.areaSquareMetres,
				type: booth.type
			},
			to: fields
		});
		return updated!;
	});
}

export function deleteBooth(db: Db, id: number, actor: BoothActor): Promise<void> {
	return db.transaction(async (tx) => {
		const booth = await boothOf(tx, id);
		await assertFree(tx, booth);
		const { booths: b } = tables(tx);
		await tx.delete(b).where(eq(b.id, id));
		await audit(tx, actor, 'booth_deleted', 'booth', id, {
			conferenceId: booth.conferenceId,
			number: booth.number
		});
	});
}

/* ---------------------------------------------------------------- the plan */

export interface BoothHolderName {
	exhibitorId: number;
	companyZh: string;
	companyEn: string;
}

export interface PlanBooth {
	id: number;
	hallId: number;
	number: string;
	areaSquareMetres: number;
	type: BoothType;
	status: BoothStatus;
	holder: BoothHolderName | null;
}

/** Booths and square metres by status: a hall's, or the edition's. */
export interface Fill {
	booths: Record<BoothStatus, number>;
	area: Record<BoothStatus, number>;
}

export const emptyFill = (): Fill => ({
	booths: { free: 0, reserved: 0, assigned: 0 },
	area: { free: 0, reserved: 0, assigned: 0 }
});

export interface BoothPlan {
	halls: (HallRow & { fill: Fill })[];
	booths: PlanBooth[];
	fill: Fill;
}

/** The edition's halls with their fill and every booth with its status and holder, in plan order. */
export async function boothPlan(db: DbOrTx, conferenceId: string): Promise<BoothPlan> {
	const { booths: b, boothHolds: h, exhibitionHalls: hall, exhibitors: e } = tables(db);
	const halls = await db
		.select()
		.from(hall)
		.where(eq(hall.conferenceId, conferenceId))
		.orderBy(asc(hall.sortOrder), asc(hall.code));
	const found = await db
		.select({
			id: b.id,
			hallId: b.hallId,
			number: b.number,
			areaSquareMetres: b.areaSquareMetres,
			type: b.type,
			hold: h.kind,
			exhibitorId: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn
		})
		.from(b)
		.leftJoin(h, and(eq(h.boothId, b.id), isNull(h.releasedAt)))
		.leftJoin(e, eq(e.id, h.exhibitorId))
		.where(eq(b.conferenceId, conferenceId))
		.orderBy(asc(b.number));
	const order = new Map(halls.map((x, i) => [x.id, i]));
	const booths = found
		.map((r): PlanBooth => ({
			id: r.id,
			hallId: r.hallId,
			number: r.number,
			areaSquareMetres: r.areaSquareMetres,
			type: r.type,
			status: r.hold ?? 'free',
			holder:
				r.exhibitorId === null
					? null
					: { exhibitorId: r.exhibitorId, companyZh: r.companyZh!, companyEn: r.companyEn! }
		}))
		.sort(
			(x, y) =>
				(order.get(x.hallId) ?? 0) - (order.get(y.hallId) ?? 0) ||
				x.number.localeCompare(y.number, 'en', { numeric: true })
		);
	const fill = emptyFill();
	const byHall = new Map(halls.map((x) => [x.id, emptyFill()]));
	for (const booth of booths) {
		for (const f of [fill, byHall.get(booth.hallId)]) {
			if (!f) continue;
			f.booths[booth.status] += 1;
			f.area[booth.status] += booth.areaSquareMetres;
		}
	}
	return { halls: halls.map((x) => ({ ...x, fill: byHall.get(x.id)! })), booths, fill };
}

/* ---------------------------------------------------------------- holds */

/** Approved exhibitors of the edition whose name matches, for the assignment picker. */
export async function approvedExhibitors(
	db: DbOrTx,
	conferenceId: string,
	search: string,
	limit = 20
) {
	const { exhibitors: e } = tables(db);
	const words = search.trim().toLowerCase();
	const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
	const found = await db
		.select({
			id: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn,
			wantedBoothType: e.wantedBoothType,
			wantedSquareMetres: e.wantedSquareMetres
		})
		.from(e)
		.where(
			and(
				eq(e.conferenceId, conferenceId),
				eq(e.status, 'approved'),
				words
					? or(
							like(e.companyZh, pattern),
							like(sql`lower(${e.companyEn})`, pattern),
							eq(e.creditCode, search.trim().toUpperCase())
						)
					: undefined
			)
		)
		.orderBy(asc(e.companyZh))
		.limit(limit);
	const held = await heldBooths(
		db,
		found.map((x) => x.id)
	);
	return found.map((x) => ({
		...x,
		booths: (held.get(x.id) ?? []).map((b) => ({ number: b.number, hold: b.hold }))
	}));
}

async function boothTaken(db: DbOrTx, booth: BoothRow): Promise<AppError> {
	const holder = await boothHolder(db, booth.id);
	const exhibitor = holder ? await exhibitorById(db, holder.exhibitorId) : null;
	return new AppError('CONFLICT', 'booth_taken', `booth ${booth.number} is held already`, {
		number: booth.number,
		holderZh: exhibitor?.companyZh ?? '',
		holderEn: exhibitor?.companyEn ?? '',
		hold: holder?.kind ?? null
	});
}

/**
 * Reserves or assigns a free booth to an approved exhibitor of its edition. The check that the
 * booth is free is a courtesy; the index is the rule: when another admin's hold lands between the
 * check and the insert, the insert is refused, and the refusal names who won.
 */
export async function holdBooth(
	db: Db,
	input: { boothId: number; exhibitorId: number; kind: BoothHold },
	actor: BoothActor
) {
	try {
		return await db.transaction(async (tx) => {
			const booth = await boothOf(tx, input.boothId);
			const exhibitor = await exhibitorById(tx, input.exhibitorId);
			if (!exhibitor || exhibitor.conferenceId !== booth.conferenceId)
				throw new AppError('NOT_FOUND', 'exhibitor_not_found', `no exhibitor ${input.exhibitorId}`);
			if (exhibitor.status !== 'approved')
				throw new AppError(
					'CONFLICT',
					'exhibitor_not_approved',
					`exhibitor ${exhibitor.id} is ${exhibitor.status}`,
					{ status: exhibitor.status }
				);
			if (await boothHolder(tx, booth.id)) throw await boothTaken(tx, booth);
			const [hold] = await tx
				.insert(tables(tx).boothHolds)
				.values({
					boothId: booth.id,
					exhibitorId: exhibitor.id,
					kind: input.kind,
					createdAt: actor.now,
					createdBy: actor.user.id
				})
				.returning();
			await audit(
				tx,
				actor,
				input.kind === 'assigned' ? 'booth_assigned' : 'booth_reserved',
				'booth',
				booth.id,
				{
					number: booth.number,
					exhibitorId: exhibitor.id,
					holdId: hold!.id
				}
			);
			return { holdId: hold!.id, number: booth.number, kind: input.kind };
		});
	} catch (error) {
		if (!isUniqueViolation(error, 'booth_holds', 'booth_id')) throw error;
		throw await boothTaken(db, await boothOf(db, input.boothId));
	}
}

/** A reserved booth becomes the exhibitor's (its contract is signed): reserved → assigned. */
export function confirmBooth(db: Db, input: { boothId: number }, actor: BoothActor) {
	return db.transaction(async (tx) => {
		const booth = await boothOf(tx, input.boothId);
		const holder = await boothHolder(tx, booth.id);
		if (!holder || holder.kind !== 'reserved')
			throw new AppError(
				'CONFLICT',
				'booth_not_reserved',
				`booth ${booth.number} is not reserved`,
				{
					number: booth.number
				}
			);
		const { boothHolds: h } = tables(tx);
		await tx.update(h).set({ kind: 'assigned' }).where(eq(h.id, holder.holdId));
		await audit(tx, actor, 'booth_assigned', 'booth', booth.id, {
			number: booth.number,
			exhibitorId: holder.exhibitorId,
			holdId: holder.holdId,
			from: 'reserved'
		});
		return { holdId: holder.holdId, number: booth.number, kind: 'assigned' as const };
	});
}

/**
 * Passes an exhibitor would have beyond its quotas without `released` of its area: what must be
 * cancelled before the booth can go. Zero each when the release leaves every badge within quota.
 */
export async function passesOverQuota(
	db: DbOrTx,
	exhibitor: { id: number; conferenceId: string },
	releasedArea: number
): Promise<Record<ExhibitorPass, number>> {
	const counts = await passCounts(db, exhibitor);
	const rules = await exhibitionRulesOf(db, exhibitor.conferenceId);
	const held = (await heldBooths(db, [exhibitor.id])).get(exhibitor.id) ?? [];
	const area = assignedArea(held) - releasedArea;
	return {
		staff: Math.max(0, counts.staff.used - passQuota(area, rules.staff)),
		setup: Math.max(0, counts.setup.used - passQuota(area, rules.setup))
	};
}

/**
 * Frees a booth. The rule: a release may not leave the exhibitor with more staff badges or set-up
 * passes than the quota of the area it keeps; the refusal says how many of each must be cancelled
 * first. A reserved booth brings no badges, so releasing one is always allowed. Taken under the
 * exhibitor's pass lock, so a badge added meanwhile is counted.
 */
export async function releaseBooth(db: Db, input: { boothId: number }, actor: BoothActor) {
	const first = await boothHolder(db, input.boothId);
	if (!first) {
		const booth = await boothOf(db, input.boothId);
		throw new AppError('CONFLICT', 'booth_not_held', `booth ${booth.number} is free`, {
			number: booth.number
		});
	}
	return lockedTransaction(db, [exhibitorPassLock(first.exhibitorId)], async (tx) => {
		const booth = await boothOf(tx, input.boothId);
		const holder = await boothHolder(tx, booth.id);
		// Released or handed to someone else between the first read and the lock: read afresh.
		if (!holder || holder.exhibitorId !== first.exhibitorId)
			throw new AppError('CONFLICT', 'booth_changed', `booth ${booth.number} changed meanwhile`, {
				number: booth.number
			});
		const exhibitor = (await exhibitorById(tx, holder.exhibitorId))!;
		if (holder.kind === 'assigned') {
			const over = await passesOverQuota(tx, exhibitor, booth.areaSquareMetres);
			if (over.staff > 0 || over.setup > 0)
				throw new AppError(
					'CONFLICT',
					'release_leaves_too_many_passes',
					`booth ${booth.number}: cancel ${over.staff} staff badges and ${over.setup} set-up passes first`,
					{ number: booth.number, staff: over.staff, setup: over.setup }
				);
		}
		const { boothHolds: h } = tables(tx);
		await tx
			.update(h)
			.set({ releasedAt: actor.now, releasedBy: actor.user.id })
			.where(eq(h.id, holder.holdId));
		await audit(tx, actor, 'booth_released', 'booth', booth.id, {
			number: booth.number,
			exhibitorId: holder.exhibitorId,
			holdId: holder.holdId,
			kind: holder.kind
		});
		return { number: booth.number };
	});
}

/* ---------------------------------------------------------------- overview */

export interface ExhibitionOverview {
	applications: Record<ExhibitorStatus, number>;
	approvedExhibitors: number;
	fill: Fill;
	halls: number;
	setupDays: { startsOn: string; endsOn: string } | null;
	applicationsOpen: boolean;
}

/** The edition's exhibition at a glance, for the console's landing. */
export async function exhibitionOverview(
	db: DbOrTx,
	conferenceId: string
): Promise<ExhibitionOverview> {
	const { exhibitors: e } = tables(db);
	const byStatus = await db
		.select({ status: e.status, n: count() })
		.from(e)
		.where(eq(e.conferenceId, conferenceId))
		.groupBy(e.status);
	const applications = Object.fromEntries(
		EXHIBITOR_STATUSES.map((s) => [s, byStatus.find((x) => x.status === s)?.n ?? 0])
	) as Record<ExhibitorStatus, number>;
	const plan = await boothPlan(db, conferenceId);
	const rules = await exhibitionRulesOf(db, conferenceId);
	return {
		applications,
		approvedExhibitors: applications.approved,
		fill: plan.fill,
		halls: plan.halls.length,
		setupDays: rules.setupDays,
		applicationsOpen: rules.applicationsOpen
	};
}
