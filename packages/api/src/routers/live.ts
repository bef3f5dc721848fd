import { beijingDate } from '../services/deals.ts';
import { homeTargets } from '../live/home.ts';
import { liveSnapshot, liveSnapshotAsOf, LIVE_ROLES } from '../live/index.ts';
import { liveSnapshotInput, liveTargetsInput } from '../schemas/live.ts';
import { router, staffProcedure } from '../trpc.ts';

export const liveRouter = router({
	/**
	 * Everything the live dashboard shows for a calendar year (the current one unless `year` is
	 * given), now (from the projection) or as the ledger stood at `asOf` (replayed from its
	 * entries). Pushed live over `GET /api/live?year=` (Server-Sent Events).
	 */
	snapshot: staffProcedure(LIVE_ROLES)
		.input(liveSnapshotInput)
		.query(({ ctx, input }) =>
			input?.asOf
				? liveSnapshotAsOf(ctx.db, new Date(input.asOf), ctx.now(), input.year)
				: liveSnapshot(ctx.db, ctx.now(), { year: input?.year })
		),
	/**
	 * The console home's targets for a calendar year (the current one unless `year` is given):
	 * the year's editions with their targets, then the whole-year targets, each with what has
	 * been achieved, what remains and the pace; and the years one may choose.
	 */
	targets: staffProcedure(LIVE_ROLES)
		.input(liveTargetsInput)
		.query(({ ctx, input }) => homeTargets(ctx.db, beijingDate(ctx.now()), input?.year))
});
