import { creditCodeCheckCharacter, type BoothHold, type ExhibitorStatus } from '@huizhan/ledger';
import { tables, type Db } from '@huizhan/db';

/*
 * A small exhibition for the directory's, the live pages' and the ledger views' tests: two halls,
 * a few booths, and exhibitors in each status, some holding booths.
 */

let companies = 0;

/** A valid credit code, different at every call. */
export function testCreditCode(): string {
	companies += 1;
	const first17 = `91410100MA${String(companies).padStart(7, '0')}`;
	return first17 + creditCodeCheckCharacter(first17);
}

export interface TestExhibitor {
	companyZh: string;
	companyEn: string;
	status?: ExhibitorStatus;
	productsZh?: string;
	productsEn?: string;
	chainId?: number | null;
	/** Booth numbers it holds, and how. */
	holds?: { booth: string; kind?: BoothHold; releasedAt?: Date }[];
}

export async function addTestExhibition(
	db: Db,
	conferenceId: string,
	exhibitors: TestExhibitor[],
	booths: { number: string; hall: 'A' | 'B'; area: number }[]
) {
	const t = tables(db);
	const [admin] = await db
		.insert(t.staffUsers)
		.values({
			login: `expo-${conferenceId}-${companies}`,
			displayName: '展务',
			passwordHash: '$argon2id$not-used-here'
		})
		.returning({ id: t.staffUsers.id });
	const halls = await db
		.insert(t.exhibitionHalls)
		.values([
			{ conferenceId, code: 'A', nameZh: 'A馆', nameEn: 'Hall A', sortOrder: 0 },
			{ conferenceId, code: 'B', nameZh: 'B馆', nameEn: 'Hall B', sortOrder: 1 }
		])
		.returning();
	const hallId = (code: string) => halls.find((h) => h.code === code)!.id;
	const boothRows =
		booths.length === 0
			? []
			: await db
					.insert(t.booths)
					.values(
						booths.map((b) => ({
							conferenceId,
							hallId: hallId(b.hall),
							number: b.number,
							areaSquareMetres: b.area,
							type: b.area >= 36 ? ('raw' as const) : ('standard' as const)
						}))
					)
					.returning();
	const ids: Record<string, number> = {};
	for (const x of exhibitors) {
		const [row] = await db
			.insert(t.exhibitors)
			.values({
				conferenceId,
				companyZh: x.companyZh,
				companyEn: x.companyEn,
				creditCode: testCreditCode(),
				contactName: '王五',
				contactMobile: '+8613700137000',
				industryChainId: x.chainId ?? null,
				productsZh: x.productsZh ?? '',
				productsEn: x.productsEn ?? '',
				wantedBoothType: 'standard',
				wantedSquareMetres: 18,
				language: 'zh-CN',
				status: x.status ?? 'approved',
				secret: `test-exhibitor-${conferenceId}-${companies}`,
				consentAt: new Date()
			})
			.returning({ id: t.exhibitors.id });
		ids[x.companyEn] = row!.id;
		for (const hold of x.holds ?? []) {
			const booth = boothRows.find((b) => b.number === hold.booth)!;
			await db.insert(t.boothHolds).values({
				boothId: booth.id,
				exhibitorId: row!.id,
				kind: hold.kind ?? 'assigned',
				createdBy: admin!.id,
				releasedAt: hold.releasedAt ?? null,
				releasedBy: hold.releasedAt ? admin!.id : null
			});
		}
	}
	return { ids, adminId: admin!.id };
}
