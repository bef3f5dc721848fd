import { and, asc, between, desc, eq, gte, sql, type SQL } from 'drizzle-orm';
import { ledgerQueries, ledgerStore, tables, type DbOrTx, type schema } from '@huizhan/db';
import {
	achievedFor,
	computeTotals,
	countedAmount,
	HUNDRED_YI,
	type AgreementType,
	type DealStage,
	type DealState,
	type LedgerState,
	type TargetSpec,
	type Totals,
	type TotalsFilter,
	type Yuan
} from '@huizhan/ledger';

/** A deal as the dashboard lists it (largest, ≥100亿元, the ticker). Voided deals never appear. */
export interface DealLine {
	id: string;
	projectName: string;
	investor: string;
	/** Where it was first signed: a conference id or `everyday`. */
	signingEvent: string;
	agreementType: AgreementType;
	stage: DealStage;
	signedOn: string;
	/** Total investment plus every 增资. */
	amount: Yuan;
	/** The entry that signed it: newer deals have larger numbers. */
	firstSeq: number;
}

/**
 * Signed amounts of the tranches signed on one day at one event, for one industry chain and
 * responsible unit (the deal's current ones): fine enough to sum any calendar year's figures.
 */
export interface DaySigned {
	date: string;
	signingEvent: string;
	chainId: number;
	unitId: number;
	contract: Yuan;
	includingFramework: Yuan;
	/** Deals first signed that day (original tranches; an increase adds money, not a deal). */
	deals: number;
}

/** Inclusive `YYYY-MM-DD` bounds on a deal's signing date (a calendar year on the dashboards). */
export interface DateRange {
	from: string;
	to: string;
}

/**
 * Where the dashboard's ledger figures come from. Two implementations answer the same questions:
 * `projectionSource` reads the live projection tables with a handful of grouped queries, and
 * `foldSource` reads a fold of the ledger (for "as of" a past moment). A test holds them equal.
 * The answers are promises because the projection's are read from the database.
 */
export interface LedgerSource {
	headSeq: number;
	totals(filter?: TotalsFilter): Promise<Totals>;
	achieved(target: TargetSpec): Promise<number>;
	/** By amount, largest first; ties go to the deal signed first. Only deals signed within `range`. */
	largest(limit: number, range?: DateRange): Promise<DealLine[]>;
	/** Every deal counting for at least 100亿元, largest first. Only deals signed within `range`. */
	hundredYi(range?: DateRange): Promise<DealLine[]>;
	/** The deals signed most recently (by ledger order), newest first. Only deals signed within `range`. */
	newest(limit: number, range?: DateRange): Promise<DealLine[]>;
	/** Every tranche's amount summed by signing day, event, chain and unit, in that order. */
	signedByDay(): Promise<DaySigned[]>;
}

type DealRow = typeof schema.deals.$inferSelect;

const lineOfRow = (row: DealRow): DealLine => ({
	id: row.id,
	projectName: row.projectName,
	investor: row.investor,
	signingEvent: row.signingEvent,
	agreementType: row.agreementType,
	stage: row.stage,
	signedOn: row.signedOn,
	amount: row.countedAmount,
	firstSeq: row.firstSeq
});

