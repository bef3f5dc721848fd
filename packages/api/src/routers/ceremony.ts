import { LEDGER_LOCK, type WriteJob } from '@huizhan/db';
import {
	addCeremonyDealInput,
	addCeremonyDraftInput,
	ceremoniesInput,
	ceremonyDealSearchInput,
	ceremonyInput,
	ceremonyItemInput,
	reorderCeremonyInput,
	updateCeremonyDraftInput
} from '../schemas/ceremony.ts';
import {
	addCeremonyDeal,
	addCeremonyDraft,
	ceremoniesOf,
	ceremonyDealSearch,
	ceremonyLock,
	ceremonyView,
	closeCeremony,
	confirmCeremonyItem,
	openCeremony,
	removeCeremonyItem,
	reorderCeremony,
	updateCeremonyDraft
} from '../services/ceremony.ts';
import type { DealActor } from '../services/deals.ts';
import { router, staffProcedure } from '../trpc.ts';
import type { Context } from '../context.ts';
import type { StaffUser } from '../auth/roles.ts';

/** Recorders and admins prepare and run the ceremony; leadership may read its running order. */
const runner = staffProcedure(['recorder', 'admin']);
const reader = staffProcedure(['recorder', 'admin', 'leader']);

const actorOf = (ctx: Context & { user: StaffUser }): DealActor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

/**
 * A write to one ceremony, under its lock: changes of the running order and presses queue on it.
 * The press also writes the ledger, so it queues on the ledger's lock too (taken first, as every
 * ledger write takes it).
 */
const ceremonyWrite = <T>(ctx: Context, sessionId: number, job: WriteJob<T>, ledger = false) =>
	ctx.writes.run(job, {
		locks: ledger ? [LEDGER_LOCK, ceremonyLock(sessionId)] : [ceremonyLock(sessionId)]
	});

export const ceremonyRouter = router({
	/** The edition's signing ceremonies, in time order, with whether each is open. */
	list: reader
		.input(ceremoniesInput)
		.query(({ ctx, input }) => ceremoniesOf(ctx.db, input.conferenceId)),

	/** One ceremony: its running order, the line proposed next, its total and the edition's. */
	get: reader.input(ceremonyInput).query(({ ctx, input }) => ceremonyView(ctx.db, input.sessionId)),

	/** The edition's deals matching a project or investor, to add to the running order. */
	searchDeals: runner
		.input(ceremonyDealSearchInput)
		.query(({ ctx, input }) => ceremonyDealSearch(ctx.db, input)),

	/** Adds a deal already in the ledger (this edition's, once per ceremony). */
	addDeal: runner
		.input(addCeremonyDealInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => addCeremonyDeal(tx, input, actorOf(ctx)))
		),

	/** Adds a draft, checked as recording the deal will check it; duplicates need acknowledging. */
	addDraft: runner
		.input(addCeremonyDraftInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => addCeremonyDraft(tx, input, actorOf(ctx)))
		),

	/** Changes an unconfirmed draft. */
	updateDraft: runner
		.input(updateCeremonyDraftInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => updateCeremonyDraft(tx, input, actorOf(ctx)))
		),

	/** Takes an unconfirmed line out of the running order. */
	remove: runner
		.input(ceremonyItemInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => removeCeremonyItem(tx, input, actorOf(ctx)))
		),

	/** Puts the running order in the order given (each line once). */
	reorder: runner
		.input(reorderCeremonyInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => reorderCeremony(tx, input, actorOf(ctx)))
		),

	/** Opens the ceremony: its edition's big screens switch to the ceremony view. */
	open: runner
		.input(ceremonyInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => openCeremony(tx, input, actorOf(ctx)))
		),

	/** Closes the ceremony: the screens go back to the dashboard. */
	close: runner
		.input(ceremonyInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(ctx, input.sessionId, (tx) => closeCeremony(tx, input, actorOf(ctx)))
		),

	/** The press: confirms a line once; pressing again answers the same. */
	confirm: runner
		.input(ceremonyItemInput)
		.mutation(({ ctx, input }) =>
			ceremonyWrite(
				ctx,
				input.sessionId,
				(tx) => confirmCeremonyItem(tx, input, actorOf(ctx)),
				true
			)
		)
});
