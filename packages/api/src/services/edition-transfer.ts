import { and, isNull, asc, eq } from 'drizzle-orm';
import { schema, tables, type Db } from '@huizhan/db';
import type { StaffUser } from '../auth/roles.ts';
import { AppError } from '../errors.ts';
import {
	EDITION_FILE_FORMAT,
	editionFile,
	importOverrides,
	type EditionFile
} from '../schemas/edition-file.ts';
import { recordAudit } from './audit.ts';
import { categorySettings } from './editions.ts';
import { sessionsOverlap } from '@huizhan/ledger';
import { sessionSlot } from '../schemas/agenda.ts';
import { insertSessions, sessionSettingsOf } from './agenda-sessions.ts';
import { activeQuestions } from './questions.ts';
import { issueTicketKey } from './tickets.ts';
import { exhibitionLayoutOf, insertExhibitionLayout } from './booths-edition.ts';
import { setupDaysProblem } from './exhibition-rules.ts';

/*
 * Moving an edition's settings between installations (a test install and production): the
 * edition's fields, its categories, gates, targets, registration questions, agenda (sessions
 * and speakers) and exhibition (rules, halls, booths). Never registrations, sign-ups, tickets,
 * keys, deals or exhibitors: those belong to the install that made them, and a ticket key must never leave it.
 */

/** The JSON document `pnpm huizhan conference export` writes (before `JSON.stringify`). */
export async function exportEdition(db: Db, id: string) {
	const { checkpoints, conferenceCategories, conferences, targets } = tables(db);
	const [row] = await db.select().from(conferences).where(eq(conferences.id, id));
	if (!row) throw new AppError('NOT_FOUND', 'edition_not_found', `no edition ${id}`);
	const categories = await db
		.select()
		.from(conferenceCategories)
		.where(eq(conferenceCategories.conferenceId, id))
		.orderBy(asc(conferenceCategories.sortOrder), asc(conferenceCategories.id));
	const gates = await db
		.select()
		.from(checkpoints)
		.where(eq(checkpoints.conferenceId, id))
		.orderBy(asc(checkpoints.id));
	const editionTargets = await db
		.select({
			metric: targets.metric,
			value: targets.value,
			periodStart: targets.periodStart,
			periodEnd: targets.periodEnd
		})
		.from(targets)
		.where(
			and(
				eq(targets.scope, 'conference'),
				eq(targets.conferenceId, id),
				// A retired target is history of this install, not a setting to carry over.
				isNull(targets.retiredAt)
			)
		)
		.orderBy(asc(targets.metric), asc(targets.periodStart), asc(targets.id));
	return {
		format: EDITION_FILE_FORMAT,
		edition: {
			id: row.id,
			nameZh: row.nameZh,
			nameEn: row.nameEn,
			startsOn: row.startsOn,
			endsOn: row.endsOn,
			venueZh: row.venueZh,
			venueEn: row.venueEn,
			themeColor: row.themeColor,
			refPrefix: row.refPrefix,
			registrationOpensAt: row.registrationOpensAt.toISOString(),
			registrationClosesAt: row.registrationClosesAt.toISOString()
		},
		categories: categories.map(categorySettings),
		gates: gates.map((g) => ({
			nameZh: g.nameZh,
			nameEn: g.nameEn,
			// A set, written in the one standard order so the same gate always reads the same.
			allowedCategories: schema.ATTENDEE_CATEGORIES.filter((c) => g.allowedCategories.includes(c)),
			entryRule: g.entryRule,
			printBadge: g.printBadge,
			active: g.active
		})),
		targets: editionTargets,
		// The questions asked now; a retired one is history of this install, like a retired target.
		questions: (await activeQuestions(db, id)).map((q) => ({
			category: q.category,
			kind: q.kind,
			labelZh: q.labelZh,
			labelEn: q.labelEn,
			options: q.options,
			required: q.required,
			sortOrder: q.sortOrder
		})),
		sessions: (await sessionSettingsOf(db, id)).map(({ sourceId: _id, ...session }) => session),
		exhibition: await exhibitionLayoutOf(db, id)
	};
}
export type EditionExport = Awaited<ReturnType<typeof exportEdition>>;

/** One problem with an import file: where (`categories.2.capacity`) and what (a stable code). */
export interface ImportProblem {
	path: string;
	code: string;
}

/** An import file that does not validate; every bad field is named. */
export class EditionFileInvalid extends Error {
	constructor(readonly problems: ImportProblem[]) {
		super(`the file has ${problems.length} problem(s)`);
		this.name = 'EditionFileInvalid';
	}
}

/**
 * Creates the edition a file describes, as a draft with its own new ticket key, in one
 * transaction: on any refusal (a bad field, an id or prefix already here) nothing is stored.
 * `overrides` give it another id or ticket prefix. Audited as `actor`.
 */
