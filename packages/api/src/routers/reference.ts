import { asc } from 'drizzle-orm';
import { schema } from '@huizhan/db';
import { router, staffProcedure } from '../trpc.ts';

const { conferences, industryChains, responsibleUnits } = schema;

export const referenceRouter = router({
	/** The choices the deal forms and filters offer: conferences, chains, units. */
	dealOptions: staffProcedure(['recorder', 'admin', 'leader']).query(({ ctx }) => ({
		conferences: ctx.db
			.select({ id: conferences.id, nameZh: conferences.nameZh, nameEn: conferences.nameEn })
			.from(conferences)
			.orderBy(asc(conferences.startsOn))
			.all(),
		chains: ctx.db
			.select({
				id: industryChains.id,
				nameZh: industryChains.nameZh,
				nameEn: industryChains.nameEn,
				active: industryChains.active
			})
			.from(industryChains)
			.orderBy(asc(industryChains.sortOrder))
			.all(),
		units: ctx.db
			.select({
				id: responsibleUnits.id,
				nameZh: responsibleUnits.nameZh,
				nameEn: responsibleUnits.nameEn,
				active: responsibleUnits.active
			})
			.from(responsibleUnits)
			.orderBy(asc(responsibleUnits.sortOrder))
			.all()
	}))
});
