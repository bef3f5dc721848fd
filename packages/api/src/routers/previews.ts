import { editionInput } from '../schemas/editions.ts';
import { grantPreview } from '../services/preview-grants.ts';
import { router, staffProcedure } from '../trpc.ts';

/** Previewing an edition on the attendee site before the public may see it. */
export const previewsRouter = router({
	/** A two-hour grant for one edition, for the attendee site's `/preview?grant=` (audited). */
	grant: staffProcedure(['admin'])
		.input(editionInput)
		.mutation(({ ctx, input }) =>
			grantPreview(ctx.db, input.id, { user: ctx.user, source: ctx.source, now: ctx.now() })
		)
});
