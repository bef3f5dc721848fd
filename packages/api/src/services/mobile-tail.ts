import { like, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/**
 * How many trailing digits of a mobile a masked display shows (`138****5678`), and so the only
 * tail length a search may match for someone who sees it masked.
 */
export const MASKED_TAIL_DIGITS = 4;

/**
 * The condition for "the mobile ends in these digits", or null when the search must not match
 * on the mobile at all.
 *
 * Staff who see numbers masked may search by the four digits the mask shows, and by nothing
 * longer: otherwise trying `05678`, `15678`, … and watching which one still finds the person
 * would uncover the number digit by digit while every result stays masked. Those who see the
 * number in full may search by any tail of four digits or more.
 */
export function mobileTailMatch(
	column: SQLiteColumn,
	digits: string,
	sees: 'full' | 'masked'
): SQL | null {
	if (!/^\d+$/.test(digits) || digits.length < MASKED_TAIL_DIGITS) return null;
	if (sees === 'masked' && digits.length !== MASKED_TAIL_DIGITS) return null;
	return like(column, `%${digits}`);
}
