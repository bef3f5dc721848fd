import { LEDGER_LOCK, ledgerQueries, ledgerStore, type WriteJob } from '@huizhan/db';
import { totalsAsOf, targetProgress } from '@huizhan/ledger';
import {
	advanceDealInput,
	amendDealInput,
	dealListInput,
	duplicateCheckInput,
	increaseDealInput,
	recordDealInput,
	totalsInput,
	upgradeDealInput,
	voidDealInput,
	dealFilterInput
} from '../schemas/deals.ts';
import {
	amendDeal,
	appendDealEvent,
	beijingDate,
	dealView,
	dealWithHistory,
	increaseDeal,
	probableDuplicates,
	recordDeal,
	type DealActor
} from '../services/deals.ts';
import { exhibitorInvestors } from '../services/exhibitor-investors.ts';
import { listTargetsByScope } from '../services/targets.ts';
import { router, staffProcedure } from '../trpc.ts';
import type { Context } from '../context.ts';
import type { StaffUser } from '../auth/roles.ts';
import { z } from 'zod';

/** Recorders and admins write the ledger; leadership reads it (docs/architecture.md, “Who uses it”). */
const writer = staffProcedure(['recorder', 'admin']);
const reader = staffProcedure(['recorder', 'admin', 'leader']);

const actorOf = (ctx: Context & { user: StaffUser }): DealActor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

/**
 * A write to the signing ledger, through the process's writes: every append chains onto the
 * ledger's one head, so on a server database the appends queue on one lock (`ledger`) rather
 * than fail each other's transactions.
 */
const ledgerWrite = <T>(ctx: Context, job: WriteJob<T>) =>
	ctx.writes.run(job, { locks: [LEDGER_LOCK] });

export const dealsRouter = router({
	/** Records a newly signed deal. Refused with `probable_duplicate` unless acknowledged. */
	record: writer
		.input(recordDealInput)
		.mutation(({ ctx, input }) => ledgerWrite(ctx, (tx) => recordDeal(tx, input, actorOf(ctx)))),

	/** Corrects facts, with a reason; `expectedVersion` guards against a concurrent change. */
	amend: writer
		.input(amendDealInput)
		.mutation(({ ctx, input }) => ledgerWrite(ctx, (tx) => amendDeal(tx, input, actorOf(ctx)))),

	/** 框架/意向 → 正式合同 on a date. */
	upgrade: writer.input(upgradeDealInput).mutation(({ ctx, input }) =>
		ledgerWrite(ctx, (tx) =>
			appendDealEvent(
				tx,
				{
					requestId: input.requestId,
					dealId: input.dealId,
					expectedVersion: input.expectedVersion,
					event: { type: 'upgraded', on: input.on },
					occurredOn: input.on
				},
				actorOf(ctx)
			)
		)
	),

	/** 增资: only the added amount counts, credited where and when it was signed. */
	increase: writer
		.input(increaseDealInput)
		.mutation(({ ctx, input }) => ledgerWrite(ctx, (tx) => increaseDeal(tx, input, actorOf(ctx)))),

	/** 落地 / 开工 / 投产 on a date. */
	advance: writer.input(advanceDealInput).mutation(({ ctx, input }) =>
		ledgerWrite(ctx, (tx) =>
			appendDealEvent(
				tx,
				{
					requestId: input.requestId,
					dealId: input.dealId,
					expectedVersion: input.expectedVersion,
					event: { type: 'advanced', stage: input.stage, on: input.on },
					occurredOn: input.on
				},
				actorOf(ctx)
			)
		)
	),

	/** Withdraws a deal from every total, with a reason; its history stays. */
	void: writer.input(voidDealInput).mutation(({ ctx, input }) =>
		ledgerWrite(ctx, (tx) =>
			appendDealEvent(
				tx,
				{
					requestId: input.requestId,
					dealId: input.dealId,
					expectedVersion: input.expectedVersion,
					event: { type: 'voided', reason: input.reason },
					occurredOn: beijingDate(ctx.now())
				},
				actorOf(ctx)
			)
		)
	),

	/** Deals with filters, sorting and pages, and the running totals of the filtered set. */
	list: reader.input(dealListInput).query(async ({ ctx, input }) => {
		const page = await ledgerQueries.listDeals(ctx.db, input);
		const isExhibitor = await exhibitorInvestors(ctx.db);
		return {
			...page,
			rows: page.rows.map((row) => ({ ...row, investorIsExhibitor: isExhibitor(row.investor) }))
		};
	}),

	/** One deal and its whole history. */
	get: reader.input(z.object({ dealId: z.string().max(32) })).query(async ({ ctx, input }) => {
		const found = await dealWithHistory(ctx.db, input.dealId);
		const isExhibitor = await exhibitorInvestors(ctx.db);
		return { ...found, investorIsExhibitor: isExhibitor(found.deal.facts.investor) };
	}),

	/** Deals already recorded that look like this one (same investor, similar project name). */
	duplicates: writer
		.input(duplicateCheckInput)
		.query(({ ctx, input }) => probableDuplicates(ctx.db, input, input.excludeDealId)),

	/** Totals now (from the projection), or as the ledger stood at `asOf` (replayed). */
	totals: reader.input(totalsInput.and(dealFilterInput.partial())).query(async ({ ctx, input }) => {
		if (input.asOf)
			return totalsAsOf(
				await ledgerStore.loadEntries(ctx.db, {
					recordedUpTo: new Date(input.asOf).toISOString()
				}),
				new Date(input.asOf).toISOString()
			);
		return ledgerQueries.sqlTotals(ctx.db, input);
	}),

	/**
	 * The ledger's head, `{ seq, hash }` of its last entry (seq 0 and the genesis hash when
	 * empty): written down and later given to `huizhan ledger verify --head`, it proves the
	 * ledger up to it was not rewritten.
	 */
	head: reader.query(({ ctx }) => ledgerStore.readHead(ctx.db)),

	/** Every target with what has been achieved, what remains and the pace. */
	targets: reader.query(async ({ ctx }) => {
		const today = beijingDate(ctx.now());
		const groups = [];
		for (const group of await listTargetsByScope(ctx.db)) {
			const targets = [];
			for (const target of group.targets) {
				const spec = { ...target, conferenceId: group.conference?.id ?? null };
				const achieved = await ledgerQueries.sqlAchieved(ctx.db, spec);
				targets.push({ ...target, progress: targetProgress(spec, achieved, today) });
			}
			groups.push({ ...group, targets });
		}
		return groups;
	})
});

export { dealView };
