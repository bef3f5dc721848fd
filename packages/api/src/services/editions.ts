import { and, asc, count, eq, inArray, isNull, ne } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { schema, tables } from '@huizhan/db';
import { daysBetween, type TargetMetric } from '@huizhan/ledger';
import type { StaffUser } from '../auth/roles.ts';
import {
	canMoveTo,
	capacityShortfall,
	dateNextYear,
	instantNextYear,
	registrationPhase,
	STATUS_TRANSITIONS,
	type RegistrationPhase
} from '../editions/rules.ts';
import { AppError } from '../errors.ts';
import type {
	CreateEditionInput,
	UpdateCategoryInput,
	UpdateEditionInput
} from '../schemas/editions.ts';
import { recordAudit } from './audit.ts';
import { insertSessions, sessionSettingsOf } from './agenda-sessions.ts';
import { exhibitionLayoutOf, insertExhibitionLayout } from './booths-edition.ts';
import { activeQuestions } from './questions.ts';
import { issueTicketKey } from './tickets.ts';

interface Actor {
	user: StaffUser;
	source: string;
	now: Date;
}

export interface EditionSummary {
	id: string;
	nameZh: string;
	nameEn: string;
	startsOn: string;
	endsOn: string;
	refPrefix: string;
	status: schema.ConferenceStatus;
	themeColor: string;
	registrationPhase: RegistrationPhase;
	nextStatuses: readonly schema.ConferenceStatus[];
}

export interface EditionCategory {
	category: schema.AttendeeCategory;
	nameZh: string | null;
	nameEn: string | null;
	descriptionZh: string | null;
	descriptionEn: string | null;
	color: string;
	capacity: number | null;
	needsApproval: boolean;
	byInvitation: boolean;
	needsVetting: boolean;
	open: boolean;
	sortOrder: number;
	/** Pending and confirmed registrations: the floor under the capacity. */
	taken: number;
}

export interface TargetDraft {
	metric: TargetMetric;
	value: number;
	periodStart: string;
	periodEnd: string;
}

export interface EditionDetail extends EditionSummary {
	venueZh: string;
	venueEn: string;
	registrationOpensAt: string;
	registrationClosesAt: string;
	categories: EditionCategory[];
	gates: number;
	targets: TargetDraft[];
}

/**
 * The standard categories of a new edition not copied from another. 嘉宾 (delegate), media and
 * VIP wait for approval: none of them is open to anyone by default.
 */
const DEFAULT_CATEGORIES: EditionCategory[] = (
	[
		['visitor', '#2e7d32', false],
		['delegate', '#1565c0', true],
		['exhibitor', '#ef6c00', false],
		['media', '#6a1b9a', true],
		['vip', '#c62828', true]
	] as const
).map(([category, color, needsApproval], sortOrder) => ({
	category,
	color,
	needsApproval,
	sortOrder,
	capacity: null,
	byInvitation: false,
	needsVetting: false,
	open: true,
	nameZh: null,
	nameEn: null,
	descriptionZh: null,
	descriptionEn: null,
	taken: 0
}));

type ConferenceRow = typeof schema.conferences.$inferSelect;

const summary = (row: ConferenceRow, now: Date): EditionSummary => ({
	id: row.id,
	nameZh: row.nameZh,
	nameEn: row.nameEn,
	startsOn: row.startsOn,
	endsOn: row.endsOn,
	refPrefix: row.refPrefix,
	status: row.status,
	themeColor: row.themeColor,
	registrationPhase: registrationPhase(row, now),
	nextStatuses: STATUS_TRANSITIONS[row.status]
});

/** Every edition, drafts and archived ones too, newest first. */
export async function listEditions(db: Db, now: Date): Promise<EditionSummary[]> {
	const { conferences } = tables(db);
	const rows = await db.select().from(conferences).orderBy(asc(conferences.startsOn));
	return rows.reverse().map((row) => summary(row, now));
}

