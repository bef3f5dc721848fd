import type { Buckets, DealEvent, LedgerEntry } from './deals.ts';
import { checkEvent, definedChanges, type RefusalReason } from './check.ts';
import { isIsoDate } from './dates.ts';
import type { DealState, LedgerState, Tranche } from './state.ts';
import { bucketsOf, countedAmount, emptyLedger, zeroBuckets } from './state.ts';

export type LedgerErrorCode = RefusalReason | 'seq_gap' | 'prev_hash_mismatch' | 'delta_mismatch';

/** A stored entry that cannot follow the ledger it is folded onto. */
export class LedgerError extends Error {
	constructor(
		readonly code: LedgerErrorCode,
		readonly seq: number,
		detail = ''
	) {
		super(`ledger entry ${seq}: ${code}${detail ? ` (${detail})` : ''}`);
		this.name = 'LedgerError';
	}
}

const difference = (after: Buckets, before: Buckets): Buckets => ({
	contract: after.contract - before.contract,
	framework: after.framework - before.framework,
	intent: after.intent - before.intent
});

/**
 * How the signed amount per agreement bucket changes when the ledger accepts `event`: what the
 * entry stores as its `delta`, so the sum of deltas is always the totals. Call it only for an
 * event `checkEvent` accepts.
 */
export function deltaOf(state: LedgerState, dealId: string, event: DealEvent): Buckets {
	if (event.type === 'signed')
		return bucketsOf(event.facts.agreementType, event.facts.totalInvestment);
	const deal = state.deals.get(dealId);
	if (!deal) throw new Error(`deltaOf: no deal ${dealId}`);
	const { agreementType, totalInvestment } = deal.facts;
	const counted = countedAmount(deal);
	switch (event.type) {
		case 'amended': {
			const changes = definedChanges(event.changes);
			const after = bucketsOf(
				changes.agreementType ?? agreementType,
				counted - totalInvestment + (changes.totalInvestment ?? totalInvestment)
			);
			return difference(after, bucketsOf(agreementType, counted));
		}
		case 'upgraded':
			return difference(bucketsOf('contract', counted), bucketsOf(agreementType, counted));
		case 'increased':
			return bucketsOf(agreementType, event.amount);
		case 'advanced':
			return zeroBuckets();
		case 'voided':
			return difference(zeroBuckets(), bucketsOf(agreementType, counted));
	}
}

/*
 * Folding copies the map of deals once per fold and each deal the first time an entry touches
 * it; later entries in the same fold then update that copy in place. The state folded from is
 * never changed, the returned state shares every untouched `DealState` with it, and facts and
 * tranche objects are replaced, never edited. So a fold costs one map copy plus one copy per deal
 * it touches, however many entries touch it, and `foldLedger(b, foldLedger(a))` deep-equals
 * `foldLedger([...a, ...b])`.
 */
class LedgerFold implements LedgerState {
	readonly deals: Map<string, DealState>;
	headSeq: number;
	headHash: string;
	/**
	 * The deals of the state folded from. A deal still identical to its entry here is shared and
	 * must be copied before it changes; any other deal was created by this fold.
	 */
	private readonly shared: ReadonlyMap<string, DealState>;

	constructor(from: LedgerState) {
		this.shared = from.deals;
		this.deals = new Map(from.deals);
		this.headSeq = from.headSeq;
		this.headHash = from.headHash;
	}

	get state(): LedgerState {
		return { deals: this.deals, headSeq: this.headSeq, headHash: this.headHash };
	}

	apply(entry: LedgerEntry): void {
		const { seq, dealId, event } = entry;
		if (seq !== this.headSeq + 1) throw new LedgerError('seq_gap', seq, `after ${this.headSeq}`);
		if (entry.prevHash !== this.headHash) throw new LedgerError('prev_hash_mismatch', seq);
		// The fold is itself a LedgerState, which spares an object per entry on the hot path.
		const refusal = checkEvent(this, dealId, event);
		if (refusal) throw new LedgerError(refusal.reason, seq, refusal.field);
		if (!isIsoDate(entry.occurredOn)) throw new LedgerError('invalid_date', seq, 'occurredOn');
		const delta = deltaOf(this, dealId, event);
		const stored = entry.delta;
		if (
			stored.contract !== delta.contract ||
			stored.framework !== delta.framework ||
			stored.intent !== delta.intent
		)
			throw new LedgerError('delta_mismatch', seq);

		const deal = event.type === 'signed' ? this.sign(entry, event) : this.ownedDeal(dealId);
		this.change(deal, entry);
		deal.version += 1;
		deal.lastSeq = seq;
		deal.lastRecordedAt = entry.recordedAt;
		deal.lastRecordedBy = entry.recordedBy;
		this.headSeq = seq;
		this.headHash = entry.hash;
	}

