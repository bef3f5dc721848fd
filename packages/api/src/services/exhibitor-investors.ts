import { eq } from 'drizzle-orm';
import { normaliseInvestor } from '@huizhan/ledger';
import { tables, type DbOrTx } from '@huizhan/db';

/*
 * Which deals' investors are exhibitors (展商), for the ledger views: the deal list, a deal's page
 * and the deal export mark them. An investor is an exhibitor when its name, normalised as the
 * duplicate check does (`normaliseInvestor`: 郑州某某传感科技股份有限公司 = 郑州某某传感科技有限公司),
 * equals the Chinese or English name of an approved exhibitor.
 *
 * Of any edition, not only the deal's: a deal is often signed at an everyday signing or at the
 * other conference, and a company that exhibited last year and signs this year is exactly what
 * leadership means by "the exhibition brought investors". The ledger keeps the investor as typed,
 * with no company id, so the name is the only link.
 */

/** Tells whether an investor's name is an approved exhibitor's: one query, then no more per row. */
export async function exhibitorInvestors(db: DbOrTx): Promise<(investor: string) => boolean> {
	const { exhibitors: e } = tables(db);
	const names = new Set<string>();
	for (const company of await db
		.select({ zh: e.companyZh, en: e.companyEn })
		.from(e)
		.where(eq(e.status, 'approved'))) {
		for (const name of [company.zh, company.en]) {
			const normalised = normaliseInvestor(name);
			if (normalised) names.add(normalised);
		}
	}
	return (investor) => names.has(normaliseInvestor(investor));
}
