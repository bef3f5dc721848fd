import { and, count, eq, gte, inArray, isNull, lt, sql } from 'drizzle-orm';
import { tables, type DbOrTx } from '@huizhan/db';

/*
 * The exhibition on the live pages: per edition shown, the approved exhibitors, the booths
 * assigned out of all and their area, and the leads exhibitor staff took today (a Beijing day).
 *
 * No version probe of its own: the live version already moves every minute (SESSION_PROBES'
 * `minute`), so these figures are read afresh at least once a minute. Leads come in by the
 * thousand during the show; a probe on them would rebuild every screen's snapshot per scan, and
 * on PostgreSQL a trigger would wake every instance per scan as well. Approvals and booth
 * assignments are rare, and a minute is soon enough for leadership's figures.
 */

export interface ExhibitionLive {
	conferenceId: string;
	/** Exhibitors approved to exhibit (展商). */
	exhibitors: number;
	booths: number;
	/** Booths held as assigned now (a reservation is not counted: it may fall through). */
	boothsAssigned: number;
	/** Square metres of all booths, and of those assigned. */
	area: number;
	areaAssigned: number;
	/** Leads scanned today, Beijing time, by the device's clock. */
	leadsToday: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The instant a Beijing day (`YYYY-MM-DD`) begins. */
const beijingMidnight = (day: string) => new Date(`${day}T00:00:00+08:00`);

/** The exhibition figures of these editions, in the order given; `today` is a Beijing date. */
export async function exhibitionFigures(
	db: DbOrTx,
	conferenceIds: readonly string[],
	today: string
): Promise<ExhibitionLive[]> {
	if (conferenceIds.length === 0) return [];
	const ids = [...conferenceIds];
	const { exhibitors: e, booths: b, boothHolds: h, exhibitorLeads: l } = tables(db);
	const approved = await db
		.select({ conferenceId: e.conferenceId, n: count() })
		.from(e)
		.where(and(inArray(e.conferenceId, ids), eq(e.status, 'approved')))
		.groupBy(e.conferenceId);
	const booths = await db
		.select({
			conferenceId: b.conferenceId,
			booths: count(),
			boothsAssigned: count(h.id),
			area: sql<number>`coalesce(sum(${b.areaSquareMetres}), 0)`.mapWith(Number),
			areaAssigned:
				sql<number>`coalesce(sum(CASE WHEN ${h.id} IS NOT NULL THEN ${b.areaSquareMetres} END), 0)`.mapWith(
					Number
				)
		})
		.from(b)
		.leftJoin(h, and(eq(h.boothId, b.id), isNull(h.releasedAt), eq(h.kind, 'assigned')))
		.where(inArray(b.conferenceId, ids))
		.groupBy(b.conferenceId);
	const from = beijingMidnight(today);
	const leads = await db
		.select({ conferenceId: e.conferenceId, n: count() })
		.from(l)
		.innerJoin(e, eq(e.id, l.exhibitorId))
		.where(
			and(
				inArray(e.conferenceId, ids),
				gte(l.scannedAt, from),
				// A device whose clock runs ahead does not put tomorrow's scans into today.
				lt(l.scannedAt, new Date(from.getTime() + DAY_MS))
			)
		)
		.groupBy(e.conferenceId);
	return ids.map((conferenceId) => {
		const held = booths.find((x) => x.conferenceId === conferenceId);
		return {
			conferenceId,
			exhibitors: approved.find((x) => x.conferenceId === conferenceId)?.n ?? 0,
			booths: held?.booths ?? 0,
			boothsAssigned: held?.boothsAssigned ?? 0,
			area: held?.area ?? 0,
			areaAssigned: held?.areaAssigned ?? 0,
			leadsToday: leads.find((x) => x.conferenceId === conferenceId)?.n ?? 0
		};
	});
}
