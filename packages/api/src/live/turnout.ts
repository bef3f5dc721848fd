import { asc, count } from 'drizzle-orm';
import { schema, type DbOrTx } from '@huizhan/db';

type AttendeeCategory = schema.AttendeeCategory;

const { conferenceCategories, registrations } = schema;

/** One attendee category of one conference, as the turnout panel shows it. */
export interface TurnoutCategory {
	category: AttendeeCategory;
	color: string;
	capacity: number | null;
	/** Pending approval or confirmed: people who mean to come. */
	registered: number;
	confirmed: number;
	pending: number;
	/** Null until check-in (#6) plugs its counts in. */
	checkedIn: number | null;
}

export interface TurnoutConference {
	conferenceId: string;
	registered: number;
	confirmed: number;
	checkedIn: number | null;
	categories: TurnoutCategory[];
	/** Entries per 15 minutes, oldest first; null until check-in (#6) provides them. */
	arrivals: { from: string; entries: number }[] | null;
}

/**
 * What check-in adds to the turnout panel. Issue #6 supplies one: its counts per conference and
 * category, and its arrivals per 15 minutes. Until then the panel shows registrations only.
 */
export interface CheckInFigures {
	checkedIn(conferenceId: string, category: AttendeeCategory): number;
	arrivals(conferenceId: string): { from: string; entries: number }[];
}

/**
 * Registrations by conference, category and status: one grouped read of the
 * `registrations_conference_category` index, then check-in's figures when they are plugged in.
 */
export function turnoutFigures(db: DbOrTx, checkIns: CheckInFigures | null = null) {
	const counts = db
		.select({
			conferenceId: registrations.conferenceId,
			category: registrations.category,
			status: registrations.status,
			n: count()
		})
		.from(registrations)
		.groupBy(registrations.conferenceId, registrations.category, registrations.status)
		.all();
	const offered = db
		.select()
		.from(conferenceCategories)
		.orderBy(asc(conferenceCategories.conferenceId), asc(conferenceCategories.sortOrder))
		.all();
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
				arrivals: checkIns ? checkIns.arrivals(row.conferenceId) : null
			};
			byConference.set(row.conferenceId, conference);
		}
		const confirmed = countOf(row.conferenceId, row.category, 'confirmed');
		const pending = countOf(row.conferenceId, row.category, 'pending');
		const checkedIn = checkIns ? checkIns.checkedIn(row.conferenceId, row.category) : null;
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
 * conference, category and status, read from the same covering index. It changes exactly when
 * the turnout panel would.
 */
export const REGISTRATIONS_PROBE =
	"(SELECT coalesce(group_concat(n), '') FROM (SELECT count(*) AS n FROM registrations GROUP BY conference_id, category, status))";
