import type { Buckets } from './deals.ts';
import type { Yuan } from './money.ts';

/**
 * The most the ledger may hold: 10^15 元 (1000万亿元), summed over every live deal and every
 * bucket. Each deal is capped on its own (`MAX_DEAL_YUAN`), but sums were not, and past 2^53 元
 * (about 9007万亿元) they stop being exact and every total fails. Every total a page shows —
 * contracts only, including framework/intent, by event, chain, unit, stage or origin — is a
 * sum of live deals' non-negative amounts, so none exceeds the grand total this bounds. The
 * number is far above anything real (the zone's yearly target is 600亿元) and far enough below
 * 2^53 that sums of several totals stay exact too.
 */
export const LEDGER_CEILING_YUAN: Yuan = 1_000_000_000_000_000;

/** A delta's effect on the grand total: its buckets summed. */
export const netOf = (delta: Buckets): Yuan => delta.contract + delta.framework + delta.intent;

/**
 * Whether an entry with `delta` would push the grand total (`total`, before it) past the
 * ceiling. Only an entry that raises the total is refused: voids and smaller amendments stay
 * possible on a ledger already past the ceiling, so it can be put right.
 */
export function breaksCeiling(total: Yuan, delta: Buckets): boolean {
	const net = netOf(delta);
	return net > 0 && total + net > LEDGER_CEILING_YUAN;
}
