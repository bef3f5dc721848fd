import { sealEntry } from './chain.ts';
import { checkEvent, type Refusal } from './check.ts';
import type { DealEvent, LedgerEntry } from './deals.ts';
import { isIsoDate } from './dates.ts';
import { applyEntry, deltaOf } from './fold.ts';
import type { LedgerState } from './state.ts';

export interface RecordInput {
	dealId: string;
	event: DealEvent;
	recordedAt: string;
	recordedBy: string;
	/** When it happened in the world; usually the event's own date (see `occurredOnOf`). */
	occurredOn: string;
}

export type RecordResult =
	{ ok: true; entry: LedgerEntry; state: LedgerState } | ({ ok: false } & Refusal);

/**
 * The date an event carries, which is when it happened: the signing, upgrade, increase or stage
 * date. Amendments and voids carry none; the writer supplies the day it records them.
 */
export function occurredOnOf(event: DealEvent): string | null {
	switch (event.type) {
		case 'signed':
			return event.facts.signedOn;
		case 'upgraded':
		case 'advanced':
			return event.on;
		case 'increased':
			return event.signedOn;
		default:
			return null;
	}
}

/**
 * Everything a writer does to append one event: check it, work out its delta, seal it onto the
 * head and fold it in. The storage layer persists `entry` and keeps `state`.
 */
export function recordEvent(state: LedgerState, input: RecordInput): RecordResult {
	const { dealId, event, recordedAt, recordedBy, occurredOn } = input;
	const refusal = checkEvent(state, dealId, event);
	if (refusal) return { ok: false, ...refusal };
	if (!isIsoDate(occurredOn)) return { ok: false, reason: 'invalid_date', field: 'occurredOn' };
	const delta = deltaOf(state, dealId, event);
	const entry = sealEntry({ dealId, event, recordedAt, recordedBy, occurredOn, delta }, state);
	return { ok: true, entry, state: applyEntry(state, entry) };
}
