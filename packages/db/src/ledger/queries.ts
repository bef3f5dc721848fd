import { and, asc, count, desc, eq, like, or, sql, type SQL, type SQLWrapper } from 'drizzle-orm';
import {
	AGREEMENT_TYPES,
	DEAL_STAGES,
	HUNDRED_YI,
	INVESTOR_ORIGINS,
	type AgreementType,
	type DealStage,
	type InvestorOrigin,
	type TargetMetric,
	type TargetScope,
	type Totals,
	type TotalsLine
} from '@huizhan/ledger';
import type { DbOrTx, Schema } from '../types.ts';
import { tables } from '../tables.ts';

/*
 * Totals straight from the projection tables, for the dashboard and lists: one pass over the
 * deals and their tranches instead of a replay of the whole ledger. A property test holds these
 * equal to the pure fold (`computeTotals`) on random histories.
 */

export interface DealFilter {
	signingEvent?: string | undefined;
	chainId?: number | undefined;
	unitId?: number | undefined;
	agreementType?: AgreementType | undefined;
	stage?: DealStage | undefined;
	investorOrigin?: InvestorOrigin | undefined;
	/** Part of the project name, the investor or the deal id. */
	text?: string | undefined;
	includeVoided?: boolean | undefined;
}

const LANDED_STAGES: DealStage[] = ['landed', 'started', 'in_production'];

function dealConditions({ deals }: Schema, filter: DealFilter): SQL[] {
	const conditions: SQL[] = [];
	if (!filter.includeVoided) conditions.push(eq(deals.voided, false));
	if (filter.chainId !== undefined) conditions.push(eq(deals.chainId, filter.chainId));
	if (filter.unitId !== undefined) conditions.push(eq(deals.unitId, filter.unitId));
	if (filter.agreementType) conditions.push(eq(deals.agreementType, filter.agreementType));
	if (filter.stage) conditions.push(eq(deals.stage, filter.stage));
	if (filter.investorOrigin) conditions.push(eq(deals.investorOrigin, filter.investorOrigin));
	if (filter.text) {
		const pattern = `%${filter.text.replace(/[%_\\]/g, '')}%`;
		conditions.push(
			or(like(deals.projectName, pattern), like(deals.investor, pattern), like(deals.id, pattern))!
		);
	}
	return conditions;
}

const emptyLine = (): TotalsLine => ({ contract: 0, includingFramework: 0, deals: 0 });
const keyed = <K extends string>(keys: readonly K[]) =>
	Object.fromEntries(keys.map((k) => [k, emptyLine()])) as Record<K, TotalsLine>;
const sumOf = (value: SQLWrapper) => sql<number>`coalesce(sum(${value}), 0)`.mapWith(Number);

/**
 * The same figures as the fold's `computeTotals`, computed in SQL over the projection without
 * reading anything per deal. The live deals are summed in groups, twice, each time in the order
 * of a covering index (`deals_totals_by_chain`, `deals_totals_by_stage`), so SQLite neither sorts
 * nor reads a table row: a deal's original tranche is its total investment at its own signing
 * event, and its counted amount already holds every increase. Only the increases (增资) are
 * joined to their deal, to credit them to the event each was signed at.
 */
