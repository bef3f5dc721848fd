import { and, asc, eq, inArray, isNull, max, or, type SQL } from 'drizzle-orm';
import { containsText, ledgerQueries, tables, type DbOrTx, type schema } from '@huizhan/db';
import { factsRefusal, type DealFacts, type Yuan } from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import { sessionById, type AgendaSession } from './agenda.ts';
import { recordAudit, type AuditAction } from './audit.ts';
import {
	beijingDate,
	checkReferences,
	probableDuplicates,
	recordDeal,
	type DealActor
} from './deals.ts';

/*
 * The signing ceremony (签约仪式): a running order of deals prepared beforehand, and the press on
 * the podium that announces each one. A line is a deal already in the ledger (announcing it writes
 * nothing: it already counts) or a draft that the press records into the ledger as signed today.
 *
 * Any unconfirmed line may be confirmed, not only the first: on the day a signatory is late and
 * the host calls the next pair up, and a podium that refused would stop the ceremony. The tablet
 * proposes the first unconfirmed line; the recorder may reorder or pick another.
 *
 * A press is once only. Every confirm holds the ceremony's lock (and the ledger's), reads the
 * line again under it, and answers a confirmed line with what it holds — so a double press, two
 * tablets or a retry after a dropped connection give one entry and the same answer. A draft's
 * entry carries the request id `ceremony-item:<id>`, which the ledger itself refuses to write
 * twice.
 */

/** The refusals the ceremony gives beyond the deal form's own; the console words each. */
export const CEREMONY_REFUSALS = [
	'ceremony_not_found',
	'deal_of_another_edition',
	'already_in_running_order',
	'ceremony_closed',
	'ceremony_item_not_found',
	'ceremony_item_confirmed',
	'not_a_draft',
	'running_order_changed',
	'ceremony_not_open',
	'deal_voided'
] as const;

export type CeremonyItemRow = typeof schema.ceremonyItems.$inferSelect;
export type CeremonyDraft = schema.CeremonyDraft;

/** A ceremony's lock: every change of its running order, and every press, holds it. */
export const ceremonyLock = (sessionId: number) => `ceremony:${sessionId}`;

/** The request id of the ledger entry a draft's press writes. */
export const ceremonyRequestId = (itemId: number) => `ceremony-item:${itemId}`;

/** A line of the running order as the console, the tablet and the screen show it. */
export interface CeremonyLine {
	id: number;
	position: number;
	/** `deal`: entered before the ceremony; `draft`: recorded into the ledger by the press. */
	origin: 'deal' | 'draft';
	dealId: string | null;
	projectName: string;
	investor: string;
	agreementType: DealFacts['agreementType'];
	/** What the deal counts for (with any 增资), or the draft's total investment. */
	amount: Yuan;
	/** The draft as prepared (null for a deal entered before). */
	draft: CeremonyDraft | null;
	/** The ledger's deal was voided since it was put in the running order. */
	voided: boolean;
	confirmedAt: string | null;
	confirmedBy: string | null;
}

export interface CeremonyTarget {
	value: Yuan;
	/** The edition's total counted against it (every tranche signed there). */
	achieved: Yuan;
}

/** A ceremony as its console shows it: the session, the running order and the totals. */
export interface CeremonyView {
	session: {
		id: number;
		conferenceId: string;
		titleZh: string;
		titleEn: string;
		hallZh: string;
		hallEn: string;
		startsAt: string;
		endsAt: string;
		openedAt: string | null;
		closedAt: string | null;
	};
	state: 'preparing' | 'open' | 'closed';
	lines: CeremonyLine[];
	/** The line the tablet proposes: the first unconfirmed one, or null when all are. */
	nextId: number | null;
	/** What the confirmed lines count for. */
	ceremonyTotal: Yuan;
	/** What the edition has signed, every agreement type, and its signing target if it has one. */
	editionTotal: Yuan;
	target: CeremonyTarget | null;
}

export const ceremonyState = (
	session: Pick<AgendaSession, 'ceremonyOpenedAt' | 'ceremonyClosedAt'>
): CeremonyView['state'] =>
	session.ceremonyClosedAt ? 'closed' : session.ceremonyOpenedAt ? 'open' : 'preparing';

/** The signing-ceremony session by id; any other session, or none, is `ceremony_not_found`. */
export async function ceremonySession(db: DbOrTx, sessionId: number): Promise<AgendaSession> {
	const session = await sessionById(db, sessionId);
	if (!session || session.kind !== 'signing_ceremony')
		throw new AppError('NOT_FOUND', 'ceremony_not_found', `no signing ceremony ${sessionId}`);
	return session;
}

