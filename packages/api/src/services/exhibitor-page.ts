import { eq } from 'drizzle-orm';
import { tables, type Db, type DbOrTx } from '@huizhan/db';
import { AppError } from '../errors.ts';
import type { ExhibitorProfileInput } from '../schemas/exhibitor-page.ts';
import {
	assignedArea,
	exhibitionRulesOf,
	exhibitorBySecret,
	heldBooths,
	passCounts
} from './exhibition.ts';
import { exhibitorPeople } from './exhibitor-passes.ts';
import { maskEmail, maskMobile } from './registration-desk.ts';

/*
 * The exhibitor's own page (`/exhibitor/<secret>`): who the company is, the booths it holds, the
 * profile the public directory shows, and its people. The secret is the credential, as for a
 * delegation leader's page: no staff account.
 */

/**
 * What the page shows, or null for an unknown secret. An exhibitor not (or no longer) approved
 * gets its status only: the page sends it to its application.
 */
export async function exhibitorPageView(db: Db, secret: string) {
	const exhibitor = await exhibitorBySecret(db, secret);
	if (!exhibitor) return null;
	if (exhibitor.status !== 'approved') {
		return { approved: false as const, status: exhibitor.status };
	}
	const { conferences } = tables(db);
	const [conference] = await db
		.select({
			id: conferences.id,
			nameZh: conferences.nameZh,
			nameEn: conferences.nameEn,
			startsOn: conferences.startsOn,
			endsOn: conferences.endsOn,
			status: conferences.status
		})
		.from(conferences)
		.where(eq(conferences.id, exhibitor.conferenceId));
	if (!conference) return null;
	const rules = await exhibitionRulesOf(db, exhibitor.conferenceId);
	const booths = (await heldBooths(db, [exhibitor.id])).get(exhibitor.id) ?? [];
	const people = await exhibitorPeople(db, exhibitor.id);
	return {
		approved: true as const,
		status: exhibitor.status,
		conference,
		open: conference.status === 'open',
		company: {
			zh: exhibitor.companyZh,
			en: exhibitor.companyEn,
			creditCode: exhibitor.creditCode
		},
		profile: {
			introZh: exhibitor.introZh,
			introEn: exhibitor.introEn,
			productsZh: exhibitor.productsZh,
			productsEn: exhibitor.productsEn,
			website: exhibitor.website
		},
		booths: booths.map((b) => ({
			number: b.number,
			areaSquareMetres: b.areaSquareMetres,
			type: b.type,
			hallCode: b.hallCode,
			hallZh: b.hallZh,
			hallEn: b.hallEn,
			hold: b.hold
		})),
		assignedArea: assignedArea(booths),
		rules: { staff: rules.staff, setup: rules.setup, setupDays: rules.setupDays },
		passes: await passCounts(db, exhibitor),
		// Contacts masked: the page's address may be forwarded, and it needs them only to tell
		// people apart.
		people: people.map(({ mobile, email, ...person }) => ({
			...person,
			mobile: maskMobile(mobile),
			email: maskEmail(email)
		}))
	};
}
export type ExhibitorPageView = NonNullable<Awaited<ReturnType<typeof exhibitorPageView>>>;

/** Saves the directory profile; only an approved exhibitor has one to edit. */
export async function updateExhibitorProfile(
	db: DbOrTx,
	input: ExhibitorProfileInput,
	now: Date
): Promise<{ saved: true }> {
	const exhibitor = await exhibitorBySecret(db, input.secret);
	if (!exhibitor) throw new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor');
	if (exhibitor.status !== 'approved') {
		throw new AppError('CONFLICT', 'exhibitor_not_approved', `exhibitor ${exhibitor.id}`);
	}
	const { exhibitors } = tables(db);
	await db
		.update(exhibitors)
		.set({
			introZh: input.introZh,
			introEn: input.introEn,
			productsZh: input.productsZh,
			productsEn: input.productsEn,
			website: input.website,
			updatedAt: now
		})
		.where(eq(exhibitors.id, exhibitor.id));
	return { saved: true };
}

/**
 * What a ticket page says of an exhibitor's pass: the company, and a set-up pass's days. Null for
 * every other ticket, and for an unknown secret.
 */
export async function ticketPassOf(db: DbOrTx, ticketSecret: string) {
	const { exhibitors, registrations } = tables(db);
	const [found] = await db
		.select({
			pass: registrations.exhibitorPass,
			companyZh: exhibitors.companyZh,
			companyEn: exhibitors.companyEn,
			conferenceId: exhibitors.conferenceId
		})
		.from(registrations)
		.innerJoin(exhibitors, eq(exhibitors.id, registrations.exhibitorId))
		.where(eq(registrations.ticketSecret, ticketSecret));
	if (!found?.pass) return null;
	const { setupDays } = await exhibitionRulesOf(db, found.conferenceId);
	return {
		pass: found.pass,
		companyZh: found.companyZh,
		companyEn: found.companyEn,
		setupDays
	};
}
