/**
 * What the public is told about a category's seats: nothing while there are plenty (a number
 * that large means nothing to a visitor and tells competitors the turnout), the number once
 * they run low — at most 50, or at most a tenth of the capacity — and "full" at none.
 */
export type SeatsNotice = { kind: 'full' } | { kind: 'few'; seats: number } | null;

export const LOW_SEATS = 50;
export const LOW_SHARE = 0.1;

export function seatsNotice(capacity: number | null, seatsLeft: number | null): SeatsNotice {
	if (capacity === null || seatsLeft === null) return null;
	if (seatsLeft <= 0) return { kind: 'full' };
	if (seatsLeft <= LOW_SEATS || seatsLeft <= capacity * LOW_SHARE) {
		return { kind: 'few', seats: seatsLeft };
	}
	return null;
}