/** An edition's signing ceremonies, in time order. */
export async function ceremoniesOf(db: DbOrTx, conferenceId: string) {
	const { agendaSessions: s } = tables(db);
	const found = await db
		.select()
		.from(s)
		.where(and(eq(s.conferenceId, conferenceId), eq(s.kind, 'signing_ceremony')))
		.orderBy(asc(s.startsAt), asc(s.id));
	return found.map((session) => ({
		id: session.id,
		titleZh: session.titleZh,
		titleEn: session.titleEn,
		hallZh: session.hallZh,
		hallEn: session.hallEn,
		startsAt: session.startsAt.toISOString(),
		endsAt: session.endsAt.toISOString(),
		state: ceremonyState(session)
	}));
}

/** A ceremony's running order, read with the deals it names. */
export async function ceremonyLines(db: DbOrTx, sessionId: number): Promise<CeremonyLine[]> {
	const { ceremonyItems: c, deals, staffUsers } = tables(db);
	const items = await db
		.select()
		.from(c)
		.where(eq(c.sessionId, sessionId))
		.orderBy(asc(c.position), asc(c.id));
	const dealIds = items.flatMap((i) => (i.dealId ? [i.dealId] : []));
	const found =
		dealIds.length === 0 ? [] : await db.select().from(deals).where(inArray(deals.id, dealIds));
	const byId = new Map(found.map((d) => [d.id, d]));
	const staffIds = items.flatMap((i) => (i.confirmedBy ? [i.confirmedBy] : []));
	const people =
		staffIds.length === 0
			? []
			: await db
					.select({ id: staffUsers.id, displayName: staffUsers.displayName })
					.from(staffUsers)
					.where(inArray(staffUsers.id, staffIds));
	const names = new Map(people.map((p) => [p.id, p.displayName]));
	return items.map((item): CeremonyLine => {
		const deal = item.dealId ? byId.get(item.dealId) : undefined;
		return {
			id: item.id,
			position: item.position,
			origin: item.draft ? 'draft' : 'deal',
			dealId: item.dealId,
			projectName: deal?.projectName ?? item.draft?.projectName ?? '',
			investor: deal?.investor ?? item.draft?.investor ?? '',
			agreementType: deal?.agreementType ?? item.draft?.agreementType ?? 'contract',
			amount: deal?.countedAmount ?? item.draft?.totalInvestment ?? 0,
			draft: item.draft ?? null,
			voided: deal?.voided ?? false,
			confirmedAt: item.confirmedAt?.toISOString() ?? null,
			confirmedBy: item.confirmedBy ? (names.get(item.confirmedBy) ?? null) : null
		};
	});
}

/** The edition's signed total and its signing target (the same reading as the live screen's). */
export async function editionProgress(
	db: DbOrTx,
	conferenceId: string
): Promise<{ editionTotal: Yuan; target: CeremonyTarget | null }> {
	const { targets } = tables(db);
	const totals = await ledgerQueries.sqlTotals(db, { signingEvent: conferenceId });
	const [spec] = await db
		.select()
		.from(targets)
		.where(
			and(
				eq(targets.scope, 'conference'),
				eq(targets.conferenceId, conferenceId),
				eq(targets.metric, 'signed_amount'),
				isNull(targets.retiredAt)
			)
		)
		.orderBy(asc(targets.id))
		.limit(1);
	const target = spec
		? { value: spec.value, achieved: await ledgerQueries.sqlAchieved(db, spec) }
		: null;
	return { editionTotal: totals.includingFramework, target };
}

export async function ceremonyView(db: DbOrTx, sessionId: number): Promise<CeremonyView> {
	const session = await ceremonySession(db, sessionId);
	const lines = await ceremonyLines(db, sessionId);
	const progress = await editionProgress(db, session.conferenceId);
	return {
		session: {
			id: session.id,
			conferenceId: session.conferenceId,
			titleZh: session.titleZh,
			titleEn: session.titleEn,
			hallZh: session.hallZh,
			hallEn: session.hallEn,
			startsAt: session.startsAt.toISOString(),
			endsAt: session.endsAt.toISOString(),
			openedAt: session.ceremonyOpenedAt?.toISOString() ?? null,
			closedAt: session.ceremonyClosedAt?.toISOString() ?? null
		},
		state: ceremonyState(session),
		lines,
		nextId: lines.find((l) => l.confirmedAt === null && !l.voided)?.id ?? null,
		ceremonyTotal: lines
			.filter((l) => l.confirmedAt !== null && !l.voided)
			.reduce((sum, l) => sum + l.amount, 0),
		...progress
	};
}

