import fc from 'fast-check';
import { sealEntry } from './chain.ts';
import { checkEvent } from './check.ts';
import { addDays, beijingDateOf } from './dates.ts';
import type { DealEvent, DealFacts, LedgerEntry } from './deals.ts';
import { AGREEMENT_TYPES, DEAL_STAGES, EVERYDAY_SIGNING, INVESTOR_ORIGINS } from './deals.ts';
import { deltaOf, LedgerError, openFold } from './fold.ts';
import { MAX_DEAL_YUAN, YI } from './money.ts';
import { occurredOnOf } from './record.ts';
import type { LedgerState } from './state.ts';
import { emptyLedger } from './state.ts';

/*
 * Test support shared with other packages (`@huizhan/ledger/testing`): the db package checks
 * its SQL totals against the pure fold over these same histories. It imports fast-check, so
 * only test code may import this module.
 */

export const SAMPLE_SIGNING_EVENTS = ['wsc-2024', 'diamond-2024', EVERYDAY_SIGNING] as const;

/** A complete, valid set of facts for examples; override what the example is about. */
export function sampleFacts(overrides: Partial<DealFacts> = {}): DealFacts {
	return {
		projectName: '智能传感器产业园项目',
		investor: '郑州某某传感科技有限公司',
		investorOrigin: 'in_province',
		chainId: 1,
		unitId: 1,
		signingEvent: 'wsc-2024',
		signedOn: '2024-09-05',
		agreementType: 'contract',
		totalInvestment: 10 * YI,
		foreignCurrency: null,
		foreignAmount: null,
		exchangeRate: null,
		notes: '',
		...overrides
	};
}

export interface EntryStamps {
	/** When entry number `index` (0-based, `seq - 1`) was written; a minute apart by default. */
	recordedAt?: (index: number) => string;
	/** Who wrote entry number `index`; three recorders in turn by default. */
	recordedBy?: (index: number) => string;
}

const HISTORY_START_MS = Date.UTC(2024, 8, 1, 1, 0, 0);
const RECORDERS = ['recorder-zhang', 'recorder-li', 'recorder-wang'];

const defaultRecordedAt = (index: number): string =>
	new Date(HISTORY_START_MS + index * 60_000).toISOString();
const defaultRecordedBy = (index: number): string => RECORDERS[index % RECORDERS.length] as string;

export interface HistoryStep {
	dealId: string;
	event: DealEvent;
	/** Defaults to the event's own date, else the Beijing date it was recorded. */
	occurredOn?: string;
}

/**
 * Seals `steps` into ledger entries after `from` (an empty ledger by default), as a writer
 * would. Throws a `LedgerError` on a step the ledger refuses: examples must be valid histories.
 */
export function historyOf(
	steps: Iterable<HistoryStep>,
	options: EntryStamps & { from?: LedgerState } = {}
): LedgerEntry[] {
	const { recordedAt = defaultRecordedAt, recordedBy = defaultRecordedBy } = options;
	const fold = openFold(options.from ?? emptyLedger());
	const entries: LedgerEntry[] = [];
	for (const step of steps) {
		const state = fold.state;
		const refusal = checkEvent(state, step.dealId, step.event);
		if (refusal)
			throw new LedgerError(
				refusal.reason,
				state.headSeq + 1,
				`${step.dealId}: ${step.event.type}`
			);
		const at = recordedAt(state.headSeq);
		const entry = sealEntry(
			{
				dealId: step.dealId,
				event: step.event,
				recordedAt: at,
				recordedBy: recordedBy(state.headSeq),
				occurredOn: step.occurredOn ?? occurredOnOf(step.event) ?? beijingDateOf(at),
				delta: deltaOf(state, step.dealId, step.event)
			},
			state
		);
		fold.apply(entry);
		entries.push(entry);
	}
	return entries;
}