async function editionRow(db: DbOrTx, id: string): Promise<ConferenceRow> {
	const { conferences } = tables(db);
	const [row] = await db.select().from(conferences).where(eq(conferences.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'edition_not_found', `no edition ${id}`);
	return row;
}

/** What an organiser sets on a category: the console shows it, an edition file carries it. */
export function categorySettings(c: typeof schema.conferenceCategories.$inferSelect) {
	return {
		category: c.category,
		nameZh: c.nameZh,
		nameEn: c.nameEn,
		descriptionZh: c.descriptionZh,
		descriptionEn: c.descriptionEn,
		color: c.color,
		capacity: c.capacity,
		needsApproval: c.needsApproval,
		byInvitation: c.byInvitation,
		needsVetting: c.needsVetting,
		open: c.open,
		sortOrder: c.sortOrder
	};
}

async function categoriesOf(db: DbOrTx, conferenceId: string): Promise<EditionCategory[]> {
	const { conferenceCategories, registrations } = tables(db);
	const counts = await db
		.select({ category: registrations.category, n: count() })
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, conferenceId),
				inArray(registrations.status, schema.SEAT_HOLDING_STATUSES)
			)
		)
		.groupBy(registrations.category);
	const taken = new Map(counts.map((r) => [r.category, r.n]));
	const categories = await db
		.select()
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, conferenceId))
		.orderBy(asc(conferenceCategories.sortOrder), asc(conferenceCategories.id));
	return categories.map((c) => ({ ...categorySettings(c), taken: taken.get(c.category) ?? 0 }));
}

async function targetsOf(db: DbOrTx, conferenceId: string): Promise<TargetDraft[]> {
	const { targets } = tables(db);
	return (
		db
			.select({
				metric: targets.metric,
				value: targets.value,
				periodStart: targets.periodStart,
				periodEnd: targets.periodEnd
			})
			.from(targets)
			// A retired target is history: it is neither shown as the edition's nor copied on.
			.where(and(eq(targets.conferenceId, conferenceId), isNull(targets.retiredAt)))
			.orderBy(asc(targets.metric), asc(targets.periodStart))
	);
}

/** One edition with its categories (and the seats each has taken), gates and targets. */
export async function getEdition(db: Db, id: string, now: Date): Promise<EditionDetail> {
	const { checkpoints } = tables(db);
	const row = await editionRow(db, id);
	const categories = await categoriesOf(db, id);
	const [gates] = await db
		.select({ n: count() })
		.from(checkpoints)
		.where(eq(checkpoints.conferenceId, id));
	return {
		...summary(row, now),
		venueZh: row.venueZh,
		venueEn: row.venueEn,
		registrationOpensAt: row.registrationOpensAt.toISOString(),
		registrationClosesAt: row.registrationClosesAt.toISOString(),
		categories,
		gates: gates?.n ?? 0,
		targets: await targetsOf(db, id)
	};
}

/**
 * What copying an earlier edition proposes, for the form to show before anything is saved:
 * its fields with every date a year later, and its targets likewise. The id and the reference
 * prefix are left for the organiser (they must differ).
 */
export async function copyDraft(db: Db, from: string) {
	const source = await editionRow(db, from);
	const sourceTargets = await targetsOf(db, source.id);
	return {
		copyFrom: source.id,
		nameZh: source.nameZh,
		nameEn: source.nameEn,
		startsOn: dateNextYear(source.startsOn),
		endsOn: dateNextYear(source.endsOn),
		venueZh: source.venueZh,
		venueEn: source.venueEn,
		themeColor: source.themeColor,
		registrationOpensAt: instantNextYear(source.registrationOpensAt).toISOString(),
		registrationClosesAt: instantNextYear(source.registrationClosesAt).toISOString(),
		targets: sourceTargets.map((t) => ({
			...t,
			periodStart: dateNextYear(t.periodStart),
			periodEnd: dateNextYear(t.periodEnd)
		}))
	};
}

/** Refuses a reference prefix another edition already prints on its tickets. */
async function assertPrefixFree(db: DbOrTx, refPrefix: string, exceptId?: string): Promise<void> {
	const { conferences } = tables(db);
	const [clash] = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(
			and(
				eq(conferences.refPrefix, refPrefix),
				exceptId === undefined ? undefined : ne(conferences.id, exceptId)
			)
		)
		.limit(1);
	if (clash) {
		throw new AppError(
			'CONFLICT',
			'ref_prefix_taken',
			`the reference prefix ${refPrefix} is already used by ${clash.id}`,
			{ field: 'refPrefix', usedBy: clash.id }
		);
	}
}

/**
 * Creates an edition as a draft, with its own ticket key. Copied from an earlier one, it takes
 * that edition's categories and gates as they are, and its targets as edited (or a year on).
 */
