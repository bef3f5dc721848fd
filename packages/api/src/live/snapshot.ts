import { asc, isNull } from 'drizzle-orm';
import { tables, type DbOrTx } from '@huizhan/db';
import {
	EVERYDAY_SIGNING,
	targetProgress,
	type TargetMetric,
	type TargetProgress,
	type Totals,
	type TotalsLine,
	type Yuan
} from '@huizhan/ledger';
import { openCeremonies, type CeremonyLive } from './ceremony.ts';
import type { ExhibitionLive } from './exhibition.ts';
import type { DaySigned, DealLine, LedgerSource } from './sources.ts';
import type { SessionsLive } from './sessions.ts';
import type { TurnoutConference } from './turnout.ts';
import { unitRanking, type UnitRankingLine } from './unit-ranking.ts';
import {
	countsTowardYear,
	defaultYear,
	editionsForYear,
	offeredYears,
	yearBounds,
	yearTargetsFor
} from './year.ts';

/** How many deals the largest-deals list and the ticker show. */
export const LARGEST_DEALS = 8;
export const TICKER_DEALS = 8;

/** The headline figures of a set of deals: `Totals` without its breakdowns. */
export type TotalsSummary = Pick<
	Totals,
	| 'contract'
	| 'includingFramework'
	| 'deals'
	| 'contractDeals'
	| 'landedAmount'
	| 'landedDeals'
	| 'hundredYiDeals'
	| 'hundredYiLanded'
>;

/** A signed-amount target read two ways: counting contracts only, and every agreement. */
export interface SigningTarget {
	value: Yuan;
	periodStart: string;
	periodEnd: string;
	contract: TargetProgress;
	includingFramework: TargetProgress;
}

export interface ConferenceLive {
	id: string;
	nameZh: string;
	nameEn: string;
	themeColor: string;
	startsOn: string;
	endsOn: string;
	/** What was signed at this conference (each tranche where it was signed). */
	totals: TotalsSummary;
	target: SigningTarget | null;
}

export interface YearTargetLive {
	id: number;
	metric: TargetMetric;
	value: number;
	periodStart: string;
	periodEnd: string;
	progress: TargetProgress;
}

export interface BreakdownLine extends TotalsLine {
	id: number;
	nameZh: string;
	nameEn: string;
}

/** Cumulative signed amount at the end of a day. */
export interface CurvePoint {
	date: string;
	contract: Yuan;
	includingFramework: Yuan;
}

export interface Curve {
	/** A conference id, or `year` for every channel within the year target's period. */
	scope: string;
	periodStart: string;
	periodEnd: string;
	/** The target the curve climbs towards, if there is one. */
	value: Yuan | null;
	/** Starts at zero on `periodStart`; one point per day something was signed. */
	points: CurvePoint[];
}

/** Which calendar year a snapshot shows, and the years one may choose instead. */
export interface SnapshotCalendar {
	/** The year shown. */
	year: number;
	/** The year shown when nobody chooses one (`defaultYear`): the big screen's. */
	current: number;
	/** Every year with editions, targets or signings, newest first (the year selector). */
	offered: number[];
}

/**
 * Everything the live dashboard and the big screen show for one calendar year, computed once
 * per change and sent to every client of that year as it is. Money is whole 元 throughout; the
 * pages format it.
 */
export interface LiveSnapshot {
	/** Changes whenever a figure may have: the event id of the stream. */
	version: string;
	headSeq: number;
	generatedAt: string;
	/** The instant replayed, or null for the live ledger. */
	asOf: string | null;
	/** The Beijing date paces are measured to. */
	today: string;
	calendar: SnapshotCalendar;
	/** The year's editions (`editionsForYear`), in date order. */
	conferences: ConferenceLive[];
	/** Everyday signings (日常签约) dated in the year: they count toward it, not a conference. */
	everyday: TotalsLine;
	/** Every channel together, tranches signed in the year. */
	overall: TotalsLine;
	/** The year's whole-year targets (`yearTargetsFor`). */
	year: YearTargetLive[];
	/** The year's signings by industry chain and by responsible unit. */
	byChain: BreakdownLine[];
	byUnit: BreakdownLine[];
	/** Each responsible unit against its own target (live/unit-ranking.ts). */
	unitRanking: UnitRankingLine[];
	/** Deals first signed in the year. */
	largest: DealLine[];
	hundredYi: DealLine[];
	ticker: DealLine[];
	curves: Curve[];
	/**
	 * The year's editions' registrations; null when replaying a past moment: registrations keep
	 * no history to replay.
	 */
	turnout: TurnoutConference[] | null;
	/** The editions' sessions now, next and ranked (live/sessions.ts); null when replaying. */
	sessions: SessionsLive[] | null;
	/** The shown editions' open signing ceremonies (live/ceremony.ts); none when replaying. */
	ceremonies: CeremonyLive[];
	/** The shown editions' exhibitions (live/exhibition.ts); null when replaying. */
	exhibition: ExhibitionLive[] | null;
}

