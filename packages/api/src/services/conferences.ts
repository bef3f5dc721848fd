import { asc, eq } from 'drizzle-orm';
import type { Db } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import { isListedOnHome, registrationPhase, type RegistrationPhase } from '../editions/rules.ts';

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
	/** Where registration stands at the moment of the listing (the one rule, the server's clock). */
	registrationPhase: RegistrationPhase;
	/** Listed only for the holder of a preview grant: a draft, not yet public. */
	preview: boolean;
	categories: { category: schema.AttendeeCategory; color: string; needsApproval: boolean }[];
}

/**
 * The conferences on the public home page (drafts and archived ones left out), soonest first.
 * `previewOf`: a draft edition whose preview grant the caller checked; it is listed too, marked.
 */
export async function listPublicConferences(
	db: Db,
	now: Date = new Date(),
	previewOf: string | null = null
): Promise<ConferenceSummary[]> {
	const { conferenceCategories, conferences } = tables(db);
	const rows = await db.select().from(conferences).orderBy(asc(conferences.startsOn));
	const categories = await db
		.select()
		.from(conferenceCategories)
		.orderBy(asc(conferenceCategories.sortOrder));
	return rows
		.filter((row) => isListedOnHome(row.status) || (row.status === 'draft' && row.id === previewOf))
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
			registrationPhase: registrationPhase(row, now),
			preview: row.status === 'draft',
			categories: categories
				.filter((c) => c.conferenceId === row.id)
				.map((c) => ({ category: c.category, color: c.color, needsApproval: c.needsApproval }))
		}));
}

export async function conferenceExists(db: Db, id: string): Promise<boolean> {
	const { conferences } = tables(db);
	const [found] = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(eq(conferences.id, id));
	return found !== undefined;
}