export async function createEdition(
	db: Db,
	input: CreateEditionInput,
	actor: Actor
): Promise<EditionSummary> {
	return db.transaction(async (tx) => {
		const { checkpoints, conferenceCategories, conferences, targets } = tables(tx);
		const [taken] = await tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.id, input.id));
		if (taken) {
			throw new AppError('CONFLICT', 'edition_id_taken', `an edition ${input.id} exists`, {
				field: 'id'
			});
		}
		await assertPrefixFree(tx, input.refPrefix);
		const source = input.copyFrom ? await editionRow(tx, input.copyFrom) : null;
		const [row] = await tx
			.insert(conferences)
			.values({
				id: input.id,
				nameZh: input.nameZh,
				nameEn: input.nameEn,
				refPrefix: input.refPrefix,
				startsOn: input.startsOn,
				endsOn: input.endsOn,
				venueZh: input.venueZh,
				venueEn: input.venueEn,
				registrationOpensAt: input.registrationOpensAt,
				registrationClosesAt: input.registrationClosesAt,
				themeColor: input.themeColor,
				status: 'draft',
				createdAt: actor.now
			})
			.returning();
		if (!row) throw new Error(`the edition ${input.id} was not stored`);

		const categories = source ? await categoriesOf(tx, source.id) : DEFAULT_CATEGORIES;
		await tx
			.insert(conferenceCategories)
			.values(categories.map(({ taken: _taken, ...c }) => ({ ...c, conferenceId: row.id })));

		let gates = 0;
		let sessions = 0;
		let copiedTargets: TargetDraft[] = [];
		if (source) {
			// The agenda moves with the first day: a forum on the second day stays on the second day.
			// Sign-ups stay behind: they are this year's people.
			const agenda = await sessionSettingsOf(tx, source.id);
			const newIds = await insertSessions(
				tx,
				row.id,
				agenda,
				daysBetween(source.startsOn, input.startsOn),
				actor.now
			);
			const copiedSession = new Map(agenda.map((s, i) => [s.sourceId, newIds[i] ?? null]));
			sessions = agenda.length;
			const sourceGates = await tx
				.select()
				.from(checkpoints)
				.where(eq(checkpoints.conferenceId, source.id));
			for (const { id: _id, conferenceId: _c, createdAt: _at, ...gate } of sourceGates) {
				// A forum's gate belongs to the copy of that forum, never to last year's session.
				const sessionId =
					gate.sessionId === null ? null : (copiedSession.get(gate.sessionId) ?? null);
				await tx
					.insert(checkpoints)
					.values({ ...gate, sessionId, conferenceId: row.id, createdAt: actor.now });
			}
			gates = sourceGates.length;
			copiedTargets =
				input.targets ??
				(await targetsOf(tx, source.id)).map((t) => ({
					...t,
					periodStart: dateNextYear(t.periodStart),
					periodEnd: dateNextYear(t.periodEnd)
				}));
			for (const target of copiedTargets) {
				if (target.periodEnd < target.periodStart) {
					throw new AppError('BAD_REQUEST', 'dates_order', 'a target ends before it starts');
				}
				await tx
					.insert(targets)
					.values({ ...target, scope: 'conference', conferenceId: row.id, createdAt: actor.now });
			}
		}

		let exhibition = { halls: 0, booths: 0 };
		if (source) {
			// The floor plan and the rules, never the exhibitors or who holds which booth.
			exhibition = await insertExhibitionLayout(
				tx,
				row,
				await exhibitionLayoutOf(tx, source.id),
				daysBetween(source.startsOn, input.startsOn),
				actor.now
			);
		}

		let questions = 0;
		if (source) {
			// Next year asks what this year asked: the active questions, not the retired ones.
			const asked = await activeQuestions(tx, source.id);
			if (asked.length > 0) {
				await tx.insert(tables(tx).registrationQuestions).values(
					asked.map(({ id: _id, conferenceId: _c, createdAt: _at, retiredAt: _r, ...q }) => ({
						...q,
						conferenceId: row.id,
						createdAt: actor.now
					}))
				);
			}
			questions = asked.length;
		}

		await issueTicketKey(tx, row.id, actor.now);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'edition_created',
				subjectType: 'conference',
				subjectId: row.id,
				detail: {
					refPrefix: row.refPrefix,
					copiedFrom: source?.id ?? null,
					categories: categories.length,
					gates,
					targets: copiedTargets.length,
					questions,
					sessions,
					halls: exhibition.halls,
					booths: exhibition.booths
				}
			},
			actor.now
		);
		return summary(row, actor.now);
	});
}