/** The live figures, from the projection the ledger keeps in step with every entry. */
export async function projectionSource(db: DbOrTx): Promise<LedgerSource> {
	const { deals, dealTranches } = tables(db);
	const live = eq(deals.voided, false);
	const within = (range?: DateRange): SQL =>
		range ? and(live, between(deals.signedOn, range.from, range.to))! : live;
	return {
		headSeq: (await ledgerStore.readHead(db)).seq,
		totals: (filter = {}) => ledgerQueries.sqlTotals(db, filter),
		achieved: (target) => ledgerQueries.sqlAchieved(db, target),
		largest: async (limit, range) =>
			(
				await db
					.select()
					.from(deals)
					.where(within(range))
					.orderBy(desc(deals.countedAmount), asc(deals.firstSeq))
					.limit(limit)
			).map(lineOfRow),
		hundredYi: async (range) =>
			(
				await db
					.select()
					.from(deals)
					.where(and(within(range), gte(deals.countedAmount, HUNDRED_YI)))
					.orderBy(desc(deals.countedAmount), asc(deals.firstSeq))
			).map(lineOfRow),
		newest: async (limit, range) =>
			(
				await db
					.select()
					.from(deals)
					.where(within(range))
					.orderBy(desc(deals.firstSeq))
					.limit(limit)
			).map(lineOfRow),
		signedByDay: async () =>
			db
				.select({
					date: dealTranches.signedOn,
					signingEvent: dealTranches.signingEvent,
					chainId: deals.chainId,
					unitId: deals.unitId,
					contract:
						sql<number>`coalesce(sum(CASE WHEN ${deals.agreementType} = 'contract' THEN ${dealTranches.amount} END), 0)`.mapWith(
							Number
						),
					includingFramework: sql<number>`coalesce(sum(${dealTranches.amount}), 0)`.mapWith(Number),
					deals:
						sql<number>`coalesce(sum(CASE WHEN ${dealTranches.kind} = 'original' THEN 1 ELSE 0 END), 0)`.mapWith(
							Number
						)
				})
				.from(dealTranches)
				.innerJoin(deals, eq(deals.id, dealTranches.dealId))
				.where(live)
				.groupBy(dealTranches.signedOn, dealTranches.signingEvent, deals.chainId, deals.unitId)
				.orderBy(
					asc(dealTranches.signedOn),
					asc(dealTranches.signingEvent),
					asc(deals.chainId),
					asc(deals.unitId)
				)
	};
}

const lineOfState = (deal: DealState): DealLine => ({
	id: deal.id,
	projectName: deal.facts.projectName,
	investor: deal.facts.investor,
	signingEvent: deal.facts.signingEvent,
	agreementType: deal.facts.agreementType,
	stage: deal.stage,
	signedOn: deal.facts.signedOn,
	amount: countedAmount(deal),
	firstSeq: deal.firstSeq
});

const byAmount = (a: DealLine, b: DealLine) => b.amount - a.amount || a.firstSeq - b.firstSeq;

/**
 * The same figures from a fold of the ledger: the ledger as it stood at some moment. Computed in
 * memory; answered as promises only to fit `LedgerSource`.
 */
export function foldSource(state: LedgerState): LedgerSource {
	const lines = [...state.deals.values()].filter((deal) => !deal.voided).map(lineOfState);
	const within = (range?: DateRange) =>
		range ? lines.filter((l) => l.signedOn >= range.from && l.signedOn <= range.to) : lines;
	return {
		headSeq: state.headSeq,
		totals: async (filter = {}) => computeTotals(state, filter),
		achieved: async (target) => achievedFor(state, target),
		largest: async (limit, range) => [...within(range)].sort(byAmount).slice(0, limit),
		hundredYi: async (range) =>
			within(range)
				.filter((line) => line.amount >= HUNDRED_YI)
				.sort(byAmount),
		newest: async (limit, range) =>
			[...within(range)].sort((a, b) => b.firstSeq - a.firstSeq).slice(0, limit),
		signedByDay: async () => {
			const days = new Map<string, DaySigned>();
			for (const deal of state.deals.values()) {
				if (deal.voided) continue;
				const isContract = deal.facts.agreementType === 'contract';
				for (const tranche of deal.tranches) {
					const { chainId, unitId } = deal.facts;
					const key = `${tranche.signedOn}\u0000${tranche.signingEvent}\u0000${chainId}\u0000${unitId}`;
					let day = days.get(key);
					if (!day) {
						day = {
							date: tranche.signedOn,
							signingEvent: tranche.signingEvent,
							chainId,
							unitId,
							contract: 0,
							includingFramework: 0,
							deals: 0
						};
						days.set(key, day);
					}
					if (isContract) day.contract += tranche.amount;
					day.includingFramework += tranche.amount;
					if (tranche.kind === 'original') day.deals += 1;
				}
			}
			return [...days.values()].sort(
				(a, b) =>
					a.date.localeCompare(b.date) ||
					(a.signingEvent < b.signingEvent ? -1 : a.signingEvent > b.signingEvent ? 1 : 0) ||
					a.chainId - b.chainId ||
					a.unitId - b.unitId
			);
		}
	};
}
