import { asc, eq } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import { isVisibleToPublic, registrationPhase } from '../editions/rules.ts';
import { AppError } from '../errors.ts';
import { activeQuestions, publicQuestion } from './questions.ts';
import { seatsLeft } from './registrations.ts';

/**
 * A public conference's page: dates, venue, categories, whether registration is open at `now`,
 * seats left. Drafts are not found (`isVisibleToPublic`), except for the holder of a preview
 * grant for that very edition (`previewOf`, checked by the caller): they see the page as the
 * public will, marked `preview`, and registration stays refused (a draft is never open).
 */
export async function publicConference(
	db: Db,
	conferenceId: string,
	now: Date,
	previewOf: string | null = null
) {
	const { conferenceCategories, conferences } = tables(db);
	const [conference] = await db.select().from(conferences).where(eq(conferences.id, conferenceId));
	const preview = conference?.status === 'draft' && previewOf === conference.id;
	if (!conference || !(isVisibleToPublic(conference.status) || preview)) {
		throw new AppError('NOT_FOUND', 'conference_not_found', `no conference ${conferenceId}`);
	}
	const phase = registrationPhase(conference, now);
	const seats = await seatsLeft(db, conference.id);
	const categoryRows = await db
		.select()
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conference.id))
		.orderBy(asc(conferenceCategories.sortOrder));
	const categories = categoryRows.map((c) => ({
		category: c.category,
		nameZh: c.nameZh,
		nameEn: c.nameEn,
		descriptionZh: c.descriptionZh,
		descriptionEn: c.descriptionEn,
		open: c.open,
		color: c.color,
		needsApproval: c.needsApproval,
		/** 凭邀请: shown on the page, never offered on the open form. */
		byInvitation: c.byInvitation,
		capacity: c.capacity,
		seatsLeft: seats[c.category] ?? null
	}));
	return {
		id: conference.id,
		nameZh: conference.nameZh,
		nameEn: conference.nameEn,
		startsOn: conference.startsOn,
		endsOn: conference.endsOn,
		venueZh: conference.venueZh,
		venueEn: conference.venueEn,
		themeColor: conference.themeColor,
		status: conference.status,
		registrationOpensAt: conference.registrationOpensAt.toISOString(),
		registrationClosesAt: conference.registrationClosesAt.toISOString(),
		registrationOpen: phase === 'open',
		registrationPhase: phase,
		preview,
		categories,
		/** Every category's questions: the form shows the chosen category's, also without JavaScript. */
		questions: (await activeQuestions(db, conference.id)).map(publicQuestion)
	};
}
