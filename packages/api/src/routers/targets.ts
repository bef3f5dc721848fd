import { router, staffProcedure } from '../trpc.ts';
import { listTargetsByScope } from '../services/targets.ts';

export const targetsRouter = router({
	/** Each conference's targets and the whole year's. Door staff have no need of them. */
	byScope: staffProcedure(['admin', 'recorder', 'leader']).query(({ ctx }) =>
		listTargetsByScope(ctx.db)
	)
});