export interface SnapshotOptions {
	/** The calendar year to show; the current one (`defaultYear`) when omitted. */
	year?: number;
	source: LedgerSource;
	/** `YYYY-MM-DD` in Beijing: the day paces are measured to. */
	today: string;
	generatedAt: Date;
	asOf?: string | null;
	version?: string;
	turnout?: TurnoutConference[] | null;
	/** Asked with the editions shown; left out (null) when replaying. */
	sessions?: ((conferenceIds: string[]) => Promise<SessionsLive[]>) | null;
	/** Asked with the editions shown; left out (null) when replaying. */
	exhibition?: ((conferenceIds: string[]) => Promise<ExhibitionLive[]>) | null;
}

const summary = (totals: Totals): TotalsSummary => ({
	contract: totals.contract,
	includingFramework: totals.includingFramework,
	deals: totals.deals,
	contractDeals: totals.contractDeals,
	landedAmount: totals.landedAmount,
	landedDeals: totals.landedDeals,
	hundredYiDeals: totals.hundredYiDeals,
	hundredYiLanded: totals.hundredYiLanded
});

const emptyLine = (): TotalsLine => ({ contract: 0, includingFramework: 0, deals: 0 });

/**
 * The dashboard's figures from one ledger source, with names and targets from the reference
 * tables. A conference's signed amount is what `achievedFor` credits to it (every tranche
 * signed there), which is exactly the `includingFramework` total under that event; the
 * contracts-only reading measures the same target against the contract tranches.
 */
