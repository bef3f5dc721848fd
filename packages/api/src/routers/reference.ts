// The same conferences, chains and units a spreadsheet's names are matched against.
import { referenceData as dealOptions } from '../services/deal-imports.ts';
import { router, staffProcedure } from '../trpc.ts';

export const referenceRouter = router({
	/** The choices the deal forms and filters offer: conferences, chains, units. */
	dealOptions: staffProcedure(['recorder', 'admin', 'leader']).query(({ ctx }) =>
		dealOptions(ctx.db)
	)
});
