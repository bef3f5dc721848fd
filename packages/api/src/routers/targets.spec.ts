import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { YI } from '@huizhan/ledger';
import { AppError } from '../errors.ts';
import { createAdminCaller } from '../root.ts';
import { seededContext, signedInCaller, staff } from '../test-support.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
let handle: DbHandle;
let api: Awaited<ReturnType<typeof signedInCaller>>['api'];

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now);
	({ api } = await signedInCaller(handle, 'chief', ['admin'], {
		now: () => now,
		source: '10.0.0.1'
	}));
});

async function refusal(run: () => Promise<unknown>) {
	try {
		await run();
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		if (error instanceof TRPCError) return error.code;
		throw error;
	}
	throw new Error('not refused');
}

const audit = async () =>
	(await handle.db.select().from(tables(handle.db).auditLog)).filter((a) =>
		a.action.startsWith('target_')
	);
const targetRows = () => handle.db.select().from(tables(handle.db).targets);

// 2031: a year the demo, seeded on `now`, holds no targets for.
const unitTarget = {
	scope: 'unit' as const,
	unitId: 1,
	metric: 'signed_amount' as const,
	value: '50亿',
	periodStart: '2031-01-01',
	periodEnd: '2031-12-31'
};

test('groups the targets by conference, then the whole year', async () => {
	const { ctx, close } = await seededContext({ user: staff(['leader']) });
	const groups = await createAdminCaller(ctx).targets.byScope();
	expect(groups.map((g) => g.conference?.id ?? 'year')).toEqual([
		'diamond-2024',
		'wsc-2024',
		'diamond-2027',
		'wsc-2027',
		'year'
	]);
	expect(groups[1]?.targets).toEqual([
		expect.objectContaining({ metric: 'signed_amount', value: 500 * YI, periodEnd: '2024-11-05' })
	]);
	expect(groups[4]?.targets.map((t) => [t.metric, t.value])).toEqual(
		expect.arrayContaining([
			['signed_amount', 600 * YI],
			['formal_signing_count', 10],
			['landed_100yi_count', 2]
		])
	);
	await close();
});

describe('creating a target', () => {
	test('a unit target typed as 50亿 is stored in whole 元 and audited with its new value', async () => {
		const created = await api.targets.create(unitTarget);
		expect(created).toMatchObject({ scope: 'unit', value: 50 * YI });
		const listed = (await api.targets.list()).find((t) => t.id === created.id);
		expect(listed?.unit).toMatchObject({ id: 1, nameZh: '投资促进部' });
		expect(await audit()).toEqual([
			expect.objectContaining({
				action: 'target_created',
				subjectId: String(created.id),
				detail: { new: expect.objectContaining({ unitId: 1, value: 50 * YI }) }
			})
		]);
	});

	test('conference, year and count targets take their own values', async () => {
		await api.targets.create({
			scope: 'year',
			metric: 'signed_amount',
			value: '800000000',
			periodStart: '2031-01-01',
			periodEnd: '2031-12-31'
		});
		const count = await api.targets.create({
			scope: 'conference',
			conferenceId: 'wsc-2024',
			metric: 'formal_signing_count',
			value: '12个',
			periodStart: '2024-01-01',
			periodEnd: '2024-11-05'
		});
		expect(count.value).toBe(12);
		expect((await targetRows()).find((t) => t.periodStart === '2031-01-01')?.value).toBe(8 * YI);
	});

	test('bad input is refused with a reason and changes nothing', async () => {
		const before = await targetRows();
		expect(await refusal(() => api.targets.create({ ...unitTarget, value: '五十亿' }))).toBe(
			'target_value_not_a_number'
		);
		expect(
			await refusal(() =>
				api.targets.create({ ...unitTarget, metric: 'formal_signing_count', value: '2.5' })
			)
		).toBe('target_value_not_a_count');
		expect(await refusal(() => api.targets.create({ ...unitTarget, unitId: null }))).toBe(
			'target_unit_missing'
		);
		expect(await refusal(() => api.targets.create({ ...unitTarget, unitId: 999 }))).toBe(
			'target_unit_missing'
		);
		expect(
			await refusal(() => api.targets.create({ ...unitTarget, conferenceId: 'wsc-2024' }))
		).toBe('target_scope_mismatch');
		expect(
			await refusal(() => api.targets.create({ ...unitTarget, periodEnd: '2025-12-31' }))
		).toBe('BAD_REQUEST');
		await api.targets.create(unitTarget);
		expect(await refusal(() => api.targets.create(unitTarget))).toBe('target_exists');
		expect(await targetRows()).toHaveLength(before.length + 1);
		expect(await audit()).toHaveLength(1);
	});

	test('a retired unit gets no new target', async () => {
		await api.organisation.setActive({ kind: 'unit', id: 2, active: false });
		expect(await refusal(() => api.targets.create({ ...unitTarget, unitId: 2 }))).toBe(
			'target_unit_retired'
		);
	});
});

describe('editing and retiring a target', () => {
	test('an edit is audited with the old and new values of what changed', async () => {
		const created = await api.targets.create(unitTarget);
		await api.targets.update({
			id: created.id,
			value: '60亿',
			periodStart: '2031-01-01',
			periodEnd: '2031-12-31'
		});
		expect((await audit()).at(-1)).toMatchObject({
			action: 'target_updated',
			detail: { metric: 'signed_amount', old: { value: 50 * YI }, new: { value: 60 * YI } }
		});
	});

	test('a retired target is kept, stops counting, and can be restored while its place is free', async () => {
		const created = await api.targets.create(unitTarget);
		await api.targets.retire({ id: created.id });
		expect((await targetRows()).find((t) => t.id === created.id)?.retiredAt).toEqual(now);
		expect((await api.targets.list({ includeRetired: false })).map((t) => t.id)).not.toContain(
			created.id
		);
		expect(await refusal(() => api.targets.update({ ...unitTarget, id: created.id }))).toBe(
			'target_retired'
		);

		const replacement = await api.targets.create({ ...unitTarget, value: '70亿' });
		expect(await refusal(() => api.targets.restore({ id: created.id }))).toBe('target_exists');
		await api.targets.retire({ id: replacement.id });
		await api.targets.restore({ id: created.id });
		expect((await targetRows()).find((t) => t.id === created.id)?.retiredAt).toBeNull();
		expect((await audit()).map((a) => a.action)).toEqual([
			'target_created',
			'target_retired',
			'target_created',
			'target_retired',
			'target_restored'
		]);
	});

	test('a retired year target leaves the home page’s groups', async () => {
		const year = (await targetRows()).find(
			(t) => t.scope === 'year' && t.metric === 'signed_amount'
		)!;
		await api.targets.retire({ id: year.id });
		const groups = await api.targets.byScope();
		expect(groups.at(-1)?.targets.map((t) => t.id)).not.toContain(year.id);
	});
});

describe('who may change targets', () => {
	test('a leader reads targets but cannot create one', async () => {
		const { api: leader } = await signedInCaller(handle, 'boss', ['leader'], { now: () => now });
		expect((await leader.targets.byScope()).length).toBeGreaterThan(0);
		expect(await refusal(() => leader.targets.create(unitTarget))).toBe('FORBIDDEN');
		expect(await refusal(() => leader.targets.list())).toBe('FORBIDDEN');
	});
});
