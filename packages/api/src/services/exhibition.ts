import { and, asc, count, eq, inArray, isNull } from 'drizzle-orm';
import { passQuota, type ExhibitorPass, type PassQuotaRule, type SetupDays } from '@huizhan/ledger';
import { schema, tables, type DbOrTx } from '@huizhan/db';

/*
 * Reading an edition's exhibition: its rules, an exhibitor and the booths it holds, and how many
 * passes it may still give out. The console, the exhibitor's page, the public directory, lead
 * retrieval, the door and the live pages all start from here, so an exhibitor reads the same
 * everywhere.
 */

export type ExhibitorRow = typeof schema.exhibitors.$inferSelect;
export type BoothRow = typeof schema.booths.$inferSelect;
export type HallRow = typeof schema.exhibitionHalls.$inferSelect;

/** An edition's exhibition rules, with the defaults for an edition that has set none. */
export interface ExhibitionRules {
	conferenceId: string;
	applicationsOpen: boolean;
	staff: PassQuotaRule;
	setup: PassQuotaRule;
	/** Null when the edition has no set-up days: set-up passes admit on none. */
	setupDays: SetupDays | null;
}

/** The rules an edition starts with: closed to applications, one badge per 3 ㎡ (at least 2). */
export const DEFAULT_EXHIBITION_RULES: Omit<ExhibitionRules, 'conferenceId'> = {
	applicationsOpen: false,
	staff: { squareMetresPer: 3, minimum: 2 },
	setup: { squareMetresPer: 9, minimum: 2 },
	setupDays: null
};

/**
 * An exhibitor's lock key: every write that must see its passes whole (adding a staff badge or a
 * set-up pass within the quota) holds it, so two people adding the last badge at once get one.
 */
export const exhibitorPassLock = (exhibitorId: number) => `exhibitor-passes:${exhibitorId}`;

/** An edition's exhibition lock key: writes that must see every booth hold of the edition. */
export const exhibitionLock = (conferenceId: string) => `exhibition:${conferenceId}`;

export async function exhibitionRulesOf(
	db: DbOrTx,
	conferenceId: string
): Promise<ExhibitionRules> {
	const { exhibitionRules: x } = tables(db);
	const [row] = await db.select().from(x).where(eq(x.conferenceId, conferenceId));
	if (!row) return { conferenceId, ...DEFAULT_EXHIBITION_RULES };
	return {
		conferenceId,
		applicationsOpen: row.applicationsOpen,
		staff: { squareMetresPer: row.staffSquareMetresPer, minimum: row.staffMinimum },
		setup: { squareMetresPer: row.setupSquareMetresPer, minimum: row.setupMinimum },
		setupDays:
			row.setupStartsOn && row.setupEndsOn
				? { startsOn: row.setupStartsOn, endsOn: row.setupEndsOn }
				: null
	};
}

/** The exhibitor behind a personal link, or null (a wrong or old link reads as not found). */
export async function exhibitorBySecret(db: DbOrTx, secret: string): Promise<ExhibitorRow | null> {
	const { exhibitors: e } = tables(db);
	const [found] = await db.select().from(e).where(eq(e.secret, secret));
	return found ?? null;
}

export async function exhibitorById(db: DbOrTx, id: number): Promise<ExhibitorRow | null> {
	const { exhibitors: e } = tables(db);
	const [found] = await db.select().from(e).where(eq(e.id, id));
	return found ?? null;
}

/** A booth an exhibitor holds now, with its hall. */
export interface HeldBooth {
	boothId: number;
	number: string;
	areaSquareMetres: number;
	type: BoothRow['type'];
	hallId: number;
	hallCode: string;
	hallZh: string;
	hallEn: string;
	hold: typeof schema.boothHolds.$inferSelect.kind;
	holdId: number;
}

/** The booths the given exhibitors hold now (reserved or assigned), by exhibitor, in booth order. */
export async function heldBooths(
	db: DbOrTx,
	exhibitorIds: readonly number[]
): Promise<Map<number, HeldBooth[]>> {
	const held = new Map<number, HeldBooth[]>();
	if (exhibitorIds.length === 0) return held;
	const { boothHolds: h, booths: b, exhibitionHalls: hall } = tables(db);
	const found = await db
		.select({
			exhibitorId: h.exhibitorId,
			boothId: b.id,
			number: b.number,
			areaSquareMetres: b.areaSquareMetres,
			type: b.type,
			hallId: hall.id,
			hallCode: hall.code,
			hallZh: hall.nameZh,
			hallEn: hall.nameEn,
			hold: h.kind,
			holdId: h.id
		})
		.from(h)
		.innerJoin(b, eq(b.id, h.boothId))
		.innerJoin(hall, eq(hall.id, b.hallId))
		.where(and(inArray(h.exhibitorId, [...exhibitorIds]), isNull(h.releasedAt)))
		.orderBy(asc(hall.sortOrder), asc(b.number));
	for (const { exhibitorId, ...booth } of found) {
		const list = held.get(exhibitorId);
		if (list) list.push(booth);
		else held.set(exhibitorId, [booth]);
	}
	return held;
}

/**
 * The area an exhibitor's passes are counted from: its assigned booths only. A reserved booth is
 * not yet the exhibitor's (its contract may fall through), so it brings no badges.
 */
export const assignedArea = (booths: readonly HeldBooth[]): number =>
	booths.filter((b) => b.hold === 'assigned').reduce((sum, b) => sum + b.areaSquareMetres, 0);

/** How many passes of a kind an exhibitor may have, and how many it has given out. */
export interface PassCount {
	quota: number;
	/** Registrations bound to the exhibitor with this pass that hold a seat (not cancelled). */
	used: number;
}

/** An exhibitor's staff badges and set-up passes against their quotas. */
export async function passCounts(
	db: DbOrTx,
	exhibitor: Pick<ExhibitorRow, 'id' | 'conferenceId'>
): Promise<Record<ExhibitorPass, PassCount>> {
	const rules = await exhibitionRulesOf(db, exhibitor.conferenceId);
	const booths = (await heldBooths(db, [exhibitor.id])).get(exhibitor.id) ?? [];
	const area = assignedArea(booths);
	const { registrations: r } = tables(db);
	const counted = await db
		.select({ pass: r.exhibitorPass, n: count() })
		.from(r)
		.where(and(eq(r.exhibitorId, exhibitor.id), inArray(r.status, schema.SEAT_HOLDING_STATUSES)))
		.groupBy(r.exhibitorPass);
	const used = (pass: ExhibitorPass) => counted.find((c) => c.pass === pass)?.n ?? 0;
	return {
		staff: { quota: passQuota(area, rules.staff), used: used('staff') },
		setup: { quota: passQuota(area, rules.setup), used: used('setup') }
	};
}

/** A booth's standing hold (who holds it and how), or null when the booth is free. */
export async function boothHolder(
	db: DbOrTx,
	boothId: number
): Promise<{ holdId: number; exhibitorId: number; kind: HeldBooth['hold'] } | null> {
	const { boothHolds: h } = tables(db);
	const [found] = await db
		.select({ holdId: h.id, exhibitorId: h.exhibitorId, kind: h.kind })
		.from(h)
		.where(and(eq(h.boothId, boothId), isNull(h.releasedAt)));
	return found ?? null;
}
