import { createTestDb } from '@huizhan/db/testing';
import { describe, expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { YI } from '@huizhan/ledger';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { staff } from '../test-support.ts';
import { homeTargets } from './home.ts';

/** Two years of editions and targets, built here so the test does not follow the demo data. */
async function twoYears() {
	const handle = await createTestDb();
	const t = tables(handle.db);
	const edition = (
		id: string,
		status: 'open' | 'closed' | 'archived' | 'draft',
		startsOn: string
	) => ({
		id,
		nameZh: id,
		nameEn: id,
		refPrefix: id
			.replace(/[^a-z0-9]/g, '')
			.toUpperCase()
			.slice(0, 8),
		startsOn,
		endsOn: startsOn,
		venueZh: '郑州',
		venueEn: 'Zhengzhou',
		registrationOpensAt: new Date(`${startsOn.slice(0, 4)}-01-01T00:00:00+08:00`),
		registrationClosesAt: new Date(`${startsOn}T18:00:00+08:00`),
		status,
		themeColor: '#0b5cad'
	});
	await handle.db
		.insert(t.conferences)
		.values([
			edition('old-2025', 'archived', '2025-09-10'),
			edition('one-2026', 'open', '2026-09-10'),
			edition('two-2026', 'closed', '2026-10-10'),
			edition('gone-2026', 'archived', '2026-05-10'),
			edition('next-2026', 'draft', '2026-12-10')
		]);
	const target = (year: number, conferenceId: string | null, yi: number) => ({
		scope: conferenceId ? ('conference' as const) : ('year' as const),
		conferenceId,
		metric: 'signed_amount' as const,
		value: yi * YI,
		periodStart: `${year}-01-01`,
		periodEnd: `${year}-12-31`
	});
	await handle.db
		.insert(t.targets)
		.values([
			target(2025, null, 300),
			target(2025, 'old-2025', 100),
			target(2026, null, 600),
			target(2026, 'one-2026', 500),
			target(2026, 'gone-2026', 50)
		]);
	return handle;
}

describe('the console home’s targets', () => {
	test('follow the current year’s editions, then its whole-year targets', async () => {
		const { db, close } = await twoYears();
		try {
			const home = await homeTargets(db, '2026-03-01');
			expect(home.calendar).toEqual({ year: 2026, current: 2026, offered: [2026, 2025] });
			expect(home.groups.map((g) => g.conference?.id ?? 'year')).toEqual([
				'one-2026',
				'two-2026',
				'year'
			]);
			expect(home.groups[0]!.targets.map((t) => t.value)).toEqual([500 * YI]);
			expect(home.groups[2]!.targets.map((t) => t.value)).toEqual([600 * YI]);
			expect(home.groups[2]!.targets[0]!.progress.achieved).toBe(0);
		} finally {
			await close();
		}
	});

	test('show an earlier year as history, its archived editions included', async () => {
		const { db, close } = await twoYears();
		try {
			const home = await homeTargets(db, '2026-03-01', 2025);
			expect(home.calendar.year).toBe(2025);
			expect(home.groups.map((g) => g.conference?.id ?? 'year')).toEqual(['old-2025', 'year']);
			expect(home.groups[1]!.targets.map((t) => t.value)).toEqual([300 * YI]);
		} finally {
			await close();
		}
	});
});

describe('the dashboards’ procedures', () => {
	test('take a year, default to the current one, and refuse one that is not a year', async () => {
		const handle = await twoYears();
		try {
			const now = new Date('2026-03-01T02:00:00Z');
			const caller = createAdminCaller(
				createContextInner({ ...handle, user: staff(['leader']), now: () => now })
			);
			expect((await caller.live.snapshot()).calendar.year).toBe(2026);
			const history = await caller.live.snapshot({ year: 2025 });
			expect(history.calendar).toEqual({ year: 2025, current: 2026, offered: [2026, 2025] });
			expect(history.conferences.map((c) => c.id)).toEqual(['old-2025']);
			expect((await caller.live.targets({ year: 2025 })).calendar.year).toBe(2025);
			expect((await caller.live.targets()).groups.map((g) => g.conference?.id ?? 'year')).toEqual([
				'one-2026',
				'two-2026',
				'year'
			]);
			for (const year of [1999, 3000, 2025.5])
				await expect(caller.live.snapshot({ year })).rejects.toThrow(/invalid_year/);
			await expect(caller.live.targets({ year: 1999 })).rejects.toThrow(/invalid_year/);
		} finally {
			await handle.close();
		}
	});
});
