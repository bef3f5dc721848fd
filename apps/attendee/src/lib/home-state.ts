import type { ConferenceSummary } from '@huizhan/api';

/**
 * What the attendee home says above its list, from each listed edition's registration phase
 * (the API's `registrationPhase`, on the server's clock): nothing to add while one is taking
 * registrations; otherwise when the next one opens, that all are closed, or that the next
 * editions are being prepared. A previewed draft is not the public's and changes nothing.
 */
export type HomeState =
	| { kind: 'open' }
	| { kind: 'upcoming'; opensAt: string }
	| { kind: 'closed' }
	| { kind: 'nothing' };

type Listed = Pick<ConferenceSummary, 'registrationPhase' | 'registrationOpensAt' | 'preview'>;

export function homeState(conferences: readonly Listed[]): HomeState {
	const published = conferences.filter((c) => !c.preview);
	if (published.some((c) => c.registrationPhase === 'open')) return { kind: 'open' };
	const next = published
		.filter((c) => c.registrationPhase === 'upcoming')
		.map((c) => c.registrationOpensAt)
		.sort((a, b) => Date.parse(a) - Date.parse(b))[0];
	if (next) return { kind: 'upcoming', opensAt: next };
	return published.length > 0 ? { kind: 'closed' } : { kind: 'nothing' };
}

/** Where a phase stands on the home page: what can be done now first, history last. */
const PHASE_ORDER = { open: 0, upcoming: 1, closed: 2 } as const;

/**
 * The order the home page lists editions in: those taking registrations, then those about to,
 * then closed ones kept as history; by first day within each, so this year's conferences come
 * before last year's rather than after them.
 */
export function homeOrder<T extends Pick<ConferenceSummary, 'registrationPhase' | 'startsOn'>>(
	conferences: readonly T[]
): T[] {
	return [...conferences].sort(
		(a, b) =>
			PHASE_ORDER[a.registrationPhase] - PHASE_ORDER[b.registrationPhase] ||
			a.startsOn.localeCompare(b.startsOn)
	);
}