export interface HistoryOptions extends EntryStamps {
	/** Events attempted; the ones the ledger would refuse are dropped, so entries ≤ steps. */
	minSteps?: number;
	maxSteps?: number;
	/** Deals signed at most; ids are `deal-1`, `deal-2`, … */
	maxDeals?: number;
	signingEvents?: readonly string[];
	chainIds?: readonly number[];
	unitIds?: readonly number[];
	/** Largest amount of a signing or increase; lower it for very long histories. */
	maxAmount?: number;
}

type Command =
	| { kind: 'sign'; facts: DealFacts }
	| { kind: 'amend'; pick: number; changes: Partial<DealFacts>; reason: string }
	| { kind: 'upgrade'; pick: number; after: number }
	| { kind: 'increase'; pick: number; amount: number; signingEvent: string; after: number }
	| { kind: 'advance'; pick: number; stages: number; after: number }
	| { kind: 'void'; pick: number; reason: string };

const PROJECT_NAMES = [
	'智能传感器产业园项目',
	'MEMS传感器芯片生产线',
	'培育钻石单晶生长基地',
	'金刚石线锯制造项目',
	'超硬材料研发中心'
];
const INVESTORS = [
	'郑州某某传感科技有限公司',
	'郑州某某传感科技股份有限公司',
	'河南某某超硬材料集团有限公司',
	'Acme Sensors Co., Ltd.',
	'Northwind Diamond Inc.'
];
const REASONS = ['录入错误', '重复录入', '协议金额调整', '企业更名'];
const FIRST_DAY = '2024-01-01';

function commandArbitrary(options: HistoryOptions): fc.Arbitrary<Command> {
	const events = options.signingEvents ?? SAMPLE_SIGNING_EVENTS;
	const maxAmount = Math.min(options.maxAmount ?? MAX_DEAL_YUAN, MAX_DEAL_YUAN);
	const amount = fc.oneof(
		{
			weight: 4,
			arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) => Math.min(n * (YI / 10), maxAmount))
		},
		{ weight: 2, arbitrary: fc.integer({ min: 1, max: maxAmount }) },
		{ weight: 1, arbitrary: fc.constant(maxAmount) }
	);
	const day = fc.integer({ min: 0, max: 365 }).map((n) => addDays(FIRST_DAY, n));
	const foreign = fc.option(
		fc.record({
			foreignCurrency: fc.constantFrom('USD', 'EUR', 'JPY'),
			foreignAmount: fc.integer({ min: 1, max: 1_000_000_000 }),
			exchangeRate: fc.constantFrom('7.1234', '7.8', '0.0478')
		}),
		{ freq: 4 }
	);
	const projectName = fc
		.tuple(fc.constantFrom(...PROJECT_NAMES), fc.integer({ min: 1, max: 3 }))
		.map(([name, phase]) => (phase === 1 ? name : `${name}${phase}期`));
	const factFields = {
		projectName,
		investor: fc.constantFrom(...INVESTORS),
		investorOrigin: fc.constantFrom(...INVESTOR_ORIGINS),
		chainId: fc.constantFrom(...(options.chainIds ?? [1, 2, 3])),
		unitId: fc.constantFrom(...(options.unitIds ?? [1, 2, 3])),
		signingEvent: fc.constantFrom(...events),
		signedOn: day,
		agreementType: fc.constantFrom(...AGREEMENT_TYPES),
		totalInvestment: amount,
		notes: fc.constantFrom('', '集中签约', '在谈转签约')
	};
	const facts = fc.tuple(fc.record(factFields), foreign).map(([fields, money]): DealFacts => ({
		...fields,
		foreignCurrency: money?.foreignCurrency ?? null,
		foreignAmount: money?.foreignAmount ?? null,
		exchangeRate: money?.exchangeRate ?? null
	}));
	const pick = fc.nat();
	const after = fc.integer({ min: 0, max: 180 });
	const reason = fc.constantFrom(...REASONS);
	return fc.oneof(
		{ weight: 4, arbitrary: fc.record({ kind: fc.constant('sign' as const), facts }) },
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('amend' as const),
				pick,
				changes: fc.record(factFields, { requiredKeys: [] }),
				reason
			})
		},
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('upgrade' as const), pick, after }) },
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('increase' as const),
				pick,
				amount,
				signingEvent: fc.constantFrom(...events),
				after
			})
		},
		{
			weight: 2,
			arbitrary: fc.record({
				kind: fc.constant('advance' as const),
				pick,
				stages: fc.integer({ min: 1, max: 3 }),
				after
			})
		},
		{ weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), pick, reason }) }
	);
}

