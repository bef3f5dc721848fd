import { and, eq } from 'drizzle-orm';
import { schema, type Db } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { ticketToken } from './tickets.ts';

/** The badge of a standing admission: what the print page shows, with the ticket token. */
export function admissionBadge(db: Db, scanId: number) {
	const row = db
		.select({
			registrationId: schema.scans.registrationId,
			reason: schema.scans.reason,
			undoneBy: schema.scans.undoneBy
		})
		.from(schema.scans)
		.where(eq(schema.scans.id, scanId))
		.get();
	if (!row || row.reason !== 'ok' || row.undoneBy !== null || row.registrationId === null) {
		throw new AppError('NOT_FOUND', 'scan_not_found', `no admission ${scanId}`);
	}
	const registration = db
		.select()
		.from(schema.registrations)
		.where(eq(schema.registrations.id, row.registrationId))
		.get()!;
	const conference = db
		.select()
		.from(schema.conferences)
		.where(eq(schema.conferences.id, registration.conferenceId))
		.get()!;
	const categoryColor =
		db
			.select({ color: schema.conferenceCategories.color })
			.from(schema.conferenceCategories)
			.where(
				and(
					eq(schema.conferenceCategories.conferenceId, registration.conferenceId),
					eq(schema.conferenceCategories.category, registration.category)
				)
			)
			.get()?.color ?? '#1f2a37';
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
				? ticketToken(db, {
						id: registration.id,
						conferenceId: registration.conferenceId,
						category: registration.category
					})
				: null
	};
}
