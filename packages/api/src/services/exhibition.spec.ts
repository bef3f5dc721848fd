import { and, eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { seedDemoRegistrations } from '@huizhan/db/seed';
import { seededContext } from '../test-support.ts';
import {
	assignedArea,
	boothHolder,
	exhibitionRulesOf,
	exhibitorBySecret,
	heldBooths,
	passCounts
} from './exhibition.ts';

async function exhibitionWorld() {
	const { db } = await seededContext();
	const t = tables(db);
	const [admin] = await db
		.insert(t.staffUsers)
		.values({ login: 'expo-admin', displayName: '展务', passwordHash: '$argon2id$not-used-here' })
		.returning({ id: t.staffUsers.id });
	const [hall] = await db
		.insert(t.exhibitionHalls)
		.values({ conferenceId: 'wsc-2024', code: 'A', nameZh: 'A馆', nameEn: 'Hall A' })
		.returning();
	const [a101, a102] = await db
		.insert(t.booths)
		.values([
			{
				conferenceId: 'wsc-2024',
				hallId: hall!.id,
				number: 'A-101',
				areaSquareMetres: 18,
				type: 'standard'
			},
			{
				conferenceId: 'wsc-2024',
				hallId: hall!.id,
				number: 'A-102',
				areaSquareMetres: 36,
				type: 'raw'
			}
		])
		.returning();
	const company = (creditCode: string, secret: string) => ({
		conferenceId: 'wsc-2024',
		companyZh: '汉威科技',
		companyEn: 'Hanwei',
		creditCode,
		contactName: '王五',
		contactMobile: '+8613700137000',
		wantedBoothType: 'standard' as const,
		wantedSquareMetres: 18,
		language: 'zh-CN' as const,
		status: 'approved' as const,
		secret,
		consentAt: new Date()
	});
	const [exhibitor] = await db
		.insert(t.exhibitors)
		.values(company('91350100M000100Y43', 'x'.repeat(22)))
		.returning();
	return { db, t, admin: admin!, a101: a101!, a102: a102!, exhibitor: exhibitor!, company };
}

test('an edition without exhibition rules takes no applications and has no set-up days', async () => {
	const { db, t } = await exhibitionWorld();
	const rules = await exhibitionRulesOf(db, 'wsc-2024');
	expect(rules).toMatchObject({ applicationsOpen: false, setupDays: null });
	expect(rules.staff).toEqual({ squareMetresPer: 3, minimum: 2 });
	await db.insert(t.exhibitionRules).values({
		conferenceId: 'wsc-2024',
		applicationsOpen: true,
		staffSquareMetresPer: 4,
		setupStartsOn: '2024-11-01',
		setupEndsOn: '2024-11-02'
	});
	expect(await exhibitionRulesOf(db, 'wsc-2024')).toMatchObject({
		applicationsOpen: true,
		staff: { squareMetresPer: 4, minimum: 2 },
		setupDays: { startsOn: '2024-11-01', endsOn: '2024-11-02' }
	});
});

test('passes follow the assigned area only, and count the exhibitor’s people who hold a seat', async () => {
	const { db, t, admin, a101, a102, exhibitor } = await exhibitionWorld();
	await seedDemoRegistrations(db);
	await db.insert(t.boothHolds).values([
		{ boothId: a101.id, exhibitorId: exhibitor.id, kind: 'assigned', createdBy: admin.id },
		{ boothId: a102.id, exhibitorId: exhibitor.id, kind: 'reserved', createdBy: admin.id }
	]);
	const held = (await heldBooths(db, [exhibitor.id])).get(exhibitor.id)!;
	expect(held.map((b) => [b.number, b.hold, b.hallCode])).toEqual([
		['A-101', 'assigned', 'A'],
		['A-102', 'reserved', 'A']
	]);
	expect(assignedArea(held)).toBe(18);

	const bind = async (status: 'confirmed' | 'cancelled', pass: 'staff' | 'setup', n: number) => {
		const people = await db
			.select({ id: t.registrations.id })
			.from(t.registrations)
			.where(and(eq(t.registrations.conferenceId, 'wsc-2024'), eq(t.registrations.status, status)))
			.limit(n);
		expect(people).toHaveLength(n);
		for (const p of people) {
			await db
				.update(t.registrations)
				.set({ exhibitorId: exhibitor.id, exhibitorPass: pass })
				.where(eq(t.registrations.id, p.id));
		}
	};
	await bind('confirmed', 'staff', 2);
	await bind('cancelled', 'staff', 1);
	expect(await passCounts(db, exhibitor)).toEqual({
		staff: { quota: 6, used: 2 },
		setup: { quota: 2, used: 0 }
	});
	expect(await exhibitorBySecret(db, 'x'.repeat(22))).toMatchObject({ id: exhibitor.id });
	expect(await exhibitorBySecret(db, 'y'.repeat(22))).toBeNull();
});

test('the database refuses a second standing holder of a booth; a released booth can be held again', async () => {
	const { db, t, admin, a101, exhibitor, company } = await exhibitionWorld();
	const [other] = await db
		.insert(t.exhibitors)
		.values(company('91410100MA40000001'.slice(0, 17) + '0', 'z'.repeat(22)))
		.returning();
	const [first] = await db
		.insert(t.boothHolds)
		.values({ boothId: a101.id, exhibitorId: exhibitor.id, kind: 'assigned', createdBy: admin.id })
		.returning();
	await expect(
		db
			.insert(t.boothHolds)
			.values({ boothId: a101.id, exhibitorId: other!.id, kind: 'reserved', createdBy: admin.id })
	).rejects.toThrow();
	expect(await boothHolder(db, a101.id)).toEqual({
		holdId: first!.id,
		exhibitorId: exhibitor.id,
		kind: 'assigned'
	});
	await db
		.update(t.boothHolds)
		.set({ releasedAt: new Date(), releasedBy: admin.id })
		.where(eq(t.boothHolds.id, first!.id));
	expect(await boothHolder(db, a101.id)).toBeNull();
	await db
		.insert(t.boothHolds)
		.values({ boothId: a101.id, exhibitorId: other!.id, kind: 'assigned', createdBy: admin.id });
	expect((await boothHolder(db, a101.id))?.exhibitorId).toBe(other!.id);
});

test('one company applies once per edition while its application stands', async () => {
	const { db, t, company } = await exhibitionWorld();
	await expect(
		db
			.insert(t.exhibitors)
			.values({ ...company('91350100M000100Y43', 'w'.repeat(22)), status: 'pending' })
	).rejects.toThrow();
	// A rejected application does not stand: the company may apply again.
	await db
		.update(t.exhibitors)
		.set({ status: 'rejected' })
		.where(eq(t.exhibitors.creditCode, '91350100M000100Y43'));
	await db
		.insert(t.exhibitors)
		.values({ ...company('91350100M000100Y43', 'w'.repeat(22)), status: 'pending' });
	// Another edition is another exhibition.
	await db.insert(t.exhibitors).values({
		...company('91350100M000100Y43', 'v'.repeat(22)),
		conferenceId: 'diamond-2024',
		status: 'pending'
	});
});
