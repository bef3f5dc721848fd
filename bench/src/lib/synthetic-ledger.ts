import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { dealIdFor, ledgerStore, type Db } from '@huizhan/db';
import {
	addDays,
	beijingDateOf,
	deltaOf,
	DEAL_STAGES,
	EVERYDAY_SIGNING,
	occurredOnOf,
	openFold,
	sealEntry,
	YI,
	type AgreementType,
	type DealEvent,
	type DealFacts,
	type DealState,
	type InvestorOrigin,
	type LedgerEntry,
	type LedgerState
} from '@huizhan/ledger';

export interface SyntheticLedgerOptions {
	entries: number;
	/** Deals signed; every other entry is a follow-up on a deal not voided. */
	deals: number;
	/** Same seed, same ledger: figures from two runs are taken over the same data. */
	seed?: number;
	/** Checked between transactions, so Ctrl-C is not kept waiting for the whole ledger. */
	signal: AbortSignal;
}

/** Rows per write transaction: few enough commits that fsync does not matter. */
const BATCH = 5_000;
/** Entries a few minutes apart from the start of 2024, so the history spans most of the year. */
const FIRST_RECORDED_MS = Date.UTC(2024, 0, 2, 1, 0, 0);
const RECORDING_GAP_MS = 250_000;

const SIGNING_EVENTS = weighted<string>([
	['wsc-2024', 40],
	['diamond-2024', 25],
	[EVERYDAY_SIGNING, 35]
]);
const AGREEMENTS = weighted<AgreementType>([
	['contract', 60],
	['framework', 25],
	['intent', 15]
]);
const ORIGINS = weighted<InvestorOrigin>([
	['in_province', 35],
	['out_of_province', 55],
	['overseas', 10]
]);
type FollowUp = 'amend' | 'increase' | 'advance' | 'upgrade' | 'void';
const FOLLOW_UPS = weighted<FollowUp>([
	['amend', 30],
	['advance', 32],
	['increase', 20],
	['upgrade', 14],
	['void', 4]
]);
const RECORDERS = ['recorder', 'recorder-li', 'recorder-wang', 'admin'];
const CHAINS = 10;
const UNITS = 6;
const INVESTORS = 3_000;

/**
 * Writes a valid ledger of `entries` entries straight into `db` (demo reference data already
 * seeded): signings, amendments, upgrades, increases, stage moves and voids over `deals` deals
 * at the two conferences and everyday, chains 1–10 and units 1–6. Entries are sealed and folded
 * as `appendToLedger` would, but stored in big transactions, and each deal's projection is saved
 * once, as it ends up, rather than after every entry: `verifyLedger` checks the result.
 */
export async function writeSyntheticLedger(
	db: Db,
	options: SyntheticLedgerOptions
): Promise<LedgerState> {
	const { entries: total, deals: dealCount, signal } = options;
	if (dealCount > total) throw new Error('a ledger cannot sign more deals than it has entries');
	const random = mulberry32(options.seed ?? 20_241_103);
	// One open fold, not `applyEntry` per entry: that copies the map of every deal each time,
	// which over 100,000 entries and 30,000 deals is quadratic.
	const fold = openFold();
	// Deals not voided, kept apart so picking one costs O(1).
	const live: string[] = [];
	let signed = 0;
	let batch: LedgerEntry[] = [];
	const flush = async () => {
		const entries = batch;
		batch = [];
		await db.transaction(async (tx) => {
			for (const entry of entries)
				await ledgerStore.insertEntry(tx, entry, `synthetic-${entry.seq}`);
		});
		await yieldToEvents();
		signal.throwIfAborted();
	};

	for (let index = 0; index < total; index++) {
		const recordedAt = new Date(FIRST_RECORDED_MS + index * RECORDING_GAP_MS).toISOString();
		// Signings spread evenly through the history, so follow-ups always find a deal.
		const signsNow =
			signed < dealCount && (signed * total < dealCount * (index + 1) || !live.length);
		let dealId: string;
		let event: DealEvent;
		if (signsNow) {
			dealId = dealIdFor(fold.headSeq + 1);
			event = { type: 'signed', facts: factsOf(random, signed + 1, beijingDateOf(recordedAt)) };
		} else {
			const position = Math.floor(random() * live.length);
			dealId = live[position] as string;
			event = followUpFor(random, fold.deals.get(dealId)!, index);
			if (event.type === 'voided') {
				live[position] = live[live.length - 1] as string;
				live.pop();
			}
		}
		const entry = sealEntry(
			{
				dealId,
				event,
				recordedAt,
				recordedBy: RECORDERS[index % RECORDERS.length] as string,
				occurredOn: occurredOnOf(event) ?? beijingDateOf(recordedAt),
				delta: deltaOf(fold, dealId, event)
			},
			fold
		);
		// Throws on an event the ledger refuses: a bug here, never data worth measuring.
		fold.apply(entry);
		if (signsNow) {
			signed += 1;
			live.push(dealId);
		}
		batch.push(entry);
		if (batch.length === BATCH) await flush();
	}
	if (batch.length) await flush();

	const states = [...fold.deals.values()];
	for (let start = 0; start < states.length; start += BATCH) {
		await db.transaction(async (tx) => {
			for (const state of states.slice(start, start + BATCH))
				await ledgerStore.saveDealState(tx, state);
		});
		await yieldToEvents();
		signal.throwIfAborted();
	}
	return fold.state;
}

