import { asc } from 'drizzle-orm';
import { schema, type Db } from '@huizhan/db';

const { conferences, industryChains, responsibleUnits } = schema;

/** The choices the deal forms and filters offer: conferences, chains, units. */
export const dealOptions = (db: Db) => ({
	conferences: db
		.select({ id: conferences.id, nameZh: conferences.nameZh, nameEn: conferences.nameEn })
		.from(conferences)
		.orderBy(asc(conferences.startsOn))
		.all(),
	chains: db
		.select({
			id: industryChains.id,
			nameZh: industryChains.nameZh,
			nameEn: industryChains.nameEn,
			active: industryChains.active
		})
		.from(industryChains)
		.orderBy(asc(industryChains.sortOrder))
		.all(),
	units: db
		.select({
			id: responsibleUnits.id,
			nameZh: responsibleUnits.nameZh,
			nameEn: responsibleUnits.nameEn,
			active: responsibleUnits.active
		})
		.from(responsibleUnits)
		.orderBy(asc(responsibleUnits.sortOrder))
		.all()
});
