import { and, asc, count, desc, eq, like, or, sql, type SQL } from 'drizzle-orm';
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
import type { DbOrTx } from '../client.ts';
import { deals, dealTranches } from '../schema/index.ts';

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

function dealConditions(filter: DealFilter): SQL[] {
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

/** The same figures as the fold's `computeTotals`, computed in SQL over the projection. */
export function sqlTotals(db: DbOrTx, filter: DealFilter = {}): Totals {
	const where = and(
		eq(deals.voided, false),
		...dealConditions({ ...filter, includeVoided: false })
	);
	const trancheWhere = filter.signingEvent
		? and(where, eq(dealTranches.signingEvent, filter.signingEvent))
		: where;
	const isContract = sql`${deals.agreementType} = 'contract'`;

	// Per deal: the amount it counts for under this filter (tranches at the event, if one is named).
	const perDeal = db
		.select({
			id: deals.id,
			chainId: deals.chainId,
			unitId: deals.unitId,
			agreementType: deals.agreementType,
			stage: deals.stage,
			investorOrigin: deals.investorOrigin,
			counted: deals.countedAmount,
			amount: sql<number>`sum(${dealTranches.amount})`.mapWith(Number),
			originalHere: sql<number>`max(${dealTranches.kind} = 'original')`.mapWith(Number)
		})
		.from(deals)
		.innerJoin(dealTranches, eq(dealTranches.dealId, deals.id))
		.where(trancheWhere)
		.groupBy(deals.id)
		.all();

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
	const add = (line: TotalsLine, amount: number, contract: boolean, countDeal: boolean) => {
		line.includingFramework += amount;
		if (contract) line.contract += amount;
		if (countDeal) line.deals += 1;
	};
	for (const d of perDeal) {
		const contract = d.agreementType === 'contract';
		const landed = LANDED_STAGES.includes(d.stage);
		// Under an event filter a deal counts as a project only where it was first signed; an
		// increase signed at that event adds its money, not a project (as `computeTotals`).
		const countsAsDeal = !filter.signingEvent || d.originalHere === 1;
		totals.includingFramework += d.amount;
		if (contract) totals.contract += d.amount;
		if (landed) totals.landedAmount += d.amount;
		if (countsAsDeal) {
			totals.deals += 1;
			if (contract) totals.contractDeals += 1;
			if (landed) totals.landedDeals += 1;
			if (d.counted >= HUNDRED_YI) {
				totals.hundredYiDeals += 1;
				if (landed) totals.hundredYiLanded += 1;
			}
		}
		add((totals.byChain[d.chainId] ??= emptyLine()), d.amount, contract, countsAsDeal);
		add((totals.byUnit[d.unitId] ??= emptyLine()), d.amount, contract, countsAsDeal);
		add(totals.byAgreement[d.agreementType], d.amount, contract, countsAsDeal);
		add(totals.byStage[d.stage], d.amount, contract, countsAsDeal);
		add(totals.byOrigin[d.investorOrigin], d.amount, contract, countsAsDeal);
	}

	// By event: each tranche where it was signed; a deal counts at the event of its original.
	const byEvent = db
		.select({
			event: dealTranches.signingEvent,
			contract:
				sql<number>`coalesce(sum(CASE WHEN ${isContract} THEN ${dealTranches.amount} END), 0)`.mapWith(
					Number
				),
			all: sql<number>`sum(${dealTranches.amount})`.mapWith(Number),
			deals: sql<number>`sum(${dealTranches.kind} = 'original')`.mapWith(Number)
		})
		.from(dealTranches)
		.innerJoin(deals, eq(deals.id, dealTranches.dealId))
		.where(trancheWhere)
		.groupBy(dealTranches.signingEvent)
		.all();
	for (const row of byEvent) {
		totals.byEvent[row.event] = {
			contract: row.contract,
			includingFramework: row.all,
			deals: row.deals
		};
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
export function listDeals(db: DbOrTx, query: DealListQuery) {
	const conditions = dealConditions(query);
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
	const rows = db
		.select()
		.from(deals)
		.where(where)
		.orderBy(order, desc(deals.firstSeq))
		.limit(query.pageSize)
		.offset((query.page - 1) * query.pageSize)
		.all();
	const total = db.select({ n: count() }).from(deals).where(where).get()?.n ?? 0;
	return { rows, total, totals: sqlTotals(db, query) };
}

/** What a target's metric has reached, from the projection (equals the fold's `achievedFor`). */
export function sqlAchieved(
	db: DbOrTx,
	target: {
		scope: TargetScope;
		conferenceId: string | null;
		metric: TargetMetric;
		periodStart: string;
		periodEnd: string;
	}
): number {
	const conference = target.scope === 'conference' ? (target.conferenceId ?? '') : null;
	const live = eq(deals.voided, false);
	const between = (value: SQL) =>
		sql`${value} BETWEEN ${target.periodStart} AND ${target.periodEnd}`;
	// The fold's `landedOn`: the first later stage reached, whichever was recorded.
	const landedOn = sql`coalesce(${deals.landedOn}, ${deals.startedOn}, ${deals.inProductionOn})`;
	const firstSignedHere = conference === null ? undefined : eq(deals.signingEvent, conference);
	const sumTranches = (where: SQL | undefined) =>
		db
			.select({ n: sql<number>`coalesce(sum(${dealTranches.amount}), 0)`.mapWith(Number) })
			.from(dealTranches)
			.innerJoin(deals, eq(deals.id, dealTranches.dealId))
			.where(where)
			.get()?.n ?? 0;
	const countDeals = (where: SQL | undefined) =>
		db.select({ n: count() }).from(deals).where(where).get()?.n ?? 0;

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