export async function importEdition(
	db: Db,
	document: unknown,
	overrides: { id?: string | undefined; refPrefix?: string | undefined },
	actor: { user: StaffUser | null; source: string; now: Date }
) {
	const parsed = editionFile.safeParse(document);
	const extra = importOverrides.safeParse(overrides);
	const problems: ImportProblem[] = [
		...(parsed.success ? [] : parsed.error.issues),
		...(extra.success ? [] : extra.error.issues.map((i) => ({ ...i, path: ['--', ...i.path] })))
	].map((issue) => ({
		path: issue.path.join('.').replace(/^--\./, '--'),
		code: issue.message
	}));
	if (!parsed.success || !extra.success) throw new EditionFileInvalid(problems);
	const file = parsed.data;
	const edition = {
		...file.edition,
		id: extra.data.id ?? file.edition.id,
		refPrefix: extra.data.refPrefix ?? file.edition.refPrefix
	};
	for (const gate of file.gates) {
		const strange = gate.allowedCategories.filter(
			(c) => !file.categories.some((category) => category.category === c)
		);
		if (strange.length > 0) {
			throw new EditionFileInvalid([
				{ path: `gates.${file.gates.indexOf(gate)}.allowedCategories`, code: 'category_unknown' }
			]);
		}
	}
	const offered = new Set(file.categories.map((c) => c.category));
	const unasked = file.questions.findIndex((q) => !offered.has(q.category));
	if (unasked >= 0) {
		throw new EditionFileInvalid([
			{ path: `questions.${unasked}.category`, code: 'category_unknown' }
		]);
	}
	const sessionProblem = agendaProblem(file, edition);
	if (sessionProblem) throw new EditionFileInvalid([sessionProblem]);
	const rules = file.exhibition.rules;
	const setupProblem = rules && setupDaysProblem(rules.setupStartsOn, rules.setupEndsOn, edition);
	if (setupProblem)
		throw new EditionFileInvalid([{ path: 'exhibition.rules.setupStartsOn', code: setupProblem }]);
	return db.transaction(async (tx) => {
		const { checkpoints, conferenceCategories, conferences, registrationQuestions, targets } =
			tables(tx);
		const [existing] = await tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.id, edition.id));
		if (existing) {
			throw new AppError(
				'CONFLICT',
				'edition_id_taken',
				`an edition ${edition.id} exists here already; import it under another id with --id`,
				{ field: 'id' }
			);
		}
		const [clash] = await tx
			.select({ id: conferences.id })
			.from(conferences)
			.where(eq(conferences.refPrefix, edition.refPrefix))
			.limit(1);
		if (clash) {
			throw new AppError(
				'CONFLICT',
				'ref_prefix_taken',
				`the ticket prefix ${edition.refPrefix} is used by ${clash.id} here; choose another with --prefix`,
				{ field: 'refPrefix', usedBy: clash.id }
			);
		}
		await tx.insert(conferences).values({ ...edition, status: 'draft', createdAt: actor.now });
		await tx
			.insert(conferenceCategories)
			.values(file.categories.map((c) => ({ ...c, conferenceId: edition.id })));
		for (const gate of file.gates) {
			await tx
				.insert(checkpoints)
				.values({ ...gate, conferenceId: edition.id, createdAt: actor.now });
		}
		for (const target of file.targets) {
			if (target.periodEnd < target.periodStart) {
				throw new AppError('BAD_REQUEST', 'dates_order', 'a target ends before it starts');
			}
			await tx.insert(targets).values({
				...target,
				scope: 'conference',
				conferenceId: edition.id,
				createdAt: actor.now
			});
		}
		if (file.questions.length > 0) {
			await tx
				.insert(registrationQuestions)
				.values(
					file.questions.map((q) => ({ ...q, conferenceId: edition.id, createdAt: actor.now }))
				);
		}
		await insertSessions(tx, edition.id, file.sessions, 0, actor.now);
		const exhibition = await insertExhibitionLayout(tx, edition, file.exhibition, 0, actor.now, {
			keepApplicationsOpen: true
		});
		await issueTicketKey(tx, edition.id, actor.now);
		await recordAudit(
			tx,
			{
				actor: actor.user,
				actorLabel: actor.source === 'cli' ? 'cli' : undefined,
				source: actor.source,
				action: 'edition_imported',
				subjectType: 'conference',
				subjectId: edition.id,
				detail: {
					fromId: file.edition.id,
					refPrefix: edition.refPrefix,
					categories: file.categories.length,
					gates: file.gates.length,
					targets: file.targets.length,
					questions: file.questions.length,
					sessions: file.sessions.length,
					halls: exhibition.halls,
					booths: exhibition.booths
				}
			},
			actor.now
		);
		return {
			id: edition.id,
			refPrefix: edition.refPrefix,
			categories: file.categories.length,
			gates: file.gates.length,
			targets: file.targets.length,
			questions: file.questions.length,
			sessions: file.sessions.length,
			halls: exhibition.halls,
			booths: exhibition.booths
		};
	});
}

/**
 * The first session of a file that breaks a rule the console holds: a day outside the edition,
 * a category the file does not offer, or a hall already taken at that time by an earlier one.
 */
function agendaProblem(
	file: EditionFile,
	edition: { startsOn: string; endsOn: string }
): ImportProblem | null {
	const offered = new Set(file.categories.map((c) => c.category));
	const placed: { hallZh: string; startsAt: number; endsAt: number }[] = [];
	for (const [i, session] of file.sessions.entries()) {
		if (session.day < edition.startsOn || session.day > edition.endsOn) {
			return { path: `sessions.${i}.day`, code: 'session_outside_edition' };
		}
		if (session.allowedCategories?.some((c) => !offered.has(c))) {
			return { path: `sessions.${i}.allowedCategories`, code: 'category_unknown' };
		}
		const slot = sessionSlot(session);
		const here = {
			hallZh: session.hallZh,
			startsAt: slot.startsAt.getTime(),
			endsAt: slot.endsAt.getTime()
		};
		if (placed.some((other) => other.hallZh === here.hallZh && sessionsOverlap(other, here))) {
			return { path: `sessions.${i}.startTime`, code: 'session_overlap' };
		}
		placed.push(here);
	}
	return null;
}
