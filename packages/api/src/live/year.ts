/*
 * Which year a dashboard (/live, the big screen, the console home) shows, and what belongs to
 * it. Pure, so that the snapshot, the console home and the stream endpoint ask the same
 * functions and cannot drift apart.
 *
 * A year is a calendar year. An edition belongs to the year its start date falls in; a year
 * target to the year its period starts in; a deal's tranche (and so an everyday signing,
 * 日常签约) to the year of its signing date.
 */
import type { EditionStatus } from '../editions/rules.ts';

/** What the rule needs to know of an edition. */
export interface YearEdition {
	id: string;
	status: EditionStatus;
	/** `YYYY-MM-DD`. */
	startsOn: string;
}

/** What the rule needs to know of a target. */
export interface YearTarget {
	scope: string;
	/** `YYYY-MM-DD`. */
	periodStart: string;
}

/** The years a dashboard lets you choose from: a generous but finite range of calendar years. */
export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2999;

/** `2026-09-20` → 2026. */
export const yearOf = (isoDate: string): number => Number(isoDate.slice(0, 4));

/** The first and last day of a calendar year, as inclusive `YYYY-MM-DD` dates. */
export const yearBounds = (year: number): { from: string; to: string } => ({
	from: `${String(year).padStart(4, '0')}-01-01`,
	to: `${String(year).padStart(4, '0')}-12-31`
});

/** A signing date (a tranche's, an everyday signing's) counts toward the year it falls in. */
export const countsTowardYear = (signedOn: string, year: number): boolean =>
	yearOf(signedOn) === year;

/**
 * The year the dashboards show when nobody chose one: the calendar year of `today` (a Beijing
 * date). Leadership is scored on the calendar year's targets until its last day, even once next
 * year's editions are open for registration; those show in it as upcoming (`editionsForYear`).
 */
export const defaultYear = (today: string): number => yearOf(today);

/**
 * The editions a dashboard shows for `year`, in the order given: those starting in that year,
 * never a draft (the public cannot see it, and leadership must not be scored on one), and an
 * archived edition only when `year` is earlier than `currentYear` — browsing history. Archiving
 * takes an edition off the live views of the current year. The current year also shows the
 * editions after it that are already open or closed (not archived): deals are signed toward
 * next year's conference months ahead, and that is what leadership watches in December.
 */
export function editionsForYear<E extends YearEdition>(
	editions: readonly E[],
	year: number,
	currentYear: number
): E[] {
	const history = year < currentYear;
	return editions.filter((edition) => {
		if (edition.status === 'draft') return false;
		const starts = yearOf(edition.startsOn);
		if (starts === year) return edition.status !== 'archived' || history;
		return year === currentYear && starts > year && edition.status !== 'archived';
	});
}

/** The whole-year targets of `year`: those whose period starts in it. */
export function yearTargetsFor<T extends YearTarget>(targets: readonly T[], year: number): T[] {
	return targets.filter((t) => t.scope === 'year' && yearOf(t.periodStart) === year);
}

/**
 * The years offered in a year selector, newest first: every year with a (non-draft) edition, a
 * target or a signing, and always the current year.
 */
export function offeredYears(
	editions: readonly YearEdition[],
	targets: readonly YearTarget[],
	signingDates: readonly string[],
	currentYear: number
): number[] {
	const years = new Set<number>([currentYear]);
	for (const edition of editions)
		if (edition.status !== 'draft') years.add(yearOf(edition.startsOn));
	for (const target of targets) years.add(yearOf(target.periodStart));
	for (const date of signingDates) years.add(yearOf(date));
	return [...years].filter((y) => y >= FIRST_YEAR && y <= LAST_YEAR).sort((a, b) => b - a);
}
