import { randomBytes } from 'node:crypto';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { LIVE_EXHIBITOR_STATUSES, normaliseInvestor, type ExhibitorStatus } from '@huizhan/ledger';
import { isUniqueViolation, schema, tables, type Db, type DbOrTx } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import type { ApplyInput, ResubmitInput } from '../schemas/exhibitor-applications.ts';
import { recordAudit, type AuditAction } from './audit.ts';
import {
	exhibitionLock,
	exhibitionRulesOf,
	exhibitorById,
	exhibitorPassLock,
	exhibitorBySecret,
	heldBooths,
	passCounts,
	type ExhibitorRow
} from './exhibition.ts';

/*
 * A company's application to exhibit (参展申请) and the organisers' review of it. The company
 * applies on the attendee site and follows its application on its own page (`secret`); admins
 * approve, reject with a reason or ask for changes. Which decision may follow which status is
 * `DECISIONS` below (docs/architecture.md, "Exhibitor applications").
 */

/** Every refusal the company may meet applying, resubmitting or withdrawing (the apps' words). */
export const APPLICANT_REFUSALS = [
	'credit_code_length',
	'credit_code_characters',
	'credit_code_division',
	'credit_code_check_digit',
	'area_invalid',
	'booth_type_required',
	'industry_chain_unknown',
	'exhibitor_already_applied',
	'exhibitor_applications_closed',
	'exhibitor_not_found',
	'exhibitor_cannot_resubmit',
	'exhibitor_cannot_withdraw'
] as const;

/** Every refusal of an admin's decision. */
export const REVIEW_REFUSALS = [
	'note_required',
	'exhibitor_not_found',
	'exhibitor_decision_not_allowed',
	'exhibitor_holds_booths',
	'exhibitor_has_people',
	'exhibitor_already_applied'
] as const;

export interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

const newExhibitorSecret = (): string => randomBytes(16).toString('base64url');

/** The decisions an admin takes, and the statuses each may be taken from. */
export const DECISIONS = {
	approve: ['pending', 'changes_requested'],
	requestChanges: ['pending', 'changes_requested'],
	// An approved exhibitor may still be turned down (a contract that fell through), once it
	// holds no booth and has no people: those are released first, on the booths and its page.
	reject: ['pending', 'changes_requested', 'approved']
} as const satisfies Record<string, readonly ExhibitorStatus[]>;
export type Decision = keyof typeof DECISIONS;

/** What the company itself may do, and from which statuses. */
const COMPANY_MOVES = {
	resubmit: ['changes_requested'],
	withdraw: ['pending', 'changes_requested']
} as const satisfies Record<string, readonly ExhibitorStatus[]>;

const DECISION_STATUS: Record<Decision, ExhibitorStatus> = {
	approve: 'approved',
	requestChanges: 'changes_requested',
	reject: 'rejected'
};

const DECISION_AUDIT: Record<Decision, AuditAction> = {
	approve: 'exhibitor_approved',
	requestChanges: 'exhibitor_changes_requested',
	reject: 'exhibitor_rejected'
};

const allows = (statuses: readonly ExhibitorStatus[], status: ExhibitorStatus) =>
	statuses.includes(status);

/**
 * Whether the edition takes applications now: it is open (published and not over) and its
 * admin has opened applications. The one rule the form, the page link and `apply` all ask.
 */
export async function applicationsOpen(db: DbOrTx, conferenceId: string): Promise<boolean> {
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ status: conferences.status })
		.from(conferences)
		.where(eq(conferences.id, conferenceId));
	if (!conference || conference.status !== 'open') return false;
	return (await exhibitionRulesOf(db, conferenceId)).applicationsOpen;
}

/** The industry chains a company may choose from: the active ones, in their order. */
export async function activeChains(db: DbOrTx) {
	const { industryChains: c } = tables(db);
	return db
		.select({ id: c.id, nameZh: c.nameZh, nameEn: c.nameEn })
		.from(c)
		.where(eq(c.active, true))
		.orderBy(asc(c.sortOrder), asc(c.id));
}

