/*
 * The rules for industry chains (产业链) and responsible units (责任单位). Deals, their ledger
 * entries and targets refer to them by id, so a rename shows the new name everywhere at once
 * and history stays readable; what must never happen is an id that history names vanishing.
 */

/** Everything that names a chain or unit: the projection, the ledger's entries, targets. */
export interface OrganisationUsage {
	/** Deals whose current facts name it. */
	deals: number;
	/** Ledger entries that named it at any time (a deal amended away from it still did). */
	ledgerEntries: number;
	/** Targets scoped to it, retired ones included: they are history too. */
	targets: number;
}

/**
 * Null when the item may be deleted: only when nothing ever named it, e.g. one added by
 * mistake. Anything that history names is retired instead (no longer offered, still shown).
 */
export function deletionRefusal(usage: OrganisationUsage): 'in_use' | null {
	return usage.deals > 0 || usage.ledgerEntries > 0 || usage.targets > 0 ? 'in_use' : null;
}

/**
 * The ids in their new order after moving one a place up or down; unchanged at either end.
 * The caller stores positions 0…n−1, so gaps or ties left by older data are mended on the way.
 */
export function moved<T>(ids: readonly T[], id: T, direction: 'up' | 'down'): T[] {
	const order = [...ids];
	const from = order.indexOf(id);
	if (from === -1) return order;
	const to = direction === 'up' ? from - 1 : from + 1;
	if (to < 0 || to >= order.length) return order;
	[order[from], order[to]] = [order[to]!, order[from]!];
	return order;
}
