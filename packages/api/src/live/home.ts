import { asc, sql } from 'drizzle-orm';
import { ledgerQueries, tables, type DbOrTx } from '@huizhan/db';
import { targetProgress, type TargetMetric, type TargetProgress } from '@huizhan/ledger';
import type { SnapshotCalendar } from './snapshot.ts';
import { defaultYear, editionsForYear, offeredYears, yearTargetsFor } from './year.ts';

/** A target as the console home lists it, with what has been achieved and the pace. */
export interface HomeTarget {
	id: number;
	metric: TargetMetric;
	/** 元 for amount metrics, projects for count metrics. */
	value: number;
	periodStart: string;
	periodEnd: string;
	progress: TargetProgress;
}

export interface HomeTargetGroup {
	/** Null for the whole-year group. */
	conference: { id: string; nameZh: string; nameEn: string; themeColor: string } | null;
	targets: HomeTarget[];
}

/**
 * The console home's targets for a calendar year (the current one when omitted): each of the
 * year's editions (`editionsForYear`) with its own targets, in date order, then the year's
 * whole-year targets (`yearTargetsFor`) — the same editions and targets `/live` shows.
 */
export async function homeTargets(
	db: DbOrTx,
	today: string,
	year?: number
): Promise<{ calendar: SnapshotCalendar; groups: HomeTargetGroup[] }> {
	const { conferences, dealTranches, targets } = tables(db);
	const allConferences = await db
		.select()
		.from(conferences)
		.orderBy(asc(conferences.startsOn), asc(conferences.id));
	const allTargets = await db
		.select()
		.from(targets)
		.orderBy(asc(targets.periodStart), asc(targets.metric), asc(targets.id));
	const current = defaultYear(today);
	const shownYear = year ?? current;
	// One distinct year per signing year, not one row per deal.
	const signingYears = (
		await db
			.selectDistinct({ year: sql<string>`substr(${dealTranches.signedOn}, 1, 4) || '-01-01'` })
			.from(dealTranches)
	).map((r) => r.year);
	const views = async (rows: typeof allTargets): Promise<HomeTarget[]> => {
		const shown: HomeTarget[] = [];
		for (const row of rows) {
			shown.push({
				id: row.id,
				metric: row.metric,
				value: row.value,
				periodStart: row.periodStart,
				periodEnd: row.periodEnd,
				progress: targetProgress(row, await ledgerQueries.sqlAchieved(db, row), today)
			});
		}
		return shown;
	};
	const groups: HomeTargetGroup[] = [];
	for (const c of editionsForYear(allConferences, shownYear, current)) {
		groups.push({
			conference: { id: c.id, nameZh: c.nameZh, nameEn: c.nameEn, themeColor: c.themeColor },
			targets: await views(allTargets.filter((t) => t.conferenceId === c.id))
		});
	}
	groups.push({ conference: null, targets: await views(yearTargetsFor(allTargets, shownYear)) });
	return {
		calendar: {
			year: shownYear,
			current,
			offered: offeredYears(allConferences, allTargets, signingYears, current)
		},
		groups
	};
}