/** What the application form needs: whether it is open, and the chains to choose from. */
export async function applicationForm(db: Db, conferenceId: string) {
	const open = await applicationsOpen(db, conferenceId);
	return { open, chains: open ? await activeChains(db) : [] };
}

async function assertChainOffered(db: DbOrTx, chainId: number | null) {
	if (chainId === null) return;
	const offered = await activeChains(db);
	if (!offered.some((c) => c.id === chainId)) {
		throw new AppError('BAD_REQUEST', 'industry_chain_unknown', `no active chain ${chainId}`, {
			field: 'industryChainId'
		});
	}
}

const alreadyApplied = () =>
	new AppError(
		'CONFLICT',
		'exhibitor_already_applied',
		'an application from this company stands in this edition',
		{ field: 'creditCode' }
	);

/**
 * The index `exhibitors_company_once` refusing a second standing application of a credit code.
 * SQLite names each column with its table; PostgreSQL lists the columns in its detail.
 */
const isSecondApplication = (error: unknown) =>
	isUniqueViolation(error, 'exhibitors', 'conference_id, credit_code') ||
	isUniqueViolation(error, 'exhibitors', 'conference_id, exhibitors.credit_code');

/** Runs a write that may store a credit code, turning the index's refusal into words. */
export async function refusingSecondApplication<T>(work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isSecondApplication(error)) throw alreadyApplied();
		throw error;
	}
}

async function standingApplication(
	db: DbOrTx,
	conferenceId: string,
	creditCode: string,
	except?: number
) {
	const { exhibitors: e } = tables(db);
	const found = await db
		.select({ id: e.id })
		.from(e)
		.where(
			and(
				eq(e.conferenceId, conferenceId),
				eq(e.creditCode, creditCode),
				inArray(e.status, [...LIVE_EXHIBITOR_STATUSES])
			)
		);
	return found.find((row) => row.id !== except) ?? null;
}

const applicationValues = (input: ApplyInput | ResubmitInput) => ({
	companyZh: input.companyZh,
	companyEn: input.companyEn,
	creditCode: input.creditCode,
	contactName: input.contactName,
	contactMobile: input.mobile,
	contactEmail: input.email,
	industryChainId: input.industryChainId,
	productsZh: input.productsZh,
	productsEn: input.productsEn,
	wantedBoothType: input.wantedBoothType,
	wantedSquareMetres: input.wantedSquareMetres,
	language: input.language
});

/**
 * Stores a company's application, pending review, and returns its page's secret. A company
 * whose application already stands in the edition is refused (`exhibitor_already_applied`)
 * without a word about what is on file; the read below only spares the common case a failed
 * insert, the unique index decides when two submit at once.
 */
export async function applyToExhibit(
	db: Db,
	input: ApplyInput,
	now: Date
): Promise<{ secret: string; exhibitorId: number }> {
	return refusingSecondApplication(() =>
		db.transaction(async (tx) => {
			if (!(await applicationsOpen(tx, input.conferenceId))) {
				throw new AppError(
					'CONFLICT',
					'exhibitor_applications_closed',
					`${input.conferenceId} takes no applications`
				);
			}
			await assertChainOffered(tx, input.industryChainId);
			if (await standingApplication(tx, input.conferenceId, input.creditCode)) {
				throw alreadyApplied();
			}
			const { exhibitors: e } = tables(tx);
			const secret = newExhibitorSecret();
			const [row] = await tx
				.insert(e)
				.values({
					conferenceId: input.conferenceId,
					...applicationValues(input),
					status: 'pending',
					secret,
					consentAt: now,
					createdAt: now,
					updatedAt: now
				})
				.returning({ id: e.id });
			if (!row) throw new Error('the application was not stored');
			return { secret, exhibitorId: row.id };
		})
	);
}

const notFound = () =>
	new AppError('NOT_FOUND', 'exhibitor_not_found', 'no such exhibitor application');

