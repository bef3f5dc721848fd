import { and, eq } from 'drizzle-orm';
import { tables, type Db } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { ticketToken } from './tickets.ts';

/** The badge of a standing admission: what the print page shows, with the ticket token. */
export async function admissionBadge(db: Db, scanId: number) {
	const { conferenceCategories, conferences, registrations, scans } = tables(db);
	const [row] = await db
		.select({
			registrationId: scans.registrationId,
			reason: scans.reason,
			undoneBy: scans.undoneBy
		})
		.from(scans)
		.where(eq(scans.id, scanId));
	if (!row || row.reason !== 'ok' || row.undoneBy !== null || row.registrationId === null) {
		throw new AppError('NOT_FOUND', 'scan_not_found', `no admission ${scanId}`);
	}
	// The admission's registration and conference exist: foreign keys hold them.
	const registration = (
		await db.select().from(registrations).where(eq(registrations.id, row.registrationId))
	)[0]!;
	const conference = (
		await db.select().from(conferences).where(eq(conferences.id, registration.conferenceId))
	)[0]!;
	const [category] = await db
		.select({ color: conferenceCategories.color })
		.from(conferenceCategories)
		.where(
			and(
				eq(conferenceCategories.conferenceId, registration.conferenceId),
				eq(conferenceCategories.category, registration.category)
			)
		);
	const categoryColor = category?.color ?? '#1f2a37';
	return {
		name: registration.name,
		organisation: registration.organisation,
		title: registration.title,
		category: registration.category,
		categoryColor,
		reference: registration.reference,
		conferenceZh: conference.nameZh,
		conferenceEn: conference.nameEn,
		themeColor: conference.themeColor,
		token:
			registration.status === 'confirmed'
				? await ticketToken(db, {
						id: registration.id,
						conferenceId: registration.conferenceId,
						category: registration.category
					})
				: null
	};
}
