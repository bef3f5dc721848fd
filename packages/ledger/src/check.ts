import type { DealEvent, DealFacts } from './deals.ts';
import { AGREEMENT_TYPES, DEAL_FACT_FIELDS, DEAL_STAGES, INVESTOR_ORIGINS } from './deals.ts';
import { isIsoDate } from './dates.ts';
import { MAX_DEAL_YUAN } from './money.ts';
import type { LedgerState } from './state.ts';
import { isLaterStage } from './state.ts';

/** Why the ledger refuses an event. Stable codes: the API and the forms translate them. */
export const REFUSAL_REASONS = [
	'deal_exists',
	'deal_not_found',
	'deal_voided',
	'reason_required',
	'nothing_changed',
	'not_upgradable',
	'stage_backwards',
	'invalid_amount',
	'invalid_date',
	'invalid_facts'
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export interface Refusal {
	reason: RefusalReason;
	/** The field at fault, when there is one, so a form can show the message beside it. */
	field?: string;
}

const FACT_FIELDS: ReadonlySet<string> = new Set(DEAL_FACT_FIELDS);

const refuse = (reason: RefusalReason, field?: string): Refusal =>
	field === undefined ? { reason } : { reason, field };

const isFilled = (value: unknown): value is string =>
	typeof value === 'string' && value.trim() !== '';

/** A signing event is an id: surrounding spaces would make `' wsc-2024'` a bucket of its own. */
const isEventId = (value: unknown): value is string => isFilled(value) && value === value.trim();

const isId = (value: unknown): boolean => Number.isSafeInteger(value) && (value as number) > 0;

export const isValidAmount = (value: unknown): boolean =>
	Number.isSafeInteger(value) && (value as number) > 0 && (value as number) <= MAX_DEAL_YUAN;

const includes = (list: readonly string[], value: unknown): boolean =>
	typeof value === 'string' && list.includes(value);

/**
 * A foreign-currency agreement records all three of currency, amount and rate, or none: a rate
 * without its currency cannot be read back.
 */
function foreignRefusal(facts: DealFacts): Refusal | null {
	const { foreignCurrency, foreignAmount, exchangeRate } = facts;
	const set = [foreignCurrency, foreignAmount, exchangeRate].filter((value) => value !== null);
	if (set.length === 0) return null;
	if (set.length !== 3) return refuse('invalid_facts', 'foreignCurrency');
	if (typeof foreignCurrency !== 'string' || !/^[A-Z]{3}$/.test(foreignCurrency))
		return refuse('invalid_facts', 'foreignCurrency');
	if (!isId(foreignAmount)) return refuse('invalid_facts', 'foreignAmount');
	if (
		typeof exchangeRate !== 'string' ||
		!/^\d+(\.\d+)?$/.test(exchangeRate) ||
		/^[0.]*$/.test(exchangeRate)
	)
		return refuse('invalid_facts', 'exchangeRate');
	return null;
}

/** The first thing wrong with a complete set of facts, or null when they can be recorded. */
export function factsRefusal(facts: DealFacts): Refusal | null {
	if (typeof facts !== 'object' || facts === null) return refuse('invalid_facts');
	for (const key of Object.keys(facts))
		if (!FACT_FIELDS.has(key)) return refuse('invalid_facts', key);
	if (!isFilled(facts.projectName)) return refuse('invalid_facts', 'projectName');
	if (!isFilled(facts.investor)) return refuse('invalid_facts', 'investor');
	if (!includes(INVESTOR_ORIGINS, facts.investorOrigin))
		return refuse('invalid_facts', 'investorOrigin');
	if (!isId(facts.chainId)) return refuse('invalid_facts', 'chainId');
	if (!isId(facts.unitId)) return refuse('invalid_facts', 'unitId');
	if (!isEventId(facts.signingEvent)) return refuse('invalid_facts', 'signingEvent');
	if (!includes(AGREEMENT_TYPES, facts.agreementType))
		return refuse('invalid_facts', 'agreementType');
	if (typeof facts.notes !== 'string') return refuse('invalid_facts', 'notes');
	const foreign = foreignRefusal(facts);
	if (foreign) return foreign;
	if (!isIsoDate(facts.signedOn)) return refuse('invalid_date', 'signedOn');
	if (!isValidAmount(facts.totalInvestment)) return refuse('invalid_amount', 'totalInvestment');
	return null;
}

/** The fields an amendment sets; a key present with `undefined` changes nothing. */
export function definedChanges(changes: Partial<DealFacts>): Partial<DealFacts> {
	const values = changes as Record<string, unknown>;
	// Stored amendments never hold undefined (JSON has none), so the common case copies nothing.
	if (!Object.keys(values).some((key) => values[key] === undefined)) return changes;
	const defined: Record<string, unknown> = {};
	for (const key of Object.keys(values)) if (values[key] !== undefined) defined[key] = values[key];
	return defined as Partial<DealFacts>;
}

function amendmentRefusal(facts: DealFacts, changes: Partial<DealFacts>): Refusal | null {
	if (typeof changes !== 'object' || changes === null) return refuse('invalid_facts');
	const defined = definedChanges(changes);
	for (const key of Object.keys(defined))
		if (!FACT_FIELDS.has(key)) return refuse('invalid_facts', key);
	// Changing agreementType is allowed, back from contract too: an amendment corrects what was
	// typed wrongly, and a framework agreement entered as a contract must be put right. A real
	// change of agreement is an `upgraded` event instead, which keeps its date.
	const merged = factsRefusal({ ...facts, ...defined });
	if (merged) return merged;
	const changed = Object.entries(defined).some(
		([key, value]) => facts[key as keyof DealFacts] !== value
	);
	return changed ? null : refuse('nothing_changed');
}

/**
 * The first domain rule `event` breaks against the ledger as `state` holds it, or null when the
 * ledger accepts it. Checks run in a fixed order, so a given state and event always get the same
 * reason: the deal's existence first, then the reason text, then the values, then the rule
 * specific to the event.
 */
export function checkEvent(state: LedgerState, dealId: string, event: DealEvent): Refusal | null {
	const deal = state.deals.get(dealId);
	if (event.type === 'signed') {
		if (deal) return refuse('deal_exists');
		if (!isEventId(dealId)) return refuse('invalid_facts', 'dealId');
		return factsRefusal(event.facts);
	}
	if (!deal) return refuse('deal_not_found');
	if (deal.voided) return refuse('deal_voided');
	switch (event.type) {
		case 'amended':
			if (!isFilled(event.reason)) return refuse('reason_required', 'reason');
			return amendmentRefusal(deal.facts, event.changes);
		case 'upgraded':
			if (!isIsoDate(event.on)) return refuse('invalid_date', 'on');
			return deal.facts.agreementType === 'contract' ? refuse('not_upgradable') : null;
		case 'increased':
			if (!isEventId(event.signingEvent)) return refuse('invalid_facts', 'signingEvent');
			if (typeof event.note !== 'string') return refuse('invalid_facts', 'note');
			if (!isIsoDate(event.signedOn)) return refuse('invalid_date', 'signedOn');
			return isValidAmount(event.amount) ? null : refuse('invalid_amount', 'amount');
		case 'advanced':
			if (!includes(DEAL_STAGES, event.stage) || event.stage === ('signed' as string))
				return refuse('invalid_facts', 'stage');
			if (!isIsoDate(event.on)) return refuse('invalid_date', 'on');
			return isLaterStage(event.stage, deal.stage) ? null : refuse('stage_backwards', 'stage');
		case 'voided':
			return isFilled(event.reason) ? null : refuse('reason_required', 'reason');
		default:
			return refuse('invalid_facts', 'type');
	}
}
