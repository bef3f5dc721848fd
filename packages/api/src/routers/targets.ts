import { publicProcedure, router } from '../trpc.ts';
import { listTargetsByScope } from '../services/targets.ts';

export const targetsRouter = router({
	/** Each conference's targets and the whole year's, for the admin home page. */
	byScope: publicProcedure.query(({ ctx }) => listTargetsByScope(ctx.db))
});
