import { asc, eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema } from '@huizhan/db';
import { isListedOnHome } from '../editions/rules.ts';

const { conferenceCategories, conferences } = schema;

export interface ConferenceSummary {
	id: string;
	nameZh: string;
	nameEn: string;
	startsOn: string;
	endsOn: string;
	venueZh: string;
	venueEn: string;
	status: schema.ConferenceStatus;
	themeColor: string;
	registrationOpensAt: string;
	registrationClosesAt: string;
	categories: { category: schema.AttendeeCategory; color: string; needsApproval: boolean }[];
}

/** The conferences on the public home page (drafts and archived ones left out), soonest first. */
export function listPublicConferences(db: Db): ConferenceSummary[] {
	const rows = db.select().from(conferences).orderBy(asc(conferences.startsOn)).all();
	const categories = db
		.select()
		.from(conferenceCategories)
		.orderBy(asc(conferenceCategories.sortOrder))
		.all();
	return rows
		.filter((row) => isListedOnHome(row.status))
		.map((row) => ({
			id: row.id,
			nameZh: row.nameZh,
			nameEn: row.nameEn,
			startsOn: row.startsOn,
			endsOn: row.endsOn,
			venueZh: row.venueZh,
			venueEn: row.venueEn,
			status: row.status,
			themeColor: row.themeColor,
			registrationOpensAt: row.registrationOpensAt.toISOString(),
			registrationClosesAt: row.registrationClosesAt.toISOString(),
			categories: categories
				.filter((c) => c.conferenceId === row.id)
				.map((c) => ({ category: c.category, color: c.color, needsApproval: c.needsApproval }))
		}));
}

export function conferenceExists(db: Db, id: string): boolean {
	return (
		db.select({ id: conferences.id }).from(conferences).where(eq(conferences.id, id)).get() !==
		undefined
	);
}
