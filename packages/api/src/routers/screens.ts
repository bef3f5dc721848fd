import { AppError } from '../errors.ts';
import { createScreenInput, openScreenInput, revokeScreenInput } from '../schemas/live.ts';
import {
	createScreenLink,
	listScreenLinks,
	resolveScreen,
	revokeScreenLink
} from '../services/screens.ts';
import { publicProcedure, router, staffProcedure } from '../trpc.ts';

const adminOnly = staffProcedure(['admin']);

export const screensRouter = router({
	/** Every screen link, newest first (never the token: only its hash is stored). */
	list: adminOnly.query(({ ctx }) => listScreenLinks(ctx.db)),

	/** A new read-only link to the big screen; its token is returned this once. Audited. */
	create: adminOnly.input(createScreenInput).mutation(({ ctx, input }) =>
		createScreenLink(ctx.db, input.label, {
			user: ctx.user,
			source: ctx.source,
			now: ctx.now()
		})
	),

	/** Revokes a link; its screen goes blank within seconds. Audited. */
	revoke: adminOnly
		.input(revokeScreenInput)
		.mutation(({ ctx, input }) =>
			revokeScreenLink(ctx.db, input.id, { user: ctx.user, source: ctx.source, now: ctx.now() })
		),

	/** What the screen page checks on load: the link's label, or why it does not open. */
	open: publicProcedure.input(openScreenInput).query(async ({ ctx, input }) => {
		const access = await resolveScreen(ctx.db, input.token);
		if (access.status !== 'open')
			throw new AppError('NOT_FOUND', `screen_${access.status}`, `screen link ${access.status}`);
		return { id: access.id, label: access.label };
	})
});