/** Turns commands into a valid history, dropping each one the ledger would refuse. */
function interpret(commands: readonly Command[], options: HistoryOptions): LedgerEntry[] {
	const { recordedAt = defaultRecordedAt, recordedBy = defaultRecordedBy } = options;
	const maxDeals = options.maxDeals ?? 6;
	const fold = openFold();
	const entries: LedgerEntry[] = [];
	// Deals not voided, kept apart so picking one costs O(1) in a 100,000-entry history.
	const live: string[] = [];
	const livePosition = new Map<string, number>();
	let signed = 0;

	for (const command of commands) {
		const state = fold.state;
		let dealId: string;
		let event: DealEvent;
		if (command.kind === 'sign') {
			if (signed >= maxDeals) continue;
			dealId = `deal-${signed + 1}`;
			event = { type: 'signed', facts: command.facts };
		} else {
			if (live.length === 0) continue;
			const index = command.pick % live.length;
			dealId = live[index] as string;
			const deal = state.deals.get(dealId);
			if (!deal) continue;
			const later = (days: number) => addDays(deal.facts.signedOn, days);
			switch (command.kind) {
				case 'amend':
					event = { type: 'amended', changes: command.changes, reason: command.reason };
					break;
				case 'upgrade':
					event = { type: 'upgraded', on: later(command.after) };
					break;
				case 'increase':
					event = {
						type: 'increased',
						amount: command.amount,
						signingEvent: command.signingEvent,
						signedOn: later(command.after),
						note: '增资'
					};
					break;
				case 'advance': {
					const stage = DEAL_STAGES[DEAL_STAGES.indexOf(deal.stage) + command.stages];
					if (stage === undefined || stage === 'signed') continue;
					event = { type: 'advanced', stage, on: later(command.after) };
					break;
				}
				case 'void':
					event = { type: 'voided', reason: command.reason };
					break;
			}
		}
		if (checkEvent(state, dealId, event)) continue;
		const at = recordedAt(state.headSeq);
		const entry = sealEntry(
			{
				dealId,
				event,
				recordedAt: at,
				recordedBy: recordedBy(state.headSeq),
				occurredOn: occurredOnOf(event) ?? beijingDateOf(at),
				delta: deltaOf(state, dealId, event)
			},
			state
		);
		fold.apply(entry);
		entries.push(entry);
		if (event.type === 'signed') {
			signed += 1;
			livePosition.set(dealId, live.length);
			live.push(dealId);
		} else if (event.type === 'voided') {
			const index = livePosition.get(dealId) as number;
			const last = live.pop() as string;
			livePosition.delete(dealId);
			if (last !== dealId) {
				live[index] = last;
				livePosition.set(last, index);
			}
		}
	}
	return entries;
}

/**
 * Valid ledger histories: sealed entries (a chain `verifyChain` accepts) of events
 * `checkEvent` accepts, over a few deals, signing events, chains and units, with increases
 * credited to other events, amendments, upgrades, stage moves and voids.
 */
export function arbitraryHistory(options: HistoryOptions = {}): fc.Arbitrary<LedgerEntry[]> {
	return fc
		.array(commandArbitrary(options), {
			minLength: options.minSteps ?? 0,
			maxLength: options.maxSteps ?? 30
		})
		.map((commands) => interpret(commands, options));
}
