import { eq, inArray } from 'drizzle-orm';
import type { Db, DbOrTx } from '@huizhan/db';
import { appendToLedger, LedgerRefusal, ledgerStore, tables } from '@huizhan/db';
import {
	EVERYDAY_SIGNING,
	findProbableDuplicates,
	normaliseInvestor,
	type DealEvent,
	type DealFacts,
	type DealState,
	type LedgerEntry
} from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import type { StaffUser } from '../auth/roles.ts';
import { recordAudit, type AuditAction } from './audit.ts';

export interface DealActor {
	user: StaffUser;
	source: string;
	now: Date;
}

/** Today's date in Beijing, where every deal is signed. */
export const beijingDate = (instant: Date): string =>
	new Date(instant.getTime() + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);

/** A deal as the console shows it. */
export interface DealView extends DealState {
	countedAmount: number;
}

export const dealView = (state: DealState): DealView => ({
	...state,
	countedAmount: state.tranches.reduce((sum, t) => sum + t.amount, 0)
});

/**
 * The facts must name things that exist: a conference or everyday signing, a chain, a unit. A
 * retired chain or unit (设置 › 产业链与责任单位) takes no new deals; a deal that already names one
 * keeps it through an amendment of its other facts (`kept`: the deal's current chain and unit).
 */
export async function checkReferences(
	db: DbOrTx,
	facts: Partial<DealFacts>,
	kept: { chainId?: number | null; unitId?: number | null } = {}
): Promise<void> {
	const { industryChains, responsibleUnits } = tables(db);
	if (facts.signingEvent !== undefined)
		await checkSigningEvent(db, facts.signingEvent, 'signingEvent');
	if (facts.chainId !== undefined) {
		const [chain] = await db
			.select({ id: industryChains.id, active: industryChains.active })
			.from(industryChains)
			.where(eq(industryChains.id, facts.chainId));
		if (!chain)
			throw new AppError('BAD_REQUEST', 'unknown_chain', `no industry chain ${facts.chainId}`, {
				field: 'chainId'
			});
		if (!chain.active && chain.id !== kept.chainId)
			throw new AppError('BAD_REQUEST', 'chain_retired', `industry chain ${chain.id} is retired`, {
				field: 'chainId'
			});
	}
	if (facts.unitId !== undefined) {
		const [unit] = await db
			.select({ id: responsibleUnits.id, active: responsibleUnits.active })
			.from(responsibleUnits)
			.where(eq(responsibleUnits.id, facts.unitId));
		if (!unit)
			throw new AppError('BAD_REQUEST', 'unknown_unit', `no responsible unit ${facts.unitId}`, {
				field: 'unitId'
			});
		if (!unit.active && unit.id !== kept.unitId)
			throw new AppError('BAD_REQUEST', 'unit_retired', `responsible unit ${unit.id} is retired`, {
				field: 'unitId'
			});
	}
}

async function checkSigningEvent(db: DbOrTx, signingEvent: string, field: string): Promise<void> {
	if (signingEvent === EVERYDAY_SIGNING) return;
	const { conferences } = tables(db);
	const [conference] = await db
		.select({ id: conferences.id })
		.from(conferences)
		.where(eq(conferences.id, signingEvent));
	if (!conference) {
		throw new AppError('BAD_REQUEST', 'unknown_signing_event', `no conference ${signingEvent}`, {
			field
		});
	}
}

/** Deals already in the ledger that look like this one (same investor, similar name). */
export async function probableDuplicates(
	db: DbOrTx,
	candidate: { investor: string; projectName: string },
	excludeDealId?: string
): Promise<DealView[]> {
	const key = normaliseInvestor(candidate.investor);
	if (!key) return [];
	const { deals } = tables(db);
	const rows = await db.select({ id: deals.id }).from(deals).where(eq(deals.investorKey, key));
	const states: DealState[] = [];
	for (const r of rows) {
		const state = await ledgerStore.loadDealState(db, r.id);
		if (state !== undefined) states.push(state);
	}
	const state = { deals: new Map(states.map((s) => [s.id, s])), headSeq: 0, headHash: '' };
	return findProbableDuplicates(state, candidate, excludeDealId).map(dealView);
}

export interface AppendResult {
	entry: LedgerEntry;
	deal: DealView;
	/** True when this request id had already been recorded: nothing new was written. */
	replayed: boolean;
}

interface AppendCommand {
	requestId: string;
	/** Null for a new deal: the id is made from the entry's sequence number. */
	dealId: string | null;
	event: DealEvent;
	occurredOn: string;
	/** The deal version the user was looking at; a different current version is a conflict. */
	expectedVersion?: number;
}

const AUDIT_ACTION: Record<DealEvent['type'], AuditAction> = {
	signed: 'deal_signed',
	amended: 'deal_amended',
	upgraded: 'deal_upgraded',
	increased: 'deal_increased',
	advanced: 'deal_advanced',
	voided: 'deal_voided'
};

/**
 * Appends one event to the signing ledger and updates the projection, in one IMMEDIATE
 * transaction: the write lock is taken before anything is read, so two recorders (or two app
 * processes) cannot both read the same head and chain onto it. Given a transaction (the
 * procedures pass the group commit's), it runs in a savepoint of it, and the entry is on disk
 * (synchronous = FULL) once that transaction commits — which is when the caller is answered.
 */
