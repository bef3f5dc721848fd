import { and, asc, desc, eq, gte, sql } from 'drizzle-orm';
import { ledgerQueries, ledgerStore, schema, type DbOrTx } from '@huizhan/db';
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

const { deals, dealTranches } = schema;

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

/** Signed amounts of the tranches signed on one day at one event. */
export interface DaySigned {
	date: string;
	signingEvent: string;
	contract: Yuan;
	includingFramework: Yuan;
}

/**
 * Where the dashboard's ledger figures come from. Two implementations answer the same questions:
 * `projectionSource` reads the live projection tables with a handful of grouped queries, and
 * `foldSource` reads a fold of the ledger (for "as of" a past moment). A test holds them equal.
 */
export interface LedgerSource {
	headSeq: number;
	totals(filter?: TotalsFilter): Totals;
	achieved(target: TargetSpec): number;
	/** By amount, largest first; ties go to the deal signed first. */
	largest(limit: number): DealLine[];
	/** Every deal counting for at least 100亿元, largest first. */
	hundredYi(): DealLine[];
	/** The deals signed most recently (by ledger order), newest first. */
	newest(limit: number): DealLine[];
	/** Every tranche's amount summed by signing day and event, in date order. */
	signedByDay(): DaySigned[];
}

type DealRow = typeof deals.$inferSelect;

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
export function projectionSource(db: DbOrTx): LedgerSource {
	const live = eq(deals.voided, false);
	return {
		headSeq: ledgerStore.readHead(db).seq,
		totals: (filter = {}) => ledgerQueries.sqlTotals(db, filter),
		achieved: (target) => ledgerQueries.sqlAchieved(db, target),
		largest: (limit) =>
			db
				.select()
				.from(deals)
				.where(live)
				.orderBy(desc(deals.countedAmount), asc(deals.firstSeq))
				.limit(limit)
				.all()
				.map(lineOfRow),
		hundredYi: () =>
			db
				.select()
				.from(deals)
				.where(and(live, gte(deals.countedAmount, HUNDRED_YI)))
				.orderBy(desc(deals.countedAmount), asc(deals.firstSeq))
				.all()
				.map(lineOfRow),
		newest: (limit) =>
			db
				.select()
				.from(deals)
				.where(live)
				.orderBy(desc(deals.firstSeq))
				.limit(limit)
				.all()
				.map(lineOfRow),
		signedByDay: () =>
			db
				.select({
					date: dealTranches.signedOn,
					signingEvent: dealTranches.signingEvent,
					contract:
						sql<number>`coalesce(sum(CASE WHEN ${deals.agreementType} = 'contract' THEN ${dealTranches.amount} END), 0)`.mapWith(
							Number
						),
					includingFramework: sql<number>`coalesce(sum(${dealTranches.amount}), 0)`.mapWith(Number)
				})
				.from(dealTranches)
				.innerJoin(deals, eq(deals.id, dealTranches.dealId))
				.where(live)
				.groupBy(dealTranches.signedOn, dealTranches.signingEvent)
				.orderBy(asc(dealTranches.signedOn), asc(dealTranches.signingEvent))
				.all()
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

/** The same figures from a fold of the ledger: the ledger as it stood at some moment. */
export function foldSource(state: LedgerState): LedgerSource {
	const lines = [...state.deals.values()].filter((deal) => !deal.voided).map(lineOfState);
	return {
		headSeq: state.headSeq,
		totals: (filter = {}) => computeTotals(state, filter),
		achieved: (target) => achievedFor(state, target),
		largest: (limit) => [...lines].sort(byAmount).slice(0, limit),
		hundredYi: () => lines.filter((line) => line.amount >= HUNDRED_YI).sort(byAmount),
		newest: (limit) => [...lines].sort((a, b) => b.firstSeq - a.firstSeq).slice(0, limit),
		signedByDay: () => {
			const days = new Map<string, DaySigned>();
			for (const deal of state.deals.values()) {
				if (deal.voided) continue;
				const isContract = deal.facts.agreementType === 'contract';
				for (const tranche of deal.tranches) {
					const key = `${tranche.signedOn}\u0000${tranche.signingEvent}`;
					let day = days.get(key);
					if (!day) {
						day = {
							date: tranche.signedOn,
							signingEvent: tranche.signingEvent,
							contract: 0,
							includingFramework: 0
						};
						days.set(key, day);
					}
					if (isContract) day.contract += tranche.amount;
					day.includingFramework += tranche.amount;
				}
			}
			return [...days.values()].sort(
				(a, b) =>
					a.date.localeCompare(b.date) ||
					(a.signingEvent < b.signingEvent ? -1 : a.signingEvent > b.signingEvent ? 1 : 0)
			);
		}
	};
}
