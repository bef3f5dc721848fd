import { liveSnapshot, liveSnapshotAsOf, LIVE_ROLES } from '../live/index.ts';
import { liveSnapshotInput } from '../schemas/live.ts';
import { router, staffProcedure } from '../trpc.ts';

export const liveRouter = router({
	/**
	 * Everything the live dashboard shows, now (from the projection) or as the ledger stood at
	 * `asOf` (replayed from its entries). Pushed live over `GET /api/live` (Server-Sent Events).
	 */
	snapshot: staffProcedure(LIVE_ROLES)
		.input(liveSnapshotInput)
		.query(({ ctx, input }) =>
			input?.asOf
				? liveSnapshotAsOf(ctx.db, new Date(input.asOf), ctx.now())
				: liveSnapshot(ctx.db, ctx.now())
		)
});
