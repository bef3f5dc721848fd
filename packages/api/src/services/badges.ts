import { and, asc, eq, inArray } from 'drizzle-orm';
import { schema, tables, type Db, type DbOrTx } from '@huizhan/db';
import { AppError } from '../errors.ts';
import type { BadgeSelection } from '../schemas/delegations.ts';
import { normalReference } from '../schemas/registrations.ts';
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

/** One printed badge: what the card shows, and the ticket token its QR carries. */
export interface PrintBadge {
	name: string;
	organisation: string;
	title: string;
	category: schema.AttendeeCategory;
	categoryColor: string;
	reference: string;
	/** The delegation's name, printed under the organisation. */
	delegation: string | null;
	token: string;
}

export interface BadgeSheet {
	conference: { id: string; nameZh: string; nameEn: string; themeColor: string } | null;
	badges: PrintBadge[];
	/** Selected but not printed: not confirmed (pending, under vetting, cancelled) or unknown. */
	skipped: { reference: string; reason: 'not_confirmed' | 'not_found' }[];
}

/**
 * The badges of a selection, in print order (delegation members in the order added, otherwise
 * by organisation then name). Only confirmed registrations get a badge: a QR that the gate
 * refuses is worse than none. One edition per sheet: references of several are refused.
 */
export async function badgeSheet(db: DbOrTx, selection: BadgeSelection): Promise<BadgeSheet> {
	const { conferenceCategories, conferences, delegations, registrations } = tables(db);
	const where =
		selection.by === 'category'
			? and(
					eq(registrations.conferenceId, selection.conferenceId),
					eq(registrations.category, selection.category),
					inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
				)
			: selection.by === 'delegation'
				? and(
						eq(registrations.delegationId, selection.delegationId),
						inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
					)
				: inArray(registrations.reference, selection.references.map(normalReference));
	const found = await db
		.select({ r: registrations, delegation: delegations.name })
		.from(registrations)
		.leftJoin(delegations, eq(delegations.id, registrations.delegationId))
		.where(where)
		.orderBy(
			...(selection.by === 'delegation'
				? [asc(registrations.id)]
				: [asc(registrations.organisation), asc(registrations.name), asc(registrations.id)])
		);
	const skipped: BadgeSheet['skipped'] = [];
	if (selection.by === 'references') {
		const known = new Set(found.map((f) => f.r.reference));
		for (const reference of new Set(selection.references.map(normalReference)))
			if (!known.has(reference)) skipped.push({ reference, reason: 'not_found' });
	}
	const editions = [...new Set(found.map((f) => f.r.conferenceId))];
	if (editions.length > 1) {
		throw new AppError('BAD_REQUEST', 'badges_several_editions', 'references of several editions');
	}
	const conferenceId = editions[0];
	if (conferenceId === undefined) return { conference: null, badges: [], skipped };
	const [conference] = await db
		.select({
			id: conferences.id,
			nameZh: conferences.nameZh,
			nameEn: conferences.nameEn,
			themeColor: conferences.themeColor
		})
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	const colors = new Map(
		(
			await db
				.select({ category: conferenceCategories.category, color: conferenceCategories.color })
				.from(conferenceCategories)
				.where(eq(conferenceCategories.conferenceId, conferenceId))
		).map((c) => [c.category, c.color])
	);
	const badges: PrintBadge[] = [];
	for (const { r, delegation } of found) {
		if (r.status !== 'confirmed') {
			skipped.push({ reference: r.reference, reason: 'not_confirmed' });
			continue;
		}
		badges.push({
			name: r.name,
			organisation: r.organisation,
			title: r.title,
			category: r.category,
			categoryColor: colors.get(r.category) ?? '#1f2a37',
			reference: r.reference,
			delegation,
			token: await ticketToken(db, { id: r.id, conferenceId: r.conferenceId, category: r.category })
		});
	}
	return { conference: conference ?? null, badges, skipped };
}