const EDITABLE_FIELDS = [
	'nameZh',
	'nameEn',
	'startsOn',
	'endsOn',
	'venueZh',
	'venueEn',
	'themeColor',
	'refPrefix',
	'registrationOpensAt',
	'registrationClosesAt'
] as const;

/** Changes an edition's fields; the audit entry names the fields that changed. */
export async function updateEdition(
	db: Db,
	input: UpdateEditionInput,
	actor: Actor
): Promise<EditionSummary> {
	return db.transaction(async (tx) => {
		const { conferences } = tables(tx);
		const before = await editionRow(tx, input.id);
		await assertPrefixFree(tx, input.refPrefix, input.id);
		const changed = EDITABLE_FIELDS.filter(
			(field) =>
				String(
					before[field] instanceof Date ? (before[field] as Date).getTime() : before[field]
				) !== String(input[field] instanceof Date ? (input[field] as Date).getTime() : input[field])
		);
		const { id: _id, ...fields } = input;
		const [row] = await tx
			.update(conferences)
			.set({ ...fields, updatedAt: actor.now })
			.where(eq(conferences.id, input.id))
			.returning();
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'edition_updated',
				subjectType: 'conference',
				subjectId: input.id,
				detail: { changed }
			},
			actor.now
		);
		return summary(row!, actor.now);
	});
}

/** Moves an edition along draft → open → closed → archived (see STATUS_TRANSITIONS). */
export async function setEditionStatus(
	db: Db,
	input: { id: string; status: schema.ConferenceStatus },
	actor: Actor
): Promise<EditionSummary> {
	return db.transaction(async (tx) => {
		const { conferences } = tables(tx);
		const before = await editionRow(tx, input.id);
		if (!canMoveTo(before.status, input.status)) {
			throw new AppError(
				'CONFLICT',
				'status_change_refused',
				`an edition that is ${before.status} cannot become ${input.status}`,
				{ from: before.status, to: input.status }
			);
		}
		const [row] = await tx
			.update(conferences)
			.set({ status: input.status, updatedAt: actor.now })
			.where(eq(conferences.id, input.id))
			.returning();
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'edition_status_changed',
				subjectType: 'conference',
				subjectId: input.id,
				detail: { from: before.status, to: input.status }
			},
			actor.now
		);
		return summary(row!, actor.now);
	});
}

/**
 * Changes one category of an edition. The seats taken are counted under the write lock, so a
 * registration arriving meanwhile cannot slip under a capacity that was just lowered.
 */
export async function updateCategory(
	db: Db,
	input: UpdateCategoryInput,
	actor: Actor
): Promise<EditionCategory> {
	return db.transaction(async (tx) => {
		const { conferenceCategories } = tables(tx);
		await editionRow(tx, input.conferenceId);
		const current = (await categoriesOf(tx, input.conferenceId)).find(
			(c) => c.category === input.category
		);
		if (!current) {
			throw new AppError(
				'NOT_FOUND',
				'category_not_offered',
				`${input.conferenceId} has no ${input.category} category`
			);
		}
		const taken = capacityShortfall(input.capacity, current.taken);
		if (taken !== null) {
			throw new AppError(
				'CONFLICT',
				'capacity_below_taken',
				`capacity ${input.capacity} is below the ${taken} seats already taken`,
				{ field: 'capacity', taken }
			);
		}
		const { conferenceId, category, ...fields } = input;
		await tx
			.update(conferenceCategories)
			.set(fields)
			.where(
				and(
					eq(conferenceCategories.conferenceId, conferenceId),
					eq(conferenceCategories.category, category)
				)
			);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: 'category_updated',
				subjectType: 'conference',
				subjectId: conferenceId,
				detail: {
					category,
					capacity: { from: current.capacity, to: input.capacity },
					needsApproval: input.needsApproval,
					byInvitation: input.byInvitation,
					needsVetting: input.needsVetting,
					open: input.open
				}
			},
			actor.now
		);
		return { ...current, ...fields };
	});
}