/** The company's view of its application by its secret; null for a wrong or old link. */
export async function applicantView(db: Db, secret: string) {
	const found = await exhibitorBySecret(db, secret);
	if (!found) return null;
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ id: conferences.id, nameZh: conferences.nameZh, nameEn: conferences.nameEn })
		.from(conferences)
		.where(eq(conferences.id, found.conferenceId));
	return {
		conference: conference!,
		status: found.status,
		reviewNote: found.reviewNote,
		canResubmit: allows(COMPANY_MOVES.resubmit, found.status),
		canWithdraw: allows(COMPANY_MOVES.withdraw, found.status),
		application: {
			companyZh: found.companyZh,
			companyEn: found.companyEn,
			creditCode: found.creditCode,
			contactName: found.contactName,
			// The company's own contact, shown back to whoever holds its link (as a ticket shows its).
			mobile: found.contactMobile,
			email: found.contactEmail,
			industryChainId: found.industryChainId,
			productsZh: found.productsZh,
			productsEn: found.productsEn,
			wantedBoothType: found.wantedBoothType,
			wantedSquareMetres: found.wantedSquareMetres,
			language: found.language
		},
		chains: allows(COMPANY_MOVES.resubmit, found.status) ? await activeChains(db) : [],
		submittedAt: found.createdAt.toISOString(),
		decidedAt: found.decidedAt?.toISOString() ?? null
	};
}

function refuseMove(found: ExhibitorRow, move: string): never {
	throw new AppError(
		'CONFLICT',
		`exhibitor_cannot_${move}`,
		`exhibitor ${found.id} is ${found.status}`,
		{ status: found.status }
	);
}

/** The company's edited application after an admin asked for changes: pending review again. */
export async function resubmitApplication(
	db: Db,
	input: ResubmitInput,
	now: Date,
	source: string
): Promise<{ status: ExhibitorStatus }> {
	return refusingSecondApplication(() =>
		db.transaction(async (tx) => {
			const found = await exhibitorBySecret(tx, input.secret);
			if (!found) throw notFound();
			if (!allows(COMPANY_MOVES.resubmit, found.status)) refuseMove(found, 'resubmit');
			await assertChainOffered(tx, input.industryChainId);
			if (await standingApplication(tx, found.conferenceId, input.creditCode, found.id)) {
				throw alreadyApplied();
			}
			const { exhibitors: e } = tables(tx);
			await tx
				.update(e)
				.set({ ...applicationValues(input), status: 'pending', consentAt: now, updatedAt: now })
				.where(eq(e.id, found.id));
			await recordAudit(
				tx,
				{
					actor: null,
					actorLabel: 'exhibitor',
					source,
					action: 'exhibitor_resubmitted',
					subjectType: 'exhibitor',
					subjectId: found.id
				},
				now
			);
			return { status: 'pending' as const };
		})
	);
}

/** The company takes its application back before a decision; it may apply again later. */
export async function withdrawApplication(
	db: Db,
	secret: string,
	now: Date,
	source: string
): Promise<{ status: ExhibitorStatus }> {
	return db.transaction(async (tx) => {
		const found = await exhibitorBySecret(tx, secret);
		if (!found) throw notFound();
		if (found.status === 'withdrawn') return { status: 'withdrawn' as const };
		if (!allows(COMPANY_MOVES.withdraw, found.status)) refuseMove(found, 'withdraw');
		const { exhibitors: e } = tables(tx);
		await tx.update(e).set({ status: 'withdrawn', updatedAt: now }).where(eq(e.id, found.id));
		await recordAudit(
			tx,
			{
				actor: null,
				actorLabel: 'exhibitor',
				source,
				action: 'exhibitor_withdrawn',
				subjectType: 'exhibitor',
				subjectId: found.id
			},
			now
		);
		return { status: 'withdrawn' as const };
	});
}

/** Another application of the edition that looks like the same company under another code. */
export interface ProbableDuplicate {
	id: number;
	companyZh: string;
	companyEn: string;
	creditCode: string;
	status: ExhibitorStatus;
}

type NamedApplication = Pick<
	ExhibitorRow,
	'id' | 'companyZh' | 'companyEn' | 'creditCode' | 'status'
>;

/**
 * The edition's other applications with the same company name (normalised as deals' investors
 * are: legal forms, punctuation and case gone) but another credit code: a typo in the code, a
 * subsidiary, or the same company twice. Withdrawn ones are left out: they speak for nobody.
 */