export async function buildSnapshot(db: DbOrTx, options: SnapshotOptions): Promise<LiveSnapshot> {
	const { source, today } = options;
	const { conferences, industryChains, responsibleUnits, targets } = tables(db);
	const allConferences = await db
		.select()
		.from(conferences)
		.orderBy(asc(conferences.startsOn), asc(conferences.id));
	// Retired targets are history: they no longer count on any dashboard.
	const allTargets = await db
		.select()
		.from(targets)
		.where(isNull(targets.retiredAt))
		.orderBy(asc(targets.id));
	const days = await source.signedByDay();
	const current = defaultYear(today);
	const shownYear = options.year ?? current;
	const bounds = yearBounds(shownYear);
	const shown = editionsForYear(allConferences, shownYear, current);
	const yearTargets = yearTargetsFor(allTargets, shownYear);
	const daysOfYear = days.filter((d) => countsTowardYear(d.date, shownYear));

	const curveOf = (
		scope: string,
		periodStart: string,
		periodEnd: string,
		value: Yuan | null,
		counts: (signingEvent: string, date: string) => boolean
	): Curve => {
		const points: CurvePoint[] = [{ date: periodStart, contract: 0, includingFramework: 0 }];
		for (const day of days) {
			if (!counts(day.signingEvent, day.date)) continue;
			const last = points[points.length - 1]!;
			const date = day.date < periodStart ? periodStart : day.date;
			const point =
				last.date === date
					? last
					: { date, contract: last.contract, includingFramework: last.includingFramework };
			point.contract += day.contract;
			point.includingFramework += day.includingFramework;
			if (point !== last) points.push(point);
		}
		return { scope, periodStart, periodEnd, value, points };
	};

	const curves: Curve[] = [];
	const conferenceFigures: ConferenceLive[] = [];
	for (const conference of shown) {
		const totals = summary(await source.totals({ signingEvent: conference.id }));
		const spec = allTargets.find(
			(t) =>
				t.scope === 'conference' && t.conferenceId === conference.id && t.metric === 'signed_amount'
		);
		let target: SigningTarget | null = null;
		if (spec) {
			const achieved = await source.achieved(spec);
			target = {
				value: spec.value,
				periodStart: spec.periodStart,
				periodEnd: spec.periodEnd,
				contract: targetProgress(spec, totals.contract, today),
				includingFramework: targetProgress(spec, achieved, today)
			};
		}
		// A conference's curve runs over its target's period, or the dates of its signings.
		const firstDay = days.find((d) => d.signingEvent === conference.id)?.date;
		curves.push(
			curveOf(
				conference.id,
				spec?.periodStart ?? firstDay ?? conference.startsOn,
				spec?.periodEnd ?? conference.endsOn,
				spec?.value ?? null,
				(event) => event === conference.id
			)
		);
		conferenceFigures.push({
			id: conference.id,
			nameZh: conference.nameZh,
			nameEn: conference.nameEn,
			themeColor: conference.themeColor,
			startsOn: conference.startsOn,
			endsOn: conference.endsOn,
			totals,
			target
		});
	}

	const year: YearTargetLive[] = [];
	for (const t of yearTargets) {
		year.push({
			id: t.id,
			metric: t.metric,
			value: t.value,
			periodStart: t.periodStart,
			periodEnd: t.periodEnd,
			progress: targetProgress(t, await source.achieved(t), today)
		});
	}
	// The year's curve climbs toward its signed-amount target; without one, over the calendar year.
	const yearSigning = yearTargets.find((t) => t.metric === 'signed_amount');
	const yearPeriod = yearSigning
		? { start: yearSigning.periodStart, end: yearSigning.periodEnd }
		: { start: bounds.from, end: bounds.to };
	curves.push(
		curveOf(
			'year',
			yearPeriod.start,
			yearPeriod.end,
			yearSigning?.value ?? null,
			(_event, date) => date >= yearPeriod.start && date <= yearPeriod.end
		)
	);

	const lineOf = (rows: DaySigned[]): TotalsLine => {
		const line = emptyLine();
		for (const row of rows) {
			line.contract += row.contract;
			line.includingFramework += row.includingFramework;
			line.deals += row.deals;
		}
		return line;
	};
	const linesBy = (key: 'chainId' | 'unitId'): Record<number, TotalsLine> => {
		const lines: Record<number, TotalsLine> = {};
		for (const row of daysOfYear) {
			const line = (lines[row[key]] ??= emptyLine());
			line.contract += row.contract;
			line.includingFramework += row.includingFramework;
			line.deals += row.deals;
		}
		return lines;
	};
	const shownIds = new Set(shown.map((c) => c.id));
	const chains = await db.select().from(industryChains).orderBy(asc(industryChains.sortOrder));
	const units = await db.select().from(responsibleUnits).orderBy(asc(responsibleUnits.sortOrder));
	const breakdown = (
		names: { id: number; nameZh: string; nameEn: string }[],
		lines: Record<number, TotalsLine>
	): BreakdownLine[] =>
		names
			.map((n) => ({
				id: n.id,
				nameZh: n.nameZh,
				nameEn: n.nameEn,
				...(lines[n.id] ?? emptyLine())
			}))
			.filter((line) => line.deals > 0 || line.includingFramework > 0)
			.sort((a, b) => b.includingFramework - a.includingFramework || a.id - b.id);

	return {
		version: options.version ?? String(source.headSeq),
		headSeq: source.headSeq,
		generatedAt: options.generatedAt.toISOString(),
		asOf: options.asOf ?? null,
		today,
		calendar: {
			year: shownYear,
			current,
			offered: offeredYears(
				allConferences,
				allTargets,
				days.map((d) => d.date),
				current
			)
		},
		conferences: conferenceFigures,
		everyday: lineOf(daysOfYear.filter((d) => d.signingEvent === EVERYDAY_SIGNING)),
		overall: lineOf(daysOfYear),
		year,
		byChain: breakdown(chains, linesBy('chainId')),
		byUnit: breakdown(units, linesBy('unitId')),
		unitRanking: await unitRanking(db, source, today, shownYear),
		largest: await source.largest(LARGEST_DEALS, bounds),
		hundredYi: await source.hundredYi(bounds),
		ticker: await source.newest(TICKER_DEALS, bounds),
		curves,
		turnout: options.turnout?.filter((t) => shownIds.has(t.conferenceId)) ?? null,
		sessions: options.sessions ? await options.sessions([...shownIds]) : null,
		ceremonies: options.asOf ? [] : await openCeremonies(db, [...shownIds]),
		exhibition: options.exhibition ? await options.exhibition([...shownIds]) : null
	};
}
