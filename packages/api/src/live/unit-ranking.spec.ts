import { createTestDb } from '@huizhan/db/testing';
import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { ledgerQueries, tables } from '@huizhan/db';
import { seedDemo, seedDemoDeals } from '@huizhan/db/seed';
import { YI } from '@huizhan/ledger';
import { liveSnapshot } from './index.ts';
import { currentTargetOf, rankingDay, unitRanking } from './unit-ranking.ts';
import { projectionSource } from './sources.ts';

describe('the day a year is ranked on', () => {
	test('is today within the current year, the last day of an earlier one, the first of a later one', () => {
		expect(rankingDay('2026-11-29', 2026)).toBe('2026-11-29');
		expect(rankingDay('2026-11-29', 2024)).toBe('2024-12-31');
		expect(rankingDay('2026-11-29', 2027)).toBe('2027-01-01');
	});
});

describe('a year of the ranking', () => {
	test('measures each unit against its target of that year only, and the year without one', async () => {
		const { db, close } = await createTestDb();
		await seedDemo(db, new Date('2026-11-29T04:00:00Z'));
		await seedDemoDeals(db, new Date('2026-11-29T04:00:00Z'));
		const source = await projectionSource(db);
		const of2024 = await unitRanking(db, source, '2026-11-29', 2024);
		const of2027 = await unitRanking(db, source, '2026-11-29', 2027);
		const of2031 = await unitRanking(db, source, '2026-11-29', 2031);
		const unit1 = (lines: typeof of2024) => lines.find((l) => l.id === 1)!;
		expect(unit1(of2024).target).toMatchObject({ periodStart: '2024-01-01', value: 200 * YI });
		expect(unit1(of2027).target).toMatchObject({ periodStart: '2027-01-01', value: 200 * YI });
		// Nothing set for 2031, and nothing signed then yet.
		expect(of2031.every((l) => l.target === null && l.achieved === 0)).toBe(true);
		expect(unit1(of2024).achieved).toBeGreaterThan(0);
		await close();
	});
});

describe('currentTargetOf', () => {
	const t2024 = { periodStart: '2024-01-01', periodEnd: '2024-12-31' };
	const t2025 = { periodStart: '2025-01-01', periodEnd: '2025-12-31' };

	test('takes the target whose period holds today', () => {
		expect(currentTargetOf([t2024, t2025], '2025-06-01')).toBe(t2025);
	});

	test('takes the latest ended one after the last period, and the next one before the first', () => {
		expect(currentTargetOf([t2024, t2025], '2026-02-01')).toBe(t2025);
		expect(currentTargetOf([t2025, t2024], '2023-02-01')).toBe(t2024);
		expect(currentTargetOf([], '2023-02-01')).toBeNull();
	});
});

describe('the unit ranking in the live snapshot', () => {
	test('ranks units with a target by their share of it, then the rest, and ignores retired targets', async () => {
		const { db, close } = await createTestDb();
		const t = tables(db);
		await seedDemo(db);
		await seedDemoDeals(db);
		const now = new Date('2024-11-04T10:00:00+08:00');
		const period = { periodStart: '2024-01-01', periodEnd: '2024-12-31' };
		const signed = (unitId: number) =>
			ledgerQueries.sqlAchieved(db, {
				scope: 'unit',
				conferenceId: null,
				unitId,
				metric: 'signed_amount',
				...period
			});
		const target = (responsibleUnitId: number, value: number, retiredAt: Date | null = null) => ({
			scope: 'unit' as const,
			responsibleUnitId,
			metric: 'signed_amount' as const,
			value,
			...period,
			retiredAt
		});
		// Unit 2 is set a target it has already passed; unit 1 one it is far from.
		await db.delete(t.targets).where(eq(t.targets.scope, 'unit'));
		await db
			.insert(t.targets)
			.values([
				target(1, 100_000 * YI),
				target(2, Math.max(1, Math.floor((await signed(2)) / 2))),
				target(3, 1, new Date())
			]);

		// The dashboards' year 2024, as history: the demo's current editions are later.
		const ranking = (await liveSnapshot(db, now, { year: 2024 })).unitRanking;
		expect(ranking.slice(0, 2).map((line) => line.id)).toEqual([2, 1]);
		expect(ranking[0]).toMatchObject({ reached: true, achieved: await signed(2) });
		expect(ranking[1]?.achieved).toBe(await signed(1));
		const rest = ranking.slice(2);
		expect(rest.every((line) => line.target === null && line.percentBasisPoints === null)).toBe(
			true
		);
		expect(rest.map((line) => line.achieved)).toEqual(
			[...rest.map((line) => line.achieved)].sort((a, b) => b - a)
		);
		await close();
	});
});