/** The edition's live deals whose project or investor contains `text`, for adding to the order. */
export async function ceremonyDealSearch(
	db: DbOrTx,
	input: { sessionId: number; text: string; limit: number }
) {
	const session = await ceremonySession(db, input.sessionId);
	const { deals, ceremonyItems: c } = tables(db);
	const matches: SQL | undefined = input.text
		? or(
				containsText(db, deals.projectName, input.text),
				containsText(db, deals.investor, input.text)
			)
		: undefined;
	const found = await db
		.select({
			id: deals.id,
			projectName: deals.projectName,
			investor: deals.investor,
			agreementType: deals.agreementType,
			signedOn: deals.signedOn,
			amount: deals.countedAmount
		})
		.from(deals)
		.where(and(eq(deals.signingEvent, session.conferenceId), eq(deals.voided, false), matches))
		.orderBy(asc(deals.firstSeq))
		.limit(input.limit);
	const taken = await db.select({ dealId: c.dealId }).from(c).where(eq(c.sessionId, session.id));
	const inOrder = new Set(taken.map((t) => t.dealId));
	return found.map((deal) => ({ ...deal, inRunningOrder: inOrder.has(deal.id) }));
}

/** The running order may change until the ceremony is closed. */
function assertNotClosed(session: AgendaSession): void {
	if (session.ceremonyClosedAt)
		throw new AppError('CONFLICT', 'ceremony_closed', `ceremony ${session.id} is closed`);
}

async function nextPosition(db: DbOrTx, sessionId: number): Promise<number> {
	const { ceremonyItems: c } = tables(db);
	const [last] = await db
		.select({ position: max(c.position) })
		.from(c)
		.where(eq(c.sessionId, sessionId));
	return (last?.position ?? 0) + 1;
}

async function itemOf(db: DbOrTx, sessionId: number, itemId: number): Promise<CeremonyItemRow> {
	const { ceremonyItems: c } = tables(db);
	const [item] = await db
		.select()
		.from(c)
		.where(and(eq(c.id, itemId), eq(c.sessionId, sessionId)));
	if (!item) throw new AppError('NOT_FOUND', 'ceremony_item_not_found', `no line ${itemId}`);
	return item;
}

function assertUnconfirmed(item: CeremonyItemRow): void {
	if (item.confirmedAt)
		throw new AppError('CONFLICT', 'ceremony_item_confirmed', `line ${item.id} was confirmed`);
}

/** Adds a deal already in the ledger: one of this edition's, live, and once per ceremony. */
export async function addCeremonyDeal(
	db: DbOrTx,
	input: { sessionId: number; dealId: string },
	actor: DealActor
): Promise<CeremonyLine[]> {
	const session = await ceremonySession(db, input.sessionId);
	assertNotClosed(session);
	const { deals, ceremonyItems: c } = tables(db);
	const [deal] = await db
		.select({ id: deals.id, signingEvent: deals.signingEvent, voided: deals.voided })
		.from(deals)
		.where(eq(deals.id, input.dealId));
	if (!deal) throw new AppError('NOT_FOUND', 'deal_not_found', `no deal ${input.dealId}`);
	if (deal.signingEvent !== session.conferenceId)
		throw new AppError(
			'BAD_REQUEST',
			'deal_of_another_edition',
			`deal ${deal.id} was signed at ${deal.signingEvent}, not ${session.conferenceId}`
		);
	if (deal.voided) throw new AppError('BAD_REQUEST', 'deal_voided', `deal ${deal.id} is voided`);
	const [already] = await db
		.select({ id: c.id })
		.from(c)
		.where(and(eq(c.sessionId, session.id), eq(c.dealId, deal.id)));
	if (already)
		throw new AppError('CONFLICT', 'already_in_running_order', `deal ${deal.id} is listed`);
	const [item] = await db
		.insert(c)
		.values({
			sessionId: session.id,
			position: await nextPosition(db, session.id),
			dealId: deal.id,
			createdAt: actor.now
		})
		.returning({ id: c.id });
	await audit(db, actor, 'ceremony_item_added', item!.id, {
		sessionId: session.id,
		dealId: deal.id
	});
	return ceremonyLines(db, session.id);
}

/**
 * A draft's facts checked exactly as recording them will check them, at this edition and today
 * (the press records them then): the ledger's rule, then the chain and unit. Probable duplicates
 * refuse it as the deal form does, until the recorder acknowledges them.
 */