export function appendDealEvent(
	db: DbOrTx,
	command: AppendCommand,
	actor: DealActor
): Promise<AppendResult> {
	return db.transaction(async (tx): Promise<AppendResult> => {
		const earlier = await ledgerStore.entryByRequestId(tx, command.requestId);
		if (earlier) {
			const sameCommand =
				earlier.event.type === command.event.type &&
				(command.dealId === null || earlier.dealId === command.dealId);
			if (!sameCommand) {
				throw new AppError(
					'CONFLICT',
					'request_id_reused',
					'this request id was used for another write'
				);
			}
			const deal = await ledgerStore.loadDealState(tx, earlier.dealId);
			if (!deal) throw new Error(`projection lacks deal ${earlier.dealId}`);
			return { entry: earlier, deal: dealView(deal), replayed: true };
		}

		let result;
		try {
			result = await appendToLedger(tx, {
				dealId: command.dealId,
				event: command.event,
				occurredOn: command.occurredOn,
				recordedAt: actor.now.toISOString(),
				recordedBy: actor.user.login,
				requestId: command.requestId,
				guard: (current) => {
					if (command.dealId !== null && !current) {
						throw new AppError('NOT_FOUND', 'deal_not_found', `no deal ${command.dealId}`);
					}
					if (
						current &&
						command.expectedVersion !== undefined &&
						current.version !== command.expectedVersion
					) {
						throw new AppError(
							'CONFLICT',
							'deal_changed',
							`deal ${current.id} changed since version ${command.expectedVersion}`,
							{
								by: current.lastRecordedBy,
								at: current.lastRecordedAt,
								version: current.version
							}
						);
					}
				}
			});
		} catch (error) {
			if (error instanceof LedgerRefusal)
				throw new AppError('BAD_REQUEST', error.reason, error.message);
			throw error;
		}
		const { entry, deal: next } = result;
		const dealId = entry.dealId;
		await recordAudit(
			tx,
			{
				actor: actor.user,
				source: actor.source,
				action: AUDIT_ACTION[command.event.type],
				subjectType: 'deal',
				subjectId: dealId,
				detail: {
					seq: entry.seq,
					...('reason' in command.event ? { reason: command.event.reason } : {})
				}
			},
			actor.now
		);
		return { entry, deal: dealView(next), replayed: false };
	});
}

export async function recordDeal(
	db: DbOrTx,
	input: { requestId: string; facts: DealFacts; acknowledgeDuplicates: boolean },
	actor: DealActor
): Promise<AppendResult> {
	const replay = await ledgerStore.entryByRequestId(db, input.requestId);
	if (!replay) {
		await checkReferences(db, input.facts);
		if (!input.acknowledgeDuplicates) {
			const duplicates = await probableDuplicates(db, input.facts);
			if (duplicates.length > 0) {
				throw new AppError(
					'CONFLICT',
					'probable_duplicate',
					'a deal like this is already in the ledger',
					{
						duplicates: duplicates.map((d) => ({
							id: d.id,
							projectName: d.facts.projectName,
							investor: d.facts.investor,
							signingEvent: d.facts.signingEvent,
							signedOn: d.facts.signedOn,
							countedAmount: d.countedAmount
						}))
					}
				);
			}
		}
	}
	return appendDealEvent(
		db,
		{
			requestId: input.requestId,
			dealId: null,
			event: { type: 'signed', facts: input.facts },
			occurredOn: input.facts.signedOn
		},
		actor
	);
}

export async function amendDeal(
	db: DbOrTx,
	input: {
		requestId: string;
		dealId: string;
		expectedVersion: number;
		changes: Partial<DealFacts>;
		reason: string;
	},
	actor: DealActor
): Promise<AppendResult> {
	const { deals } = tables(db);
	const [current] = await db
		.select({ chainId: deals.chainId, unitId: deals.unitId })
		.from(deals)
		.where(eq(deals.id, input.dealId));
	await checkReferences(db, input.changes, current ?? {});
	return appendDealEvent(
		db,
		{
			requestId: input.requestId,
			dealId: input.dealId,
			expectedVersion: input.expectedVersion,
			event: { type: 'amended', changes: input.changes, reason: input.reason },
			occurredOn: beijingDate(actor.now)
		},
		actor
	);
}

export async function increaseDeal(
	db: DbOrTx,
	input: {
		requestId: string;
		dealId: string;
		expectedVersion: number;
		amount: number;
		signingEvent: string;
		signedOn: string;
		note: string;
	},
	actor: DealActor
): Promise<AppendResult> {
	await checkSigningEvent(db, input.signingEvent, 'signingEvent');
	return appendDealEvent(
		db,
		{
			requestId: input.requestId,
			dealId: input.dealId,
			expectedVersion: input.expectedVersion,
			event: {
				type: 'increased',
				amount: input.amount,
				signingEvent: input.signingEvent,
				signedOn: input.signedOn,
				note: input.note
			},
			occurredOn: input.signedOn
		},
		actor
	);
}

/**
 * A deal with its whole history, oldest entry first, and the display name of everyone who
 * recorded an entry (`names[login]`): people read 王敏, not wangmin. The ledger keeps the login,
 * which never changes; a login without an account (an import's `source`) has no name and is
 * shown as it is.
 */
export async function dealWithHistory(
	db: Db,
	dealId: string
): Promise<{ deal: DealView; history: LedgerEntry[]; names: Record<string, string> }> {
	const state = await ledgerStore.loadDealState(db, dealId);
	if (!state) throw new AppError('NOT_FOUND', 'deal_not_found', `no deal ${dealId}`);
	const history = await ledgerStore.dealEntries(db, dealId);
	const logins = [...new Set(history.map((entry) => entry.recordedBy))];
	const { staffUsers } = tables(db);
	const users = await db
		.select({ login: staffUsers.login, displayName: staffUsers.displayName })
		.from(staffUsers)
		.where(inArray(staffUsers.login, logins));
	const names = Object.fromEntries(users.map((user) => [user.login, user.displayName]));
	return { deal: dealView(state), history, names };
}
