import type { AgreementType, DealStage, InvestorOrigin, LedgerEntry } from './deals.ts';
import { AGREEMENT_TYPES, DEAL_STAGES, INVESTOR_ORIGINS } from './deals.ts';
import { foldLedger } from './fold.ts';
import type { Yuan } from './money.ts';
import type { DealState, LedgerState } from './state.ts';
import { countedAmount, emptyLedger, isLanded } from './state.ts';
import { HUNDRED_YI } from './targets.ts';

export interface TotalsLine {
	/** 正式合同 only. */
	contract: Yuan;
	/** Contracts plus framework and intent agreements. */
	includingFramework: Yuan;
	deals: number;
}

export interface Totals {
	/** Contracts only. */
	contract: Yuan;
	/** Contract + framework + intent. */
	includingFramework: Yuan;
	/** Deals not voided. */
	deals: number;
	contractDeals: number;
	/** Counted amount of deals landed or further. */
	landedAmount: Yuan;
	landedDeals: number;
	/** Deals whose counted amount is at least `HUNDRED_YI`. */
	hundredYiDeals: number;
	hundredYiLanded: number;
	/** Each tranche under the event where it was signed; `deals` counts original tranches. */
	byEvent: Record<string, TotalsLine>;
	byChain: Record<number, TotalsLine>;
	byUnit: Record<number, TotalsLine>;
	byAgreement: Record<AgreementType, TotalsLine>;
	byStage: Record<DealStage, TotalsLine>;
	byOrigin: Record<InvestorOrigin, TotalsLine>;
}

export interface TotalsFilter {
	/** Keeps only the tranches signed at this event (a deal may have increases elsewhere). */
	signingEvent?: string;
	chainId?: number;
	unitId?: number;
	agreementType?: AgreementType;
	stage?: DealStage;
	investorOrigin?: InvestorOrigin;
}

const emptyLine = (): TotalsLine => ({ contract: 0, includingFramework: 0, deals: 0 });

const linesFor = <K extends string>(keys: readonly K[]): Record<K, TotalsLine> =>
	Object.fromEntries(keys.map((key) => [key, emptyLine()])) as Record<K, TotalsLine>;

function lineIn<K extends string | number>(lines: Record<K, TotalsLine>, key: K): TotalsLine {
	let line = lines[key];
	if (!line) {
		line = emptyLine();
		lines[key] = line;
	}
	return line;
}

function add(line: TotalsLine, isContract: boolean, amount: Yuan, countsAsDeal: boolean): void {
	if (isContract) line.contract += amount;
	line.includingFramework += amount;
	if (countsAsDeal) line.deals += 1;
}

function matches(deal: DealState, filter: TotalsFilter): boolean {
	const { facts } = deal;
	return (
		(filter.chainId === undefined || facts.chainId === filter.chainId) &&
		(filter.unitId === undefined || facts.unitId === filter.unitId) &&
		(filter.agreementType === undefined || facts.agreementType === filter.agreementType) &&
		(filter.stage === undefined || deal.stage === filter.stage) &&
		(filter.investorOrigin === undefined || facts.investorOrigin === filter.investorOrigin)
	);
}

/**
 * What the ledger counts, by the rules leadership is scored on (docs/architecture.md, “Targets and counting”). Voided deals
 * count nowhere. Each tranche is credited to its own signing event in `byEvent`; every other
 * breakdown files the deal under its current facts.
 *
 * With a `signingEvent` filter a deal contributes only its tranches at that event, and is
 * counted as a deal (in `deals` and every `deals` column) only when its original signing was
 * there: an increase signed at a conference adds money to it, not a project.
 */
export function computeTotals(state: LedgerState, filter: TotalsFilter = {}): Totals {
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
		byAgreement: linesFor(AGREEMENT_TYPES),
		byStage: linesFor(DEAL_STAGES),
		byOrigin: linesFor(INVESTOR_ORIGINS)
	};
	const event = filter.signingEvent;
	for (const deal of state.deals.values()) {
		if (deal.voided || !matches(deal, filter)) continue;
		const isContract = deal.facts.agreementType === 'contract';
		let amount = 0;
		for (const tranche of deal.tranches) {
			if (event !== undefined && tranche.signingEvent !== event) continue;
			amount += tranche.amount;
			add(
				lineIn(totals.byEvent, tranche.signingEvent),
				isContract,
				tranche.amount,
				tranche.kind === 'original'
			);
		}
		const countsAsDeal = event === undefined || deal.facts.signingEvent === event;
		if (amount === 0 && !countsAsDeal) continue;

		const landed = isLanded(deal);
		const hundredYi = countedAmount(deal) >= HUNDRED_YI;
		if (isContract) totals.contract += amount;
		totals.includingFramework += amount;
		if (landed) totals.landedAmount += amount;
		if (countsAsDeal) {
			totals.deals += 1;
			if (isContract) totals.contractDeals += 1;
			if (landed) totals.landedDeals += 1;
			if (hundredYi) totals.hundredYiDeals += 1;
			if (hundredYi && landed) totals.hundredYiLanded += 1;
		}
		add(lineIn(totals.byChain, deal.facts.chainId), isContract, amount, countsAsDeal);
		add(lineIn(totals.byUnit, deal.facts.unitId), isContract, amount, countsAsDeal);
		add(totals.byAgreement[deal.facts.agreementType], isContract, amount, countsAsDeal);
		add(totals.byStage[deal.stage], isContract, amount, countsAsDeal);
		add(totals.byOrigin[deal.facts.investorOrigin], isContract, amount, countsAsDeal);
	}
	return totals;
}

function instantMs(instant: string): number {
	const ms = Date.parse(instant);
	if (Number.isNaN(ms)) throw new RangeError(`not an ISO instant: ${instant}`);
	return ms;
}

function* writtenBy(entries: Iterable<LedgerEntry>, limit: number): Generator<LedgerEntry> {
	for (const entry of entries) {
		if (instantMs(entry.recordedAt) > limit) return;
		yield entry;
	}
}

/**
 * The totals the ledger showed at `instant`: the entries recorded up to then. Instants are
 * compared as times, not strings (`…:00Z` and `…:00.500Z` sort wrongly as text). Entries come
 * in seq order, which is the order they were written, so the fold stops at the first entry
 * recorded after `instant`: a later entry stamped earlier by a clock stepping back was still
 * written after it.
 */
export function totalsAsOf(entries: Iterable<LedgerEntry>, instant: string): Totals {
	return computeTotals(foldLedger(writtenBy(entries, instantMs(instant)), emptyLedger()));
}
