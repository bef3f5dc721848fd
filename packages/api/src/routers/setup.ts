import { setupStatus } from '../services/setup.ts';
import { router, staffProcedure } from '../trpc.ts';

/** The console's first-run checklist: admins only, since only they can fix what it lists. */
export const setupRouter = router({
	checklist: staffProcedure(['admin']).query(({ ctx }) =>
		setupStatus(ctx.db, ctx.now(), ctx.mail.enabled)
	)
});