export async function sqlTotals(db: DbOrTx, filter: DealFilter = {}): Promise<Totals> {
	const t = tables(db);
	const { deals, dealTranches } = t;
	const event = filter.signingEvent;
	const live = and(...dealConditions(t, { ...filter, includeVoided: false }));
	// Under an event filter: the deals first signed there, with their original tranche.
	const where = event ? and(live, eq(deals.signingEvent, event)) : live;
	const dealSums = {
		event: deals.signingEvent,
		agreementType: deals.agreementType,
		deals: count(),
		original: sumOf(deals.totalInvestment),
		counted: sumOf(deals.countedAmount)
	};
	const byChainAndUnit = await db
		.select({ ...dealSums, chainId: deals.chainId, unitId: deals.unitId })
		.from(deals)
		.where(where)
		.groupBy(deals.signingEvent, deals.chainId, deals.unitId, deals.agreementType);
	const byStageAndOrigin = await db
		.select({
			...dealSums,
			stage: deals.stage,
			investorOrigin: deals.investorOrigin,
			hundredYi:
				sql<number>`count(*) FILTER (WHERE ${deals.countedAmount} >= ${HUNDRED_YI})`.mapWith(Number)
		})
		.from(deals)
		.where(where)
		.groupBy(deals.signingEvent, deals.stage, deals.investorOrigin, deals.agreementType);

	const totals: Totals = {
		contract: 0,
		includingFramework: 0,
		deals: 0,
		contractDeals: 0,
		landedAmount: 0,
		landedDeals: 0,
		hundredYiDeals: 0,
		hundredYiLanded: 0,
		byEvent: {},
		byChain: {},
		byUnit: {},
		byAgreement: keyed(AGREEMENT_TYPES),
		byStage: keyed(DEAL_STAGES),
		byOrigin: keyed(INVESTOR_ORIGINS)
	};
	const add = (line: TotalsLine, amount: number, contract: number, dealCount: number) => {
		line.includingFramework += amount;
		line.contract += contract;
		line.deals += dealCount;
	};
	for (const g of byChainAndUnit) {
		const amount = event ? g.original : g.counted;
		const isContract = g.agreementType === 'contract';
		const contract = isContract ? amount : 0;
		add(totals, amount, contract, g.deals);
		if (isContract) totals.contractDeals += g.deals;
		add((totals.byChain[g.chainId] ??= emptyLine()), amount, contract, g.deals);
		add((totals.byUnit[g.unitId] ??= emptyLine()), amount, contract, g.deals);
		add(totals.byAgreement[g.agreementType], amount, contract, g.deals);
		add(
			(totals.byEvent[g.event] ??= emptyLine()),
			g.original,
			isContract ? g.original : 0,
			g.deals
		);
	}
	for (const g of byStageAndOrigin) {
		const amount = event ? g.original : g.counted;
		const contract = g.agreementType === 'contract' ? amount : 0;
		add(totals.byStage[g.stage], amount, contract, g.deals);
		add(totals.byOrigin[g.investorOrigin], amount, contract, g.deals);
		totals.hundredYiDeals += g.hundredYi;
		if (LANDED_STAGES.includes(g.stage)) {
			totals.landedAmount += amount;
			totals.landedDeals += g.deals;
			totals.hundredYiLanded += g.hundredYi;
		}
	}

	// Increases add money where they were signed, never a project (as `computeTotals`). CROSS
	// JOIN fixes the order: walk the increases and look each deal up, never the reverse.
	const increaseSums = {
		event: dealTranches.signingEvent,
		amount: sumOf(dealTranches.amount),
		contract: sumOf(
			sql`CASE WHEN ${deals.agreementType} = 'contract' THEN ${dealTranches.amount} END`
		)
	};
	const increases = and(eq(dealTranches.kind, 'increase'), eq(deals.id, dealTranches.dealId), live);
	if (!event) {
		// Already in the counted amounts above: they only add to their own event's line.
		const byEvent = await db
			.select(increaseSums)
			.from(dealTranches)
			.crossJoin(deals)
			.where(increases)
			.groupBy(dealTranches.signingEvent);
		for (const g of byEvent)
			add((totals.byEvent[g.event] ??= emptyLine()), g.amount, g.contract, 0);
		return totals;
	}
	const here = await db
		.select({
			...increaseSums,
			chainId: deals.chainId,
			unitId: deals.unitId,
			agreementType: deals.agreementType,
			stage: deals.stage,
			investorOrigin: deals.investorOrigin
		})
		.from(dealTranches)
		.crossJoin(deals)
		.where(and(increases, eq(dealTranches.signingEvent, event)))
		// The event is fixed by the filter; PostgreSQL still wants every selected column grouped.
		.groupBy(
			dealTranches.signingEvent,
			deals.chainId,
			deals.unitId,
			deals.agreementType,
			deals.stage,
			deals.investorOrigin
		);
	for (const g of here) {
		add(totals, g.amount, g.contract, 0);
		if (LANDED_STAGES.includes(g.stage)) totals.landedAmount += g.amount;
		add((totals.byEvent[event] ??= emptyLine()), g.amount, g.contract, 0);
		add((totals.byChain[g.chainId] ??= emptyLine()), g.amount, g.contract, 0);
		add((totals.byUnit[g.unitId] ??= emptyLine()), g.amount, g.contract, 0);
		add(totals.byAgreement[g.agreementType], g.amount, g.contract, 0);
		add(totals.byStage[g.stage], g.amount, g.contract, 0);
		add(totals.byOrigin[g.investorOrigin], g.amount, g.contract, 0);
	}
	return totals;
}