async function checkDraft(
	db: DbOrTx,
	session: AgendaSession,
	draft: CeremonyDraft,
	acknowledgeDuplicates: boolean,
	actor: DealActor
): Promise<void> {
	const facts = draftFacts(session, draft, actor.now);
	const refusal = factsRefusal(facts);
	if (refusal) {
		throw new AppError('BAD_REQUEST', refusal.reason, `the draft's ${refusal.field ?? 'facts'}`, {
			field: refusal.field
		});
	}
	await checkReferences(db, facts);
	if (acknowledgeDuplicates) return;
	const duplicates = await probableDuplicates(db, facts);
	if (duplicates.length > 0) {
		throw new AppError('CONFLICT', 'probable_duplicate', 'a deal like this is in the ledger', {
			duplicates: duplicates.map((d) => ({
				id: d.id,
				projectName: d.facts.projectName,
				investor: d.facts.investor,
				signingEvent: d.facts.signingEvent,
				signedOn: d.facts.signedOn,
				countedAmount: d.countedAmount
			}))
		});
	}
}

const draftFacts = (session: AgendaSession, draft: CeremonyDraft, now: Date): DealFacts => ({
	...draft,
	signingEvent: session.conferenceId,
	signedOn: beijingDate(now)
});

export async function addCeremonyDraft(
	db: DbOrTx,
	input: { sessionId: number; draft: CeremonyDraft; acknowledgeDuplicates: boolean },
	actor: DealActor
): Promise<CeremonyLine[]> {
	const session = await ceremonySession(db, input.sessionId);
	assertNotClosed(session);
	await checkDraft(db, session, input.draft, input.acknowledgeDuplicates, actor);
	const { ceremonyItems: c } = tables(db);
	const [item] = await db
		.insert(c)
		.values({
			sessionId: session.id,
			position: await nextPosition(db, session.id),
			draft: input.draft,
			createdAt: actor.now
		})
		.returning({ id: c.id });
	await audit(db, actor, 'ceremony_item_added', item!.id, { sessionId: session.id });
	return ceremonyLines(db, session.id);
}

export async function updateCeremonyDraft(
	db: DbOrTx,
	input: {
		sessionId: number;
		itemId: number;
		draft: CeremonyDraft;
		acknowledgeDuplicates: boolean;
	},
	actor: DealActor
): Promise<CeremonyLine[]> {
	const session = await ceremonySession(db, input.sessionId);
	assertNotClosed(session);
	const item = await itemOf(db, session.id, input.itemId);
	assertUnconfirmed(item);
	if (!item.draft)
		throw new AppError('BAD_REQUEST', 'not_a_draft', `line ${item.id} is a deal in the ledger`);
	await checkDraft(db, session, input.draft, input.acknowledgeDuplicates, actor);
	const { ceremonyItems: c } = tables(db);
	await db.update(c).set({ draft: input.draft }).where(eq(c.id, item.id));
	await audit(db, actor, 'ceremony_item_updated', item.id, { sessionId: session.id });
	return ceremonyLines(db, session.id);
}

export async function removeCeremonyItem(
	db: DbOrTx,
	input: { sessionId: number; itemId: number },
	actor: DealActor
): Promise<CeremonyLine[]> {
	const session = await ceremonySession(db, input.sessionId);
	assertNotClosed(session);
	const item = await itemOf(db, session.id, input.itemId);
	assertUnconfirmed(item);
	const { ceremonyItems: c } = tables(db);
	await db.delete(c).where(eq(c.id, item.id));
	await audit(db, actor, 'ceremony_item_removed', item.id, {
		sessionId: session.id,
		dealId: item.dealId
	});
	return ceremonyLines(db, session.id);
}

/** Puts the lines in the order given, which must name each of the ceremony's lines once. */
export async function reorderCeremony(
	db: DbOrTx,
	input: { sessionId: number; itemIds: number[] },
	actor: DealActor
): Promise<CeremonyLine[]> {
	const session = await ceremonySession(db, input.sessionId);
	assertNotClosed(session);
	const { ceremonyItems: c } = tables(db);
	const current = await db.select({ id: c.id }).from(c).where(eq(c.sessionId, session.id));
	const given = new Set(input.itemIds);
	if (
		given.size !== input.itemIds.length ||
		given.size !== current.length ||
		current.some((item) => !given.has(item.id))
	)
		throw new AppError(
			'CONFLICT',
			'running_order_changed',
			'the order given does not name each line once: reload the running order'
		);
	for (const [index, id] of input.itemIds.entries())
		await db
			.update(c)
			.set({ position: index + 1 })
			.where(eq(c.id, id));
	await audit(db, actor, 'ceremony_reordered', session.id, { itemIds: input.itemIds });
	return ceremonyLines(db, session.id);
}