function factsOf(random: () => number, n: number, signedOn: string): DealFacts {
	return {
		projectName: `基准项目${n}号`,
		investor: `基准投资${1 + Math.floor(random() * INVESTORS)}有限公司`,
		investorOrigin: ORIGINS(random),
		chainId: 1 + Math.floor(random() * CHAINS),
		unitId: 1 + Math.floor(random() * UNITS),
		signingEvent: SIGNING_EVENTS(random),
		signedOn,
		agreementType: AGREEMENTS(random),
		totalInvestment: dealAmount(random),
		foreignCurrency: null,
		foreignAmount: null,
		exchangeRate: null,
		notes: ''
	};
}

/** Mostly 0.01–50亿 in steps of 0.01亿; one deal in thirty is a 100–300亿 project. */
function dealAmount(random: () => number): number {
	if (random() < 1 / 30) return (100 + Math.floor(random() * 200)) * YI;
	return (1 + Math.floor(random() * 5_000)) * (YI / 100);
}

function followUpFor(random: () => number, deal: DealState, index: number): DealEvent {
	const later = (days: number) => addDays(deal.facts.signedOn, 1 + Math.floor(random() * days));
	const kind = FOLLOW_UPS(random);
	const nextStage = DEAL_STAGES[DEAL_STAGES.indexOf(deal.stage) + 1];
	if (kind === 'advance' && nextStage && nextStage !== 'signed')
		return { type: 'advanced', stage: nextStage, on: later(200) };
	if (kind === 'upgrade' && deal.facts.agreementType !== 'contract')
		return { type: 'upgraded', on: later(120) };
	if (kind === 'increase')
		return {
			type: 'increased',
			amount: (1 + Math.floor(random() * 2_000)) * (YI / 100),
			signingEvent: SIGNING_EVENTS(random),
			signedOn: later(200),
			note: '增资'
		};
	if (kind === 'void') return { type: 'voided', reason: '重复录入' };
	// An amendment always changes the notes, so it is never refused as changing nothing.
	const changes: Partial<DealFacts> = { notes: `更正${index}` };
	if (random() < 0.3) changes.totalInvestment = dealAmount(random);
	if (random() < 0.2) changes.chainId = 1 + Math.floor(random() * CHAINS);
	return { type: 'amended', changes, reason: '录入错误' };
}

/** A picker returning each value with the probability of its weight. */
function weighted<T>(choices: [T, number][]): (random: () => number) => T {
	const sum = choices.reduce((total, [, weight]) => total + weight, 0);
	return (random) => {
		let left = random() * sum;
		for (const [value, weight] of choices) {
			left -= weight;
			if (left < 0) return value;
		}
		return choices[choices.length - 1]![0];
	};
}

/** A small seeded PRNG (mulberry32): the synthetic ledger is the same on every run. */
function mulberry32(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