export type DealSort = 'signedOn' | 'amount' | 'projectName' | 'lastRecordedAt';

export interface DealListQuery extends DealFilter {
	sort: DealSort;
	direction: 'asc' | 'desc';
	page: number;
	pageSize: number;
}

/** One page of deals (projection rows), the number matching, and their running totals. */
export async function listDeals(db: DbOrTx, query: DealListQuery) {
	const t = tables(db);
	const { deals, dealTranches } = t;
	const conditions = dealConditions(t, query);
	if (query.signingEvent) {
		conditions.push(
			sql`EXISTS (SELECT 1 FROM ${dealTranches} WHERE ${dealTranches.dealId} = ${deals.id} AND ${dealTranches.signingEvent} = ${query.signingEvent})`
		);
	}
	const where = conditions.length ? and(...conditions) : undefined;
	const column = {
		signedOn: deals.signedOn,
		amount: deals.countedAmount,
		projectName: deals.projectName,
		lastRecordedAt: deals.lastRecordedAt
	}[query.sort];
	const order = query.direction === 'asc' ? asc(column) : desc(column);
	const rows = await db
		.select()
		.from(deals)
		.where(where)
		.orderBy(order, desc(deals.firstSeq))
		.limit(query.pageSize)
		.offset((query.page - 1) * query.pageSize);
	const [matching] = await db.select({ n: count() }).from(deals).where(where);
	return { rows, total: matching?.n ?? 0, totals: await sqlTotals(db, query) };
}

/** What a target's metric has reached, from the projection (equals the fold's `achievedFor`). */
export async function sqlAchieved(
	db: DbOrTx,
	target: {
		scope: TargetScope;
		conferenceId: string | null;
		unitId?: number | null;
		metric: TargetMetric;
		periodStart: string;
		periodEnd: string;
	}
): Promise<number> {
	const { deals, dealTranches } = tables(db);
	const conference = target.scope === 'conference' ? (target.conferenceId ?? '') : null;
	// A unit target is a year target over that unit's deals: every query below gains the filter.
	const live =
		target.scope === 'unit'
			? and(eq(deals.voided, false), eq(deals.unitId, target.unitId ?? -1))
			: eq(deals.voided, false);
	const between = (value: SQL) =>
		sql`${value} BETWEEN ${target.periodStart} AND ${target.periodEnd}`;
	// The fold's `landedOn`: the first later stage reached, whichever was recorded.
	const landedOn = sql`coalesce(${deals.landedOn}, ${deals.startedOn}, ${deals.inProductionOn})`;
	const firstSignedHere = conference === null ? undefined : eq(deals.signingEvent, conference);
	const sumTranches = async (where: SQL | undefined) => {
		const [sum] = await db
			.select({ n: sql<number>`coalesce(sum(${dealTranches.amount}), 0)`.mapWith(Number) })
			.from(dealTranches)
			.innerJoin(deals, eq(deals.id, dealTranches.dealId))
			.where(where);
		return sum?.n ?? 0;
	};
	const countDeals = async (where: SQL | undefined) => {
		const [found] = await db.select({ n: count() }).from(deals).where(where);
		return found?.n ?? 0;
	};

	switch (target.metric) {
		case 'signed_amount':
			return sumTranches(
				and(
					live,
					conference === null
						? between(sql`${dealTranches.signedOn}`)
						: eq(dealTranches.signingEvent, conference)
				)
			);
		case 'formal_signing_count':
			return countDeals(
				and(
					live,
					firstSignedHere,
					eq(deals.agreementType, 'contract'),
					between(sql`coalesce(${deals.upgradedOn}, ${deals.signedOn})`)
				)
			);
		case 'landed_100yi_count':
			return countDeals(
				and(live, firstSignedHere, sql`${deals.countedAmount} >= ${HUNDRED_YI}`, between(landedOn))
			);
		case 'landed_amount':
			return sumTranches(
				and(
					live,
					between(landedOn),
					conference === null ? undefined : eq(dealTranches.signingEvent, conference)
				)
			);
	}
}
