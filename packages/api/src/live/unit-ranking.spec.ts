import { eq } from 'drizzle-orm';
import { describe, expect, test } from 'vitest';
import { createDb, ledgerQueries, schema } from '@huizhan/db';
import { seedDemo, seedDemoDeals } from '@huizhan/db/seed';
import { YI } from '@huizhan/ledger';
import { liveSnapshot } from './index.ts';
import { currentTargetOf } from './unit-ranking.ts';

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
	test('ranks units with a target by their share of it, then the rest, and ignores retired targets', () => {
		const { db, close } = createDb({ path: ':memory:' });
		seedDemo(db);
		seedDemoDeals(db);
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
		db.delete(schema.targets).where(eq(schema.targets.scope, 'unit')).run();
		db.insert(schema.targets)
			.values([
				target(1, 100_000 * YI),
				target(2, Math.max(1, Math.floor(signed(2) / 2))),
				target(3, 1, new Date())
			])
			.run();

		// The dashboards' year 2024, as history: the demo's current editions are later.
		const ranking = liveSnapshot(db, now, { year: 2024 }).unitRanking;
		expect(ranking.slice(0, 2).map((line) => line.id)).toEqual([2, 1]);
		expect(ranking[0]).toMatchObject({ reached: true, achieved: signed(2) });
		expect(ranking[1]?.achieved).toBe(signed(1));
		const rest = ranking.slice(2);
		expect(rest.every((line) => line.target === null && line.percentBasisPoints === null)).toBe(
			true
		);
		expect(rest.map((line) => line.achieved)).toEqual(
			[...rest.map((line) => line.achieved)].sort((a, b) => b - a)
		);
		close();
	});
});
