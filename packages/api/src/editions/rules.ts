/*
 * The rules of an edition (a conference's yearly instance), pure so that the attendee pages,
 * the register procedure and the console ask the same function and cannot drift apart.
 */

export type EditionStatus = 'draft' | 'open' | 'closed' | 'archived';

/**
 * Where each status may go. Closing can be undone (a window reopened for late signups) and so
 * can archiving; nothing goes back to draft, because a draft is hidden and tickets may exist.
 */
export const STATUS_TRANSITIONS: Readonly<Record<EditionStatus, readonly EditionStatus[]>> = {
	draft: ['open'],
	open: ['closed'],
	closed: ['open', 'archived'],
	archived: ['closed']
};

export const canMoveTo = (from: EditionStatus, to: EditionStatus): boolean =>
	STATUS_TRANSITIONS[from].includes(to);

/** The public may open the edition's pages and tickets: everything but a draft. */
export const isVisibleToPublic = (status: EditionStatus): boolean => status !== 'draft';

/** Listed on the attendee home page: archived editions leave it, their tickets stay valid. */
export const isListedOnHome = (status: EditionStatus): boolean =>
	status === 'open' || status === 'closed';

/** Where an edition's registration stands at a moment, as everyone is told. */
export type RegistrationPhase = 'open' | 'upcoming' | 'closed';

export interface RegistrationWindow {
	status: EditionStatus;
	registrationOpensAt: Date;
	registrationClosesAt: Date;
}

/**
 * The one answer to "may people register now": the edition is open and the moment is inside
 * its window (both ends included). Closing an edition stops registration but not check-in.
 */
export function registrationPhase(edition: RegistrationWindow, now: Date): RegistrationPhase {
	if (edition.status !== 'open') return 'closed';
	if (now < edition.registrationOpensAt) return 'upcoming';
	if (now > edition.registrationClosesAt) return 'closed';
	return 'open';
}

/**
 * A category's capacity may not drop below the seats already taken (pending and confirmed):
 * returns the seats taken when it would, null when the capacity is fine. Null capacity means
 * no limit and is always fine.
 */
export function capacityShortfall(capacity: number | null, taken: number): number | null {
	return capacity !== null && capacity < taken ? taken : null;
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/** `2024-11-03` → `2025-11-03`; 29 February becomes 28 February in a year without it. */
export function dateNextYear(isoDate: string): string {
	const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
	if (!match) throw new Error(`not a calendar date: ${isoDate}`);
	const year = Number(match[1]) + 1;
	const day = match[2] === '02' && match[3] === '29' && !isLeapYear(year) ? '28' : match[3];
	return `${String(year).padStart(4, '0')}-${match[2]}-${day}`;
}

/** The same wall-clock moment a year later (UTC fields; 29 February as for dates). */
export function instantNextYear(at: Date): Date {
	const next = new Date(at.getTime());
	const leapDay = at.getUTCMonth() === 1 && at.getUTCDate() === 29;
	next.setUTCDate(1);
	next.setUTCFullYear(at.getUTCFullYear() + 1);
	next.setUTCDate(leapDay && !isLeapYear(at.getUTCFullYear() + 1) ? 28 : at.getUTCDate());
	return next;
}
