import { auditListInput } from '../schemas/staff.ts';
import { listAudit } from '../services/audit.ts';
import { router, staffProcedure } from '../trpc.ts';

export const auditRouter = router({
	/** The audit log, newest first, with filters. Admins only: it names who did what. */
	list: staffProcedure(['admin'])
		.input(auditListInput)
		.query(({ ctx, input }) => listAudit(ctx.db, input))
});
