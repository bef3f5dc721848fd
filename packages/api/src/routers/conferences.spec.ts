import { eq } from 'drizzle-orm';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { createAttendeeCaller } from '../root.ts';
import { seededContext } from '../test-support.ts';

test('lists the demo conferences in date order with their categories, 2024 closed and the current ones open', async () => {
	const { ctx, close } = await seededContext();
	const conferences = await createAttendeeCaller(ctx).conferences.list();
	expect(conferences.map((c) => c.id)).toEqual([
		'diamond-2024',
		'wsc-2024',
		'diamond-2027',
		'wsc-2027'
	]);
	expect(conferences[1]).toMatchObject({
		nameZh: '2024世界传感器大会',
		nameEn: '2024 World Sensor Conference',
		venueZh: '郑州国际会展中心',
		status: 'closed'
	});
	expect(conferences[3]).toMatchObject({
		nameZh: '2027世界传感器大会',
		nameEn: '2027 World Sensor Conference',
		venueZh: '郑州国际会展中心',
		status: 'open'
	});
	expect(conferences[3]?.categories.map((c) => c.category)).toEqual(
		conferences[1]?.categories.map((c) => c.category)
	);
	expect(conferences[1]?.categories.map((c) => c.category)).toEqual([
		'visitor',
		'delegate',
		'exhibitor',
		'media',
		'vip'
	]);
	await close();
});

test('keeps a draft conference off the public list', async () => {
	const { ctx, db, close } = await seededContext();
	const { conferences: table } = tables(db);
	await db.update(table).set({ status: 'draft' }).where(eq(table.id, 'wsc-2024'));
	const conferences = await createAttendeeCaller(ctx).conferences.list();
	expect(conferences.map((c) => c.id)).toEqual(['diamond-2024', 'diamond-2027', 'wsc-2027']);
	await close();
});

test('keeps an archived conference off the public list', async () => {
	const { ctx, db, close } = await seededContext();
	const { conferences: table } = tables(db);
	await db.update(table).set({ status: 'archived' }).where(eq(table.id, 'diamond-2024'));
	const conferences = await createAttendeeCaller(ctx).conferences.list();
	expect(conferences.map((c) => c.id)).toEqual(['wsc-2024', 'diamond-2027', 'wsc-2027']);
	await close();
});
