import type { StaffUser } from '../auth/roles.ts';
import type { Context } from '../context.ts';
import { AppError } from '../errors.ts';
import {
	applicationFormInput,
	applyInput,
	exhibitorIdInput,
	exhibitorSecretInput,
	listApplicationsInput,
	resubmitInput,
	reviewNoteInput
} from '../schemas/exhibitor-applications.ts';
import {
	applicantView,
	applicationDetail,
	applicationForm,
	applyToExhibit,
	decideApplication,
	decisionLocks,
	listApplications,
	resubmitApplication,
	withdrawApplication,
	type Actor,
	type Decision
} from '../services/exhibitor-applications.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

const admin = staffProcedure(['admin']);

/**
 * A company's application to exhibit, on the attendee site. The page's secret (128 random bits)
 * is the company's credential, as a ticket's is, so these are public procedures.
 */
export const exhibitorApplicationRouter = router({
	/** Whether the edition takes applications now, and the industry chains to choose from. */
	form: publicProcedure
		.input(applicationFormInput)
		.query(({ ctx, input }) => applicationForm(ctx.db, input.conferenceId)),

	/**
	 * Stores an application, pending review; returns its page's secret. A company whose
	 * application stands is refused (`exhibitor_already_applied`), saying nothing of it.
	 */
	submit: publicProcedure.input(applyInput).mutation(async ({ ctx, input }) => {
		if (!ctx.limits.register.take(ctx.source)) {
			throw new AppError(
				'TOO_MANY_REQUESTS',
				'too_many_attempts',
				'too many applications from this address'
			);
		}
		const { secret } = await applyToExhibit(ctx.db, input, ctx.now());
		return { secret };
	}),

	/** The application behind a secret with its status and the admin's note; null if none. */
	view: publicProcedure
		.input(exhibitorSecretInput)
		.query(({ ctx, input }) => applicantView(ctx.db, input.secret)),

	/** The edited application, after the organisers asked for changes: pending review again. */
	resubmit: publicProcedure
		.input(resubmitInput)
		.mutation(({ ctx, input }) => resubmitApplication(ctx.db, input, ctx.now(), ctx.source)),

	/** Takes the application back before a decision. */
	withdraw: publicProcedure
		.input(exhibitorSecretInput)
		.mutation(({ ctx, input }) => withdrawApplication(ctx.db, input.secret, ctx.now(), ctx.source))
});

const actorOf = (ctx: Context & { user: StaffUser }): Actor => ({
	user: ctx.user,
	source: ctx.source,
	now: ctx.now()
});

async function decide(
	ctx: Context & { user: StaffUser },
	decision: Decision,
	input: { exhibitorId: number; note?: string }
) {
	return ctx.writes.run((tx) => decideApplication(tx, { ...input, decision }, actorOf(ctx)), {
		locks: await decisionLocks(ctx.db, input.exhibitorId)
	});
}

/** Reviewing applications in the console: approve, reject with a reason, ask for changes. */
export const exhibitorsRouter = router({
	/** An edition's applications (filtered by status and company or code), counts, duplicates. */
	list: admin
		.input(listApplicationsInput)
		.query(({ ctx, input }) => listApplications(ctx.db, input)),

	/** One application: every field, full contact, booths held, passes used / quota. */
	get: admin
		.input(exhibitorIdInput)
		.query(({ ctx, input }) => applicationDetail(ctx.db, input.exhibitorId)),

	/** Approves a pending application (or one sent back for changes). */
	approve: admin
		.input(exhibitorIdInput)
		.mutation(({ ctx, input }) => decide(ctx, 'approve', input)),

	/** Rejects with a reason the company reads; an exhibitor with booths or people is refused. */
	reject: admin.input(reviewNoteInput).mutation(({ ctx, input }) => decide(ctx, 'reject', input)),

	/** Sends the application back to the company with what to change. */
	requestChanges: admin
		.input(reviewNoteInput)
		.mutation(({ ctx, input }) => decide(ctx, 'requestChanges', input))
});