	private sign(entry: LedgerEntry, event: Extract<DealEvent, { type: 'signed' }>): DealState {
		const facts = { ...event.facts };
		const deal: DealState = {
			id: entry.dealId,
			facts,
			stage: 'signed',
			stageDates: {},
			upgradedOn: null,
			tranches: [originalTranche(entry.seq, facts)],
			voided: false,
			voidReason: null,
			version: 0,
			firstSeq: entry.seq,
			lastSeq: entry.seq,
			lastRecordedAt: entry.recordedAt,
			lastRecordedBy: entry.recordedBy
		};
		this.deals.set(deal.id, deal);
		return deal;
	}

	private ownedDeal(dealId: string): DealState {
		const deal = this.deals.get(dealId) as DealState;
		if (deal !== this.shared.get(dealId)) return deal;
		const copy: DealState = {
			...deal,
			stageDates: { ...deal.stageDates },
			tranches: deal.tranches.slice()
		};
		this.deals.set(dealId, copy);
		return copy;
	}

	private change(deal: DealState, { seq, event }: LedgerEntry): void {
		switch (event.type) {
			case 'signed':
				return;
			case 'amended': {
				deal.facts = { ...deal.facts, ...definedChanges(event.changes) };
				const original = deal.tranches[0] as Tranche;
				deal.tranches[0] = originalTranche(original.seq, deal.facts);
				// A deal corrected to framework/intent is no longer an upgraded contract; a later
				// `upgraded` event records the real upgrade date.
				if (deal.facts.agreementType !== 'contract') deal.upgradedOn = null;
				return;
			}
			case 'upgraded':
				deal.facts = { ...deal.facts, agreementType: 'contract' };
				deal.upgradedOn = event.on;
				return;
			case 'increased':
				deal.tranches.push({
					seq,
					kind: 'increase',
					signingEvent: event.signingEvent,
					signedOn: event.signedOn,
					amount: event.amount
				});
				return;
			case 'advanced':
				deal.stage = event.stage;
				deal.stageDates[event.stage] = event.on;
				return;
			case 'voided':
				deal.voided = true;
				deal.voidReason = event.reason;
				return;
		}
	}
}

/** The original tranche follows the deal's facts: amending them re-credits it. */
const originalTranche = (seq: number, facts: DealState['facts']): Tranche => ({
	seq,
	kind: 'original',
	signingEvent: facts.signingEvent,
	signedOn: facts.signedOn,
	amount: facts.totalInvestment
});

/**
 * Replays `entries` (in seq order) onto `from`. Stored entries are trusted to be well formed
 * but must be consistent: a gap in seq, a broken prevHash link, an event the domain refuses or
 * a stored delta that differs from `deltaOf` throws a `LedgerError` naming the entry's seq.
 * Hashes themselves are `verifyChain`'s job, so that the hot path stays free of SHA-256.
 */
export function foldLedger(
	entries: Iterable<LedgerEntry>,
	from: LedgerState = emptyLedger()
): LedgerState {
	const fold = new LedgerFold(from);
	for (const entry of entries) fold.apply(entry);
	return fold.state;
}

export const applyEntry = (state: LedgerState, entry: LedgerEntry): LedgerState =>
	foldLedger([entry], state);

/**
 * A fold that stays open for appending, for writers that check, seal and apply one entry at a
 * time (the test history generator). Its `state` is live: it changes with every `apply`.
 */
export const openFold = (from: LedgerState = emptyLedger()) => new LedgerFold(from);
export type { LedgerFold };
