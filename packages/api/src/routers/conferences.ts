import { publicProcedure, router } from '../trpc.ts';
import { listPublicConferences } from '../services/conferences.ts';

export const conferencesRouter = router({
	/** The conferences shown on the attendee home page. */
	list: publicProcedure.query(({ ctx }) => listPublicConferences(ctx.db))
});
