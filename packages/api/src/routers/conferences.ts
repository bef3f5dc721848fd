import { z } from 'zod';
import { publicProcedure, router } from '../trpc.ts';
import { listPublicConferences } from '../services/conferences.ts';
import { checkPreviewGrant } from '../services/preview-grants.ts';

/** A preview grant as the attendee site holds it (a cookie); anything invalid is ignored. */
export const previewGrantInput = z.string().max(512).optional();

export const conferencesRouter = router({
	/**
	 * The conferences shown on the attendee home page; with a valid preview grant, its draft
	 * edition too (marked `preview`).
	 */
	list: publicProcedure
		.input(z.object({ preview: previewGrantInput }).optional())
		.query(async ({ ctx, input }) =>
			listPublicConferences(
				ctx.db,
				ctx.now(),
				(await checkPreviewGrant(ctx.db, input?.preview, ctx.now()))?.conferenceId ?? null
			)
		)
});