function probableDuplicates(all: readonly NamedApplication[]): Map<number, ProbableDuplicate[]> {
	const byName = new Map<string, NamedApplication[]>();
	for (const a of all) {
		if (a.status === 'withdrawn') continue;
		const names = new Set([normaliseInvestor(a.companyZh), normaliseInvestor(a.companyEn)]);
		for (const name of names) {
			if (name === '') continue;
			const list = byName.get(name);
			if (list) list.push(a);
			else byName.set(name, [a]);
		}
	}
	const found = new Map<number, ProbableDuplicate[]>();
	for (const group of byName.values()) {
		for (const a of group) {
			for (const other of group) {
				if (other.id === a.id || other.creditCode === a.creditCode) continue;
				const list = found.get(a.id) ?? [];
				if (list.some((d) => d.id === other.id)) continue;
				list.push({
					id: other.id,
					companyZh: other.companyZh,
					companyEn: other.companyEn,
					creditCode: other.creditCode,
					status: other.status
				});
				found.set(a.id, list);
			}
		}
	}
	return found;
}

async function editionApplications(db: DbOrTx, conferenceId: string) {
	const { exhibitors: e } = tables(db);
	return db
		.select({
			id: e.id,
			companyZh: e.companyZh,
			companyEn: e.companyEn,
			creditCode: e.creditCode,
			status: e.status,
			contactName: e.contactName,
			wantedBoothType: e.wantedBoothType,
			wantedSquareMetres: e.wantedSquareMetres,
			createdAt: e.createdAt,
			updatedAt: e.updatedAt
		})
		.from(e)
		.where(eq(e.conferenceId, conferenceId))
		.orderBy(asc(e.createdAt), asc(e.id));
}

/**
 * An edition's applications for the console, oldest first (the queue's order), with the count
 * of each status (over the whole edition, so the filter shows what each choice holds) and each
 * one's probable duplicates. No contact details: the list needs none.
 */
export async function listApplications(
	db: Db,
	filters: { conferenceId: string; status?: ExhibitorStatus | undefined; q: string }
) {
	const all = await editionApplications(db, filters.conferenceId);
	const duplicates = probableDuplicates(all);
	const counts = Object.fromEntries(
		schema.EXHIBITOR_STATUSES.map((s) => [s, all.filter((a) => a.status === s).length])
	) as Record<ExhibitorStatus, number>;
	const q = filters.q.normalize('NFKC').toLowerCase();
	const code = filters.q.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase();
	const rows = all
		.filter((a) => !filters.status || a.status === filters.status)
		.filter(
			(a) =>
				q === '' ||
				a.companyZh.toLowerCase().includes(q) ||
				a.companyEn.toLowerCase().includes(q) ||
				(code !== '' && a.creditCode.includes(code))
		)
		.map((a) => ({
			...a,
			createdAt: a.createdAt.toISOString(),
			updatedAt: a.updatedAt?.toISOString() ?? null,
			probableDuplicates: duplicates.get(a.id) ?? []
		}));
	return { counts, rows };
}

async function peopleOf(db: DbOrTx, exhibitorId: number): Promise<number> {
	const { registrations: r } = tables(db);
	const [row] = await db
		.select({ n: count() })
		.from(r)
		.where(and(eq(r.exhibitorId, exhibitorId), inArray(r.status, schema.SEAT_HOLDING_STATUSES)));
	return row?.n ?? 0;
}

