import { z } from 'zod';
import {
	addExhibitorPassInput,
	cancelExhibitorPassInput,
	exhibitorProfileInput,
	exhibitorSecretInput
} from '../schemas/exhibitor-page.ts';
import {
	exhibitorPageView,
	ticketPassOf,
	updateExhibitorProfile
} from '../services/exhibitor-page.ts';
import { addPass, cancelPass, passLocks } from '../services/exhibitor-passes.ts';
import { publicProcedure, router } from '../trpc.ts';

/**
 * The exhibitor's own page (`/exhibitor/<secret>`): profile, booths, staff badges, set-up passes.
 * The secret is the exhibitor's credential, 128 random bits, so these are public procedures like
 * the delegation leader's (docs/api.md, “Exhibitor's page”).
 */
export const exhibitorPageRouter = router({
	/** The page: company, booths, profile, quotas and people (contacts masked); null if unknown. */
	page: publicProcedure
		.input(exhibitorSecretInput)
		.query(({ ctx, input }) => exhibitorPageView(ctx.db, input.secret)),

	/** Saves the profile the public directory shows. */
	saveProfile: publicProcedure
		.input(exhibitorProfileInput)
		.mutation(({ ctx, input }) => updateExhibitorProfile(ctx.db, input, ctx.now())),

	/** Adds one person with a staff badge or a set-up pass, within the quota; queues the ticket. */
	addPass: publicProcedure.input(addExhibitorPassInput).mutation(async ({ ctx, input }) => {
		const added = await ctx.writes.run((tx) => addPass(tx, input, ctx.now()), {
			locks: await passLocks(ctx.db, input.secret)
		});
		ctx.mail.kick();
		return added;
	}),

	/** Cancels one person: the place is free again, the ticket void. */
	cancelPass: publicProcedure.input(cancelExhibitorPassInput).mutation(async ({ ctx, input }) =>
		ctx.writes.run((tx) => cancelPass(tx, input, ctx.now()), {
			locks: await passLocks(ctx.db, input.secret)
		})
	),

	/** For a ticket page: the company and kind of an exhibitor's pass (set-up days too); or null. */
	ticketPass: publicProcedure
		.input(z.object({ ticketSecret: z.string().max(64) }))
		.query(({ ctx, input }) => ticketPassOf(ctx.db, input.ticketSecret))
});
