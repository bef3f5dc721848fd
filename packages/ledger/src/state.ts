import type { AgreementType, Buckets, DealFacts, DealStage, LaterStage } from './deals.ts';
import { DEAL_STAGES, GENESIS_HASH } from './deals.ts';
import type { Yuan } from './money.ts';

/**
 * An amount a deal counts for, credited to the event where it was signed. The original tranche
 * is the deal's total investment at its signing event; each 增资 adds one tranche of its own.
 */
export interface Tranche {
	/** The ledger entry that created it. */
	seq: number;
	kind: 'original' | 'increase';
	signingEvent: string;
	signedOn: string;
	amount: Yuan;
}

/** A deal as the ledger says it is now: the fold of every entry about it. */
export interface DealState {
	id: string;
	facts: DealFacts;
	stage: DealStage;
	stageDates: Partial<Record<LaterStage, string>>;
	/** When a framework/intent agreement became a contract; null if it never was upgraded. */
	upgradedOn: string | null;
	/** The original tranche first, then increases in ledger order. */
	tranches: Tranche[];
	voided: boolean;
	voidReason: string | null;
	/** Entries applied to this deal. */
	version: number;
	firstSeq: number;
	lastSeq: number;
	lastRecordedAt: string;
	lastRecordedBy: string;
}

/**
 * The fold of a ledger prefix. Treat it as immutable: folds share unchanged `DealState` objects
 * between the state they start from and the one they return.
 */
export interface LedgerState {
	deals: Map<string, DealState>;
	/** Seq of the last entry folded; 0 for an empty ledger. */
	headSeq: number;
	/** Hash of the last entry folded; `GENESIS_HASH` for an empty ledger. */
	headHash: string;
}

export const emptyLedger = (): LedgerState => ({
	deals: new Map(),
	headSeq: 0,
	headHash: GENESIS_HASH
});

export const zeroBuckets = (): Buckets => ({ contract: 0, framework: 0, intent: 0 });

/** What a deal counts for: its total investment plus every increase. */
export function countedAmount(deal: DealState): Yuan {
	let sum = 0;
	for (const tranche of deal.tranches) sum += tranche.amount;
	return sum;
}

/** `counted` in the deal's agreement bucket, zero in the others. */
export function bucketsOf(agreementType: AgreementType, counted: Yuan): Buckets {
	const buckets = zeroBuckets();
	buckets[agreementType] = counted;
	return buckets;
}

const stageIndex = (stage: DealStage): number => DEAL_STAGES.indexOf(stage);

/** True when `stage` comes strictly after `current` in 签约 → 落地 → 开工 → 投产. */
export const isLaterStage = (stage: DealStage, current: DealStage): boolean =>
	stageIndex(stage) > stageIndex(current);

/** 落地 counts a deal that has landed or gone further (started, in production). */
export const isLanded = (deal: DealState): boolean => deal.stage !== 'signed';

/**
 * When the deal landed. A deal recorded straight as 开工 or 投产 must have landed by then, so
 * without its own landing date the earliest later stage date stands in for it.
 */
export const landedOn = (deal: DealState): string | null =>
	deal.stageDates.landed ?? deal.stageDates.started ?? deal.stageDates.in_production ?? null;

/**
 * When the deal became a 正式合同: its upgrade date, or its signing date when signed as one.
 * Null while it is a framework or intent agreement.
 */
export const becameContractOn = (deal: DealState): string | null =>
	deal.facts.agreementType === 'contract' ? (deal.upgradedOn ?? deal.facts.signedOn) : null;
