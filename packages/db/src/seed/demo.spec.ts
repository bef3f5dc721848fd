import { expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { YI } from '@huizhan/ledger';
import { createDb } from '../client.ts';
import { seedDemo } from './demo.ts';
import {
	checkpoints,
	conferenceCategories,
	conferences,
	industryChains,
	responsibleUnits,
	targets
} from '../schema/index.ts';

test('creates both 2024 conferences at the Zhengzhou International Convention and Exhibition Centre', () => {
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	const rows = db.select().from(conferences).all();
	expect(rows.map((c) => [c.id, c.nameZh]).sort()).toEqual([
		['diamond-2024', '2024世界金刚石大会'],
		['wsc-2024', '2024世界传感器大会']
	]);
	expect(new Set(rows.map((c) => c.venueZh))).toEqual(new Set(['郑州国际会展中心']));
	expect(db.select().from(conferenceCategories).all()).toHaveLength(10);
	expect(
		db.select().from(checkpoints).where(eq(checkpoints.conferenceId, 'wsc-2024')).all().length
	).toBeGreaterThanOrEqual(3);
	close();
});

test('sets the targets of the work plan: 500亿, 200亿, 600亿 for the year, 10 in Q3, 2 landed', () => {
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	const rows = db.select().from(targets).all();
	const find = (conferenceId: string | null, metric: string) =>
		rows.find((t) => t.scope !== 'unit' && t.conferenceId === conferenceId && t.metric === metric);
	expect(find('wsc-2024', 'signed_amount')?.value).toBe(500 * YI);
	expect(find('diamond-2024', 'signed_amount')?.value).toBe(200 * YI);
	expect(find(null, 'signed_amount')?.value).toBe(600 * YI);
	expect(find(null, 'formal_signing_count')).toMatchObject({
		value: 10,
		periodStart: '2024-07-01',
		periodEnd: '2024-09-30'
	});
	expect(find(null, 'landed_100yi_count')?.value).toBe(2);
	close();
});

test('gives four responsible units a signed-amount target of their own, so the ranking has entries', () => {
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	const units = db.select().from(responsibleUnits).all();
	const unitTargets = db
		.select()
		.from(targets)
		.all()
		.filter((t) => t.scope === 'unit')
		.map((t) => [units.find((u) => u.id === t.responsibleUnitId)?.nameZh, t.value / YI]);
	expect(unitTargets).toEqual([
		['投资促进部', 200],
		['经济发展部', 150],
		['科技创新局', 80],
		['企业服务局', 50]
	]);
	close();
});

test('seeds the ten industry chains and six responsible units as editable rows', () => {
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	const chains = db
		.select()
		.from(industryChains)
		.all()
		.map((c) => c.nameZh);
	expect(chains).toContain('智能传感器');
	expect(chains).toContain('超硬材料');
	expect(chains).toHaveLength(10);
	expect(
		db
			.select()
			.from(responsibleUnits)
			.all()
			.map((u) => u.nameZh)
	).toContain('投资促进部');
	close();
});

test('running the seed again creates nothing and keeps what an admin edited', () => {
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	db.update(targets)
		.set({ value: 550 * YI })
		.where(eq(targets.conferenceId, 'wsc-2024'))
		.run();
	const again = seedDemo(db);
	expect(Object.values(again.created).every((n) => n === 0)).toBe(true);
	expect(db.select().from(targets).all()).toHaveLength(9);
	expect(db.select().from(targets).where(eq(targets.conferenceId, 'wsc-2024')).get()?.value).toBe(
		550 * YI
	);
	close();
});

test('seeds a few hundred registrations in every category, some pending approval, some cancelled, once', async () => {
	const { seedDemoRegistrations } = await import('./registrations.ts');
	const { registrations } = await import('../schema/index.ts');
	const { db, close } = createDb({ path: ':memory:' });
	seedDemo(db);
	expect(seedDemoRegistrations(db)).toBeGreaterThan(300);
	const rows = db.select().from(registrations).all();
	expect(new Set(rows.map((r) => r.category))).toEqual(
		new Set(['visitor', 'delegate', 'exhibitor', 'media', 'vip'])
	);
	expect(rows.some((r) => r.status === 'pending')).toBe(true);
	expect(rows.some((r) => r.status === 'cancelled')).toBe(true);
	expect(
		rows
			.filter((r) => r.status === 'pending')
			.every((r) => r.category === 'vip' || r.category === 'media')
	).toBe(true);
	expect(seedDemoRegistrations(db)).toBe(0);
	close();
});
