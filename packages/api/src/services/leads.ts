import { and, desc, eq, inArray, isNull, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import { classifyScannedText, statusAt } from '@huizhan/ledger/checkin';
import type { LeadRating } from '@huizhan/ledger';
import { tables, type DbOrTx, type schema } from '@huizhan/db';
import { AppError } from '../errors.ts';
import { exhibitorBySecret, heldBooths, type ExhibitorRow } from './exhibition.ts';
import { checkTicketToken } from './tickets.ts';

/*
 * Lead retrieval (展商线索): an exhibitor's staff member scans a visitor's ticket at the booth and
 * the exhibitor keeps who it met. A lead stores who and when; the visitor's mobile and email are
 * read from their registration each time a lead is shown or exported, and only while the visitor
 * shares them (`registrations.shareContactsAt`), so a withdrawn consent hides them at once.
 */

const SECRET = /^[A-Za-z0-9_-]{22}$/;

type RegistrationRow = typeof schema.registrations.$inferSelect;

/** Why a staff member's ticket may not scan leads (the page says who may). */
export type ScannerRefusal = 'not_found' | 'not_exhibitor_staff';

/** The staff member behind a ticket secret and their exhibitor, or why they may not scan. */
export async function leadScanner(
	db: DbOrTx,
	ticketSecret: string
): Promise<
	| { ok: true; staff: RegistrationRow; exhibitor: ExhibitorRow }
	| { ok: false; reason: ScannerRefusal }
> {
	if (!SECRET.test(ticketSecret)) return { ok: false, reason: 'not_found' };
	const { exhibitors: e, registrations: r } = tables(db);
	const [found] = await db
		.select({ staff: r, exhibitor: e })
		.from(r)
		.leftJoin(e, eq(e.id, r.exhibitorId))
		.where(eq(r.ticketSecret, ticketSecret));
	if (!found) return { ok: false, reason: 'not_found' };
	const { staff, exhibitor } = found;
	// Set-up passes (布展证) are for building the stand, not for meeting visitors.
	if (
		staff.status !== 'confirmed' ||
		staff.exhibitorPass !== 'staff' ||
		!exhibitor ||
		exhibitor.status !== 'approved' ||
		exhibitor.conferenceId !== staff.conferenceId
	) {
		return { ok: false, reason: 'not_exhibitor_staff' };
	}
	return { ok: true, staff, exhibitor };
}

async function requireScanner(db: DbOrTx, ticketSecret: string) {
	const found = await leadScanner(db, ticketSecret);
	if (!found.ok) {
		throw new AppError(
			found.reason === 'not_found' ? 'NOT_FOUND' : 'FORBIDDEN',
			found.reason === 'not_found' ? 'ticket_not_found' : 'lead_not_exhibitor_staff'
		);
	}
	return found;
}

async function requireExhibitor(db: DbOrTx, secret: string) {
	const exhibitor = SECRET.test(secret) ? await exhibitorBySecret(db, secret) : null;
	if (!exhibitor) throw new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor');
	return exhibitor;
}

/** A lead as the exhibitor sees it: contacts only while the visitor shares them. */
export interface LeadView {
	id: number;
	name: string;
	organisation: string;
	title: string;
	/** Null unless the visitor shares contacts with the exhibitors who scan them. */
	mobile: string | null;
	email: string | null;
	sharesContacts: boolean;
	scannedAt: string;
	scannedBy: string;
	note: string;
	rating: LeadRating | null;
}

const leadColumns = (db: DbOrTx) => {
	const { exhibitorLeads: l, registrations: visitor } = tables(db);
	return {
		id: l.id,
		name: visitor.name,
		organisation: visitor.organisation,
		title: visitor.title,
		mobile: visitor.mobile,
		email: visitor.email,
		shareContactsAt: visitor.shareContactsAt,
		scannedAt: l.scannedAt,
		scannedBy: l.scannedBy,
		note: l.note,
		rating: l.rating
	};
};

type LeadRow = {
	id: number;
	name: string;
	organisation: string;
	title: string;
	mobile: string | null;
	email: string | null;
	shareContactsAt: Date | null;
	scannedAt: Date;
	scannedBy: number;
	note: string;
	rating: LeadRating | null;
};

/** The names of the staff who scanned, by registration id (staff names are the exhibitor's own). */
async function staffNames(db: DbOrTx, ids: number[]): Promise<Map<number, string>> {
	if (ids.length === 0) return new Map();
	const { registrations: r } = tables(db);
	const found = await db
		.select({ id: r.id, name: r.name })
		.from(r)
		.where(inArray(r.id, [...new Set(ids)]));
	return new Map(found.map((s) => [s.id, s.name]));
}

async function views(db: DbOrTx, found: LeadRow[]): Promise<LeadView[]> {
	const names = await staffNames(
		db,
		found.map((l) => l.scannedBy)
	);
	return found.map(({ shareContactsAt, scannedBy, ...l }) => {
		const shares = shareContactsAt !== null;
		return {
			...l,
			mobile: shares ? l.mobile : null,
			email: shares ? l.email : null,
			sharesContacts: shares,
			scannedAt: l.scannedAt.toISOString(),
			scannedBy: names.get(scannedBy) ?? '',
			rating: l.rating ?? null
		};
	});
}

async function leadWhere(db: DbOrTx, where: SQL | undefined): Promise<LeadView | null> {
	const { exhibitorLeads: l, registrations: visitor } = tables(db);
	const found = await db
		.select(leadColumns(db))
		.from(l)
		.innerJoin(visitor, eq(visitor.id, l.registrationId))
		.where(where);
	const [view] = await views(db, found);
	return view ?? null;
}

/** Why a scanned visitor is not a lead; the staff page names each. */
export const LEAD_REFUSALS = [
	'lead_code_invalid',
	'lead_visitor_not_found',
	'lead_other_conference',
	'lead_visitor_not_confirmed',
	'lead_own_colleague'
] as const;
export type LeadRefusal = (typeof LEAD_REFUSALS)[number];

export interface ScanLeadInput {
	ticketSecret: string;
	/** What the camera read (a ticket token `HZ1…`) or the staff member typed (a reference). */
	code: string;
	/** The device's nonce for this scan: an upload retried from the offline queue is a no-op. */
	nonce: string;
	/** The device's clock when it scanned; offline scans arrive later. */
	scannedAt?: Date;
}

export type ScanLeadResult =
	| { outcome: 'added'; lead: LeadView }
	/** The visitor was already a lead of this exhibitor (`已在您的线索中`): the lead as it is. */
	| { outcome: 'existing'; lead: LeadView }
	| { outcome: 'refused'; reason: LeadRefusal };

/** The visitor a scanned text names, or why none. */
async function visitorOf(
	db: DbOrTx,
	code: string
): Promise<{ visitor: RegistrationRow } | { reason: LeadRefusal }> {
	const scanned = classifyScannedText(code);
	if (scanned.kind === 'invalid') return { reason: 'lead_code_invalid' };
	const { registrations: r } = tables(db);
	if (scanned.kind === 'reference') {
		const [visitor] = await db.select().from(r).where(eq(r.reference, scanned.reference));
		return visitor ? { visitor } : { reason: 'lead_visitor_not_found' };
	}
	// The door's check: signed by a key of ours that still verifies, naming a registration of
	// the key's edition.
	const checked = await checkTicketToken(db, scanned.text);
	if (!checked.ok) return { reason: 'lead_code_invalid' };
	const [visitor] = await db.select().from(r).where(eq(r.id, checked.claims.registrationNumber));
	if (!visitor || visitor.conferenceId !== checked.conferenceId) {
		return { reason: 'lead_visitor_not_found' };
	}
	return { visitor };
}

/**
 * Records a scan at the booth. One lead per exhibitor and visitor, claimed by the unique index
 * (`exhibitor_leads_once`), never a read-then-write; the nonce's (`exhibitor_leads_nonce_once`)
 * makes a retried upload answer what the first did.
 */
export async function scanLead(
	db: DbOrTx,
	input: ScanLeadInput,
	now: Date
): Promise<ScanLeadResult> {
	const { staff, exhibitor } = await requireScanner(db, input.ticketSecret);
	const { exhibitorLeads: l } = tables(db);
	const byNonce = await leadWhere(db, and(eq(l.scannedBy, staff.id), eq(l.nonce, input.nonce)));
	if (byNonce) return { outcome: 'added', lead: byNonce };

	const found = await visitorOf(db, input.code);
	if ('reason' in found) return { outcome: 'refused', reason: found.reason };
	const { visitor } = found;
	if (visitor.conferenceId !== exhibitor.conferenceId) {
		return { outcome: 'refused', reason: 'lead_other_conference' };
	}
	if (visitor.exhibitorId === exhibitor.id)
		return { outcome: 'refused', reason: 'lead_own_colleague' };
	// A device's clock is trusted for the past only: a scan cannot come from the future.
	const scannedAt =
		input.scannedAt && input.scannedAt.getTime() < now.getTime() ? input.scannedAt : now;
	// Judged as the door judges an offline scan: a ticket cancelled after it was scanned counted then.
	const status = statusAt(
		{ status: visitor.status, cancelledAt: visitor.cancelledAt?.getTime() ?? null },
		scannedAt.getTime()
	);
	if (status !== 'confirmed') return { outcome: 'refused', reason: 'lead_visitor_not_confirmed' };

	const [inserted] = await db
		.insert(l)
		.values({
			exhibitorId: exhibitor.id,
			registrationId: visitor.id,
			scannedBy: staff.id,
			nonce: input.nonce,
			scannedAt,
			createdAt: now
		})
		.onConflictDoNothing()
		.returning({ id: l.id });
	if (inserted) {
		const lead = await leadWhere(db, eq(l.id, inserted.id));
		if (lead) return { outcome: 'added', lead };
	}
	// The same nonce raced in from a second upload, or the visitor is already a lead.
	const again = await leadWhere(db, and(eq(l.scannedBy, staff.id), eq(l.nonce, input.nonce)));
	if (again) return { outcome: 'added', lead: again };
	const existing = await leadWhere(
		db,
		and(eq(l.exhibitorId, exhibitor.id), eq(l.registrationId, visitor.id))
	);
	if (!existing) throw new Error('a lead refused by its unique index was not found');
	return { outcome: 'existing', lead: existing };
}

/** The staff member's page: their company, and the leads they scanned, newest first. */
export async function scannerPage(db: DbOrTx, ticketSecret: string) {
	const found = await leadScanner(db, ticketSecret);
	if (!found.ok) return { ok: false as const, reason: found.reason };
	const { staff, exhibitor } = found;
	const { exhibitorLeads: l, registrations: visitor } = tables(db);
	const rows = await db
		.select(leadColumns(db))
		.from(l)
		.innerJoin(visitor, eq(visitor.id, l.registrationId))
		.where(and(eq(l.exhibitorId, exhibitor.id), eq(l.scannedBy, staff.id)))
		.orderBy(desc(l.scannedAt), desc(l.id))
		.limit(100);
	return {
		ok: true as const,
		staffName: staff.name,
		companyZh: exhibitor.companyZh,
		companyEn: exhibitor.companyEn,
		leads: await views(db, rows)
	};
}

export interface LeadFilters {
	rating?: LeadRating | 'unrated';
	/** Part of a visitor's name, organisation or title, or of a note. */
	text?: string;
}

function filterCondition(db: DbOrTx, exhibitorId: number, filters: LeadFilters): SQL | undefined {
	const { exhibitorLeads: l, registrations: visitor } = tables(db);
	const conditions: (SQL | undefined)[] = [eq(l.exhibitorId, exhibitorId)];
	if (filters.rating === 'unrated') conditions.push(isNull(l.rating));
	else if (filters.rating) conditions.push(eq(l.rating, filters.rating));
	const text = filters.text?.trim();
	if (text) {
		// Escaped so a typed % or _ matches itself; lower-cased on both sides for Latin names.
		const pattern = `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
		conditions.push(
			or(
				likeLower(visitor.name, pattern),
				likeLower(visitor.organisation, pattern),
				likeLower(visitor.title, pattern),
				likeLower(l.note, pattern)
			)
		);
	}
	return and(...conditions);
}

const likeLower = (column: AnyColumn, pattern: string) =>
	sql`lower(${column}) LIKE ${pattern} ESCAPE '\\'`;

/** Every lead of the exhibitor behind its secret, filtered, newest first; the exhibitor's only. */
export async function exhibitorLeadList(db: DbOrTx, secret: string, filters: LeadFilters = {}) {
	const exhibitor = await requireExhibitor(db, secret);
	const { exhibitorLeads: l, registrations: visitor } = tables(db);
	const rows = await db
		.select(leadColumns(db))
		.from(l)
		.innerJoin(visitor, eq(visitor.id, l.registrationId))
		.where(filterCondition(db, exhibitor.id, filters))
		.orderBy(desc(l.scannedAt), desc(l.id));
	return {
		exhibitor: { companyZh: exhibitor.companyZh, companyEn: exhibitor.companyEn },
		leads: await views(db, rows)
	};
}

export interface LeadUpdate {
	leadId: number;
	note: string;
	rating: LeadRating | null;
}

/** Who is updating a lead: a staff member of its exhibitor (ticket), or the exhibitor's page. */
export type LeadOwner = { ticketSecret: string } | { exhibitorSecret: string };

/** Sets a lead's note and rating; a lead of another exhibitor reads as not found. */
export async function updateLead(
	db: DbOrTx,
	owner: LeadOwner,
	update: LeadUpdate,
	now: Date
): Promise<LeadView> {
	const exhibitorId =
		'ticketSecret' in owner
			? (await requireScanner(db, owner.ticketSecret)).exhibitor.id
			: (await requireExhibitor(db, owner.exhibitorSecret)).id;
	const { exhibitorLeads: l } = tables(db);
	const [changed] = await db
		.update(l)
		.set({ note: update.note, rating: update.rating, updatedAt: now })
		.where(and(eq(l.id, update.leadId), eq(l.exhibitorId, exhibitorId)))
		.returning({ id: l.id });
	const lead = changed && (await leadWhere(db, eq(l.id, changed.id)));
	if (!lead) throw new AppError('NOT_FOUND', 'lead_not_found', 'no such lead');
	return lead;
}

/**
 * The visitor's side, for their ticket page: whether they share contacts, and the exhibitors
 * that scanned them (company, booths, when); null for an unknown ticket.
 */
export async function visitorLeads(db: DbOrTx, ticketSecret: string) {
	if (!SECRET.test(ticketSecret)) return null;
	const { exhibitorLeads: l, exhibitors: e, registrations: r } = tables(db);
	const [visitor] = await db
		.select({ id: r.id, shareContactsAt: r.shareContactsAt })
		.from(r)
		.where(eq(r.ticketSecret, ticketSecret));
	if (!visitor) return null;
	const found = await db
		.select({
			exhibitorId: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn,
			scannedAt: l.scannedAt
		})
		.from(l)
		.innerJoin(e, eq(e.id, l.exhibitorId))
		.where(eq(l.registrationId, visitor.id))
		.orderBy(desc(l.scannedAt), desc(l.id));
	const booths = await heldBooths(
		db,
		found.map((f) => f.exhibitorId)
	);
	return {
		sharesContacts: visitor.shareContactsAt !== null,
		/** An exhibitor's staff member: their ticket page links to the scanning page. */
		scansLeads: (await leadScanner(db, ticketSecret)).ok,
		scannedBy: found.map(({ exhibitorId, scannedAt, ...f }) => ({
			...f,
			booths: (booths.get(exhibitorId) ?? []).map((b) => b.number),
			scannedAt: scannedAt.toISOString()
		}))
	};
}

/**
 * Gives or withdraws the visitor's consent to share their mobile and email with the exhibitors
 * who scan them. Answers whether they now share; false for an unknown ticket too.
 */
export async function setShareContacts(
	db: DbOrTx,
	ticketSecret: string,
	share: boolean,
	now: Date
): Promise<{ sharesContacts: boolean }> {
	if (!SECRET.test(ticketSecret)) throw new AppError('NOT_FOUND', 'ticket_not_found');
	const { registrations: r } = tables(db);
	const [changed] = await db
		.update(r)
		.set({ shareContactsAt: share ? now : null })
		.where(eq(r.ticketSecret, ticketSecret))
		.returning({ shareContactsAt: r.shareContactsAt });
	if (!changed) throw new AppError('NOT_FOUND', 'ticket_not_found');
	return { sharesContacts: changed.shareContactsAt !== null };
}
