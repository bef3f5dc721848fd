import { asc, count } from 'drizzle-orm';
import { tables, type DbOrTx, type schema } from '@huizhan/db';
import { turnoutCounts, type TurnoutCounts } from '../services/turnout.ts';
import { orderedList } from './watcher.ts';

type AttendeeCategory = schema.AttendeeCategory;

/** One attendee category of one conference, as the turnout panel shows it. */
export interface TurnoutCategory {
	category: AttendeeCategory;
	color: string;
	capacity: number | null;
	/** Pending approval or confirmed: people who mean to come. */
	registered: number;
	confirmed: number;
	pending: number;
	/** Null when the snapshot is made without check-in's figures (a replay of the past). */
	checkedIn: number | null;
}

export interface TurnoutConference {
	conferenceId: string;
	registered: number;
	confirmed: number;
	checkedIn: number | null;
	categories: TurnoutCategory[];
	/** First arrivals per 15 minutes, oldest first; null without check-in's figures. */
	arrivals: { from: string; entries: number }[] | null;
}

/**
 * What check-in adds to the turnout panel: who has come per conference and category, and first
 * arrivals per 15 minutes (`scanFigures` reads them from the scans).
 */
export interface CheckInFigures {
	checkedIn(conferenceId: string, category: AttendeeCategory): Promise<number>;
	arrivals(conferenceId: string): Promise<{ from: string; entries: number }[]>;
}

/** Check-in's figures from the scans (issue #6), each conference counted once per snapshot. */
export function scanFigures(db: DbOrTx): CheckInFigures {
	const counted = new Map<string, Promise<TurnoutCounts>>();
	const countsOf = (conferenceId: string) => {
		let counts = counted.get(conferenceId);
		if (!counts) {
			counts = turnoutCounts(db, conferenceId);
			counted.set(conferenceId, counts);
		}
		return counts;
	};
	return {
		checkedIn: async (conferenceId, category) =>
			(await countsOf(conferenceId)).byCategory.find((c) => c.category === category)?.checkedIn ??
			0,
		arrivals: async (conferenceId) =>
			(await countsOf(conferenceId)).arrivals.map((a) => ({ from: a.from, entries: a.count }))
	};
}

/**
 * Registrations by conference, category and status: one grouped read of the
 * `registrations_conference_category` index, then check-in's figures when they are plugged in.
 */
export async function turnoutFigures(
	db: DbOrTx,
	checkIns: CheckInFigures | null = null
): Promise<TurnoutConference[]> {
	const { conferenceCategories, registrations } = tables(db);
	const counts = await db
		.select({
			conferenceId: registrations.conferenceId,
			category: registrations.category,
			status: registrations.status,
			n: count()
		})
		.from(registrations)
		.groupBy(registrations.conferenceId, registrations.category, registrations.status);
	const offered = await db
		.select()
		.from(conferenceCategories)
		.orderBy(asc(conferenceCategories.conferenceId), asc(conferenceCategories.sortOrder));
	const countOf = (conferenceId: string, category: string, status: string) =>
		counts.find(
			(c) => c.conferenceId === conferenceId && c.category === category && c.status === status
		)?.n ?? 0;

	const byConference = new Map<string, TurnoutConference>();
	for (const row of offered) {
		let conference = byConference.get(row.conferenceId);
		if (!conference) {
			conference = {
				conferenceId: row.conferenceId,
				registered: 0,
				confirmed: 0,
				checkedIn: checkIns ? 0 : null,
				categories: [],
				arrivals: checkIns ? await checkIns.arrivals(row.conferenceId) : null
			};
			byConference.set(row.conferenceId, conference);
		}
		const confirmed = countOf(row.conferenceId, row.category, 'confirmed');
		const pending = countOf(row.conferenceId, row.category, 'pending');
		const checkedIn = checkIns ? await checkIns.checkedIn(row.conferenceId, row.category) : null;
		conference.categories.push({
			category: row.category,
			color: row.color,
			capacity: row.capacity,
			registered: confirmed + pending,
			confirmed,
			pending,
			checkedIn
		});
		conference.registered += confirmed + pending;
		conference.confirmed += confirmed;
		if (conference.checkedIn !== null && checkedIn !== null) conference.checkedIn += checkedIn;
	}
	return [...byConference.values()];
}

/**
 * The registrations' version for the live watcher (a scalar SQL expression): the count per
 * conference, category and status, read from the same covering index, each count named by its
 * group (so a group emptied while another appears still moves it). It changes exactly when the
 * turnout panel would.
 */
export const REGISTRATIONS_PROBE = orderedList(
	'(SELECT conference_id, category, status, count(*) AS n FROM registrations GROUP BY conference_id, category, status) AS counts',
	['conference_id', 'category', 'status', 'n'],
	'conference_id, category, status'
);

/** Check-in's version for the live watcher: the newest scan row (an admission or an undo). */
export const SCANS_PROBE = '(SELECT coalesce(max(id), 0) FROM scans)';
