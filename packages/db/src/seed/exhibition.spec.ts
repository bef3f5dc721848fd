import { expect, test } from 'vitest';
import { and, eq, isNull } from 'drizzle-orm';
import { isCreditCode } from '@huizhan/ledger';
import { createTestDb } from '../test-database.ts';
import { tables } from '../tables.ts';
import { currentDemoEditions } from './current-editions.ts';
import { seedDemo } from './demo.ts';
import { seedDemoExhibition } from './exhibition.ts';

const NOW = new Date('2026-11-26T10:00:00+08:00');

async function demoWithAdmin() {
	const handle = await createTestDb();
	await seedDemo(handle.db, NOW);
	const t = tables(handle.db);
	const [admin] = await handle.db
		.insert(t.staffUsers)
		.values({ login: 'admin', displayName: '管理员', passwordHash: '$argon2id$not-used-here' })
		.returning();
	await handle.db.insert(t.staffUserRoles).values({ userId: admin!.id, role: 'admin' });
	return { ...handle, t };
}

test('the demo exhibition: halls, 60 booths each and 64 companies in the current editions, once', async () => {
	const { db, t, close } = await demoWithAdmin();
	try {
		// The demo itself holds no exhibition: the tests that count its rows see none.
		expect(await db.select().from(t.exhibitors)).toEqual([]);
		expect(await seedDemoExhibition(db, NOW)).toBe(64);
		const editions = currentDemoEditions('2026-11-26');
		const exhibitors = await db.select().from(t.exhibitors);
		expect(exhibitors.filter((e) => e.status === 'approved')).toHaveLength(60);
		expect(exhibitors.filter((e) => e.status === 'pending')).toHaveLength(4);
		expect(exhibitors.every((e) => isCreditCode(e.creditCode))).toBe(true);
		expect(new Set(exhibitors.map((e) => e.companyZh)).size).toBe(64);
		expect(new Set(exhibitors.map((e) => e.conferenceId))).toEqual(
			new Set(editions.map((e) => e.id))
		);
		expect(await db.select().from(t.exhibitionHalls)).toHaveLength(6);
		const booths = await db.select().from(t.booths);
		expect(booths).toHaveLength(120);
		expect(booths.filter((b) => b.type === 'raw').every((b) => b.areaSquareMetres >= 36)).toBe(
			true
		);
		const holds = await db
			.select({
				kind: t.boothHolds.kind,
				status: t.exhibitors.status,
				hall: t.exhibitionHalls.code
			})
			.from(t.boothHolds)
			.innerJoin(t.exhibitors, eq(t.exhibitors.id, t.boothHolds.exhibitorId))
			.innerJoin(t.booths, eq(t.booths.id, t.boothHolds.boothId))
			.innerJoin(t.exhibitionHalls, eq(t.exhibitionHalls.id, t.booths.hallId))
			.where(isNull(t.boothHolds.releasedAt));
		// Most approved companies hold an assigned booth; only approved ones hold any.
		expect(holds.filter((h) => h.kind === 'assigned').length).toBeGreaterThan(45);
		expect(holds.some((h) => h.kind === 'reserved')).toBe(true);
		expect(holds.every((h) => h.status === 'approved')).toBe(true);
		// Companies in every hall, raw spaces in C included (the directory's hall search finds them).
		expect(new Set(holds.map((h) => h.hall))).toEqual(new Set(['A', 'B', 'C']));
		const wsc = editions.find((e) => e.series === 'wsc')!;
		const [rules] = await db
			.select()
			.from(t.exhibitionRules)
			.where(and(eq(t.exhibitionRules.conferenceId, wsc.id)));
		expect(rules).toMatchObject({
			applicationsOpen: true,
			setupStartsOn: '2027-11-01',
			setupEndsOn: '2027-11-02'
		});
		expect(await seedDemoExhibition(db, NOW)).toBe(0);
		expect(await db.select().from(t.exhibitors)).toHaveLength(64);
	} finally {
		await close();
	}
});