/** One application for the console: every field, full contact (admins only), booths, passes. */
export async function applicationDetail(db: Db, exhibitorId: number) {
	const found = await exhibitorById(db, exhibitorId);
	if (!found) throw notFound();
	const { industryChains: c, staffUsers: u } = tables(db);
	const [chain] = found.industryChainId
		? await db
				.select({ nameZh: c.nameZh, nameEn: c.nameEn })
				.from(c)
				.where(eq(c.id, found.industryChainId))
		: [];
	const [decider] = found.decidedBy
		? await db.select({ name: u.displayName }).from(u).where(eq(u.id, found.decidedBy))
		: [];
	const all = await editionApplications(db, found.conferenceId);
	const booths = (await heldBooths(db, [found.id])).get(found.id) ?? [];
	return {
		id: found.id,
		conferenceId: found.conferenceId,
		companyZh: found.companyZh,
		companyEn: found.companyEn,
		creditCode: found.creditCode,
		contactName: found.contactName,
		contactMobile: found.contactMobile,
		contactEmail: found.contactEmail,
		industryChain: chain ?? null,
		productsZh: found.productsZh,
		productsEn: found.productsEn,
		wantedBoothType: found.wantedBoothType,
		wantedSquareMetres: found.wantedSquareMetres,
		introZh: found.introZh,
		introEn: found.introEn,
		website: found.website,
		language: found.language,
		status: found.status,
		reviewNote: found.reviewNote,
		decidedAt: found.decidedAt?.toISOString() ?? null,
		decidedBy: decider?.name ?? null,
		consentAt: found.consentAt.toISOString(),
		createdAt: found.createdAt.toISOString(),
		updatedAt: found.updatedAt?.toISOString() ?? null,
		/** The company's page, for the admin to read out or send by hand. */
		secret: found.secret,
		booths,
		passes: await passCounts(db, found),
		people: await peopleOf(db, found.id),
		probableDuplicates: probableDuplicates(all).get(found.id) ?? [],
		/** Which decisions the console offers now. */
		decisions: (Object.keys(DECISIONS) as Decision[]).filter((d) =>
			allows(DECISIONS[d], found.status)
		)
	};
}

/**
 * An admin's decision on an application, audited. A note is the rejection's reason or the
 * changes asked for, shown to the company as written. Rejecting an approved exhibitor that holds
 * booths or has people is refused, naming what to release first. Runs under the exhibition's
 * and the exhibitor's locks (`decisionLocks`), so no booth is assigned nor badge added while
 * the company is being rejected.
 */
export async function decideApplication(
	tx: DbOrTx,
	input: { exhibitorId: number; decision: Decision; note?: string },
	actor: Actor
): Promise<{ status: ExhibitorStatus }> {
	const found = await exhibitorById(tx, input.exhibitorId);
	if (!found) throw notFound();
	const to = DECISION_STATUS[input.decision];
	if (!allows(DECISIONS[input.decision], found.status)) {
		throw new AppError(
			'CONFLICT',
			'exhibitor_decision_not_allowed',
			`exhibitor ${found.id} is ${found.status}`,
			{ status: found.status }
		);
	}
	if (input.decision === 'reject') {
		const booths = (await heldBooths(tx, [found.id])).get(found.id) ?? [];
		if (booths.length > 0) {
			throw new AppError(
				'CONFLICT',
				'exhibitor_holds_booths',
				`exhibitor ${found.id} holds booths`,
				{
					booths: booths.map((b) => b.number)
				}
			);
		}
		const people = await peopleOf(tx, found.id);
		if (people > 0) {
			throw new AppError('CONFLICT', 'exhibitor_has_people', `exhibitor ${found.id} has people`, {
				people
			});
		}
	}
	const { exhibitors: e } = tables(tx);
	const update = tx
		.update(e)
		.set({
			status: to,
			reviewNote: input.decision === 'approve' ? null : (input.note ?? null),
			decidedAt: actor.now,
			decidedBy: actor.user.id,
			updatedAt: actor.now
		})
		.where(eq(e.id, found.id));
	await refusingSecondApplication(async () => {
		await update;
	});
	await recordAudit(
		tx,
		{
			actor: actor.user,
			source: actor.source,
			action: DECISION_AUDIT[input.decision],
			subjectType: 'exhibitor',
			subjectId: found.id,
			detail: {
				conferenceId: found.conferenceId,
				company: found.companyZh,
				before: found.status,
				after: to,
				...(input.note ? { note: input.note } : {})
			}
		},
		actor.now
	);
	return { status: to };
}

/** The locks a decision runs under: the edition's booth holds and the exhibitor's passes. */
export async function decisionLocks(db: Db, exhibitorId: number): Promise<string[]> {
	const found = await exhibitorById(db, exhibitorId);
	if (!found) throw notFound();
	return [exhibitionLock(found.conferenceId), exhibitorPassLock(found.id)];
}