/**
 * Opens the ceremony: the big screens of its edition switch to the ceremony view. Opening one that
 * was closed opens it again (a ceremony paused for a speech); opening an open one changes nothing.
 */
export async function openCeremony(
	db: DbOrTx,
	input: { sessionId: number },
	actor: DealActor
): Promise<CeremonyView> {
	const session = await ceremonySession(db, input.sessionId);
	if (ceremonyState(session) !== 'open') {
		const { agendaSessions: s } = tables(db);
		await db
			.update(s)
			.set({ ceremonyOpenedAt: actor.now, ceremonyClosedAt: null, updatedAt: actor.now })
			.where(eq(s.id, session.id));
		await audit(db, actor, 'ceremony_opened', session.id, {});
	}
	return ceremonyView(db, session.id);
}

/** Closes the ceremony: the screens go back to the dashboard. Closing a closed one changes nothing. */
export async function closeCeremony(
	db: DbOrTx,
	input: { sessionId: number },
	actor: DealActor
): Promise<CeremonyView> {
	const session = await ceremonySession(db, input.sessionId);
	if (ceremonyState(session) === 'open') {
		const { agendaSessions: s } = tables(db);
		await db
			.update(s)
			.set({ ceremonyClosedAt: actor.now, updatedAt: actor.now })
			.where(eq(s.id, session.id));
		await audit(db, actor, 'ceremony_closed', session.id, {});
	} else if (!session.ceremonyOpenedAt) {
		throw new AppError('CONFLICT', 'ceremony_not_open', `ceremony ${session.id} was never opened`);
	}
	return ceremonyView(db, session.id);
}

export interface PressResult {
	line: CeremonyLine;
	/** True when this press wrote the ledger (a draft); false for a deal entered before. */
	ledgerWritten: boolean;
	/** True when the line had already been confirmed: this press changed nothing. */
	replayed: boolean;
}

/**
 * The press: confirms one line of an open ceremony. Call it holding `ceremonyLock` and the
 * ledger's lock (the router does), so a second press waits for the first and finds it done.
 */
export async function confirmCeremonyItem(
	db: DbOrTx,
	input: { sessionId: number; itemId: number },
	actor: DealActor
): Promise<PressResult> {
	const session = await ceremonySession(db, input.sessionId);
	const item = await itemOf(db, session.id, input.itemId);
	const answer = async (replayed: boolean): Promise<PressResult> => {
		const line = (await ceremonyLines(db, session.id)).find((l) => l.id === item.id)!;
		return { line, ledgerWritten: line.origin === 'draft', replayed };
	};
	if (item.confirmedAt) return answer(true);
	if (ceremonyState(session) !== 'open')
		throw new AppError('CONFLICT', 'ceremony_not_open', `ceremony ${session.id} is not open`);
	const { ceremonyItems: c, deals } = tables(db);
	let dealId = item.dealId;
	if (item.draft) {
		const recorded = await recordDeal(
			db,
			{
				requestId: ceremonyRequestId(item.id),
				facts: draftFacts(session, item.draft, actor.now),
				// The recorder saw and acknowledged any duplicate when preparing the draft.
				acknowledgeDuplicates: true
			},
			actor
		);
		dealId = recorded.deal.id;
	} else {
		const [deal] = await db
			.select({ voided: deals.voided })
			.from(deals)
			.where(eq(deals.id, dealId!));
		if (!deal || deal.voided)
			throw new AppError('CONFLICT', 'deal_voided', `deal ${dealId} was voided since`);
	}
	await db
		.update(c)
		.set({ dealId, confirmedAt: actor.now, confirmedBy: actor.user.id })
		.where(eq(c.id, item.id));
	await audit(db, actor, 'ceremony_item_confirmed', item.id, {
		sessionId: session.id,
		dealId,
		ledgerWritten: item.draft !== null
	});
	return answer(false);
}

/** What the audit names: the ceremony's session for these, else the line. */
const SESSION_ACTIONS: ReadonlySet<AuditAction> = new Set([
	'ceremony_reordered',
	'ceremony_opened',
	'ceremony_closed'
]);

async function audit(
	db: DbOrTx,
	actor: DealActor,
	action: AuditAction,
	subjectId: number,
	detail: Record<string, unknown>
): Promise<void> {
	await recordAudit(
		db,
		{
			actor: actor.user,
			source: actor.source,
			action,
			subjectType: SESSION_ACTIONS.has(action) ? 'agenda_session' : 'ceremony_item',
			subjectId,
			detail
		},
		actor.now
	);
}
