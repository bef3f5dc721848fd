import { createTestDb } from '@huizhan/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { seedDemo, seedDemoDeals } from '@huizhan/db/seed';
import { AppError } from '../errors.ts';
import { signedInCaller } from '../test-support.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
let handle: DbHandle;
let api: Awaited<ReturnType<typeof signedInCaller>>['api'];

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now);
	await seedDemoDeals(handle.db);
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
		a.action.startsWith('organisation_')
	);

describe('industry chains and responsible units', () => {
	test('a new chain goes to the end of the list and is audited', async () => {
		const created = await api.organisation.create({
			kind: 'chain',
			nameZh: '低空经济',
			nameEn: 'Low-altitude economy'
		});
		const { chains } = await api.organisation.list();
		expect(chains.at(-1)).toMatchObject({ id: created.id, nameZh: '低空经济', deletable: true });
		expect(await audit()).toEqual([expect.objectContaining({ action: 'organisation_created' })]);
	});

	test('a rename shows on the deals that name it, and the audit keeps the old name', async () => {
		const t = tables(handle.db);
		const [deal] = await handle.db.select().from(t.deals).limit(1);
		if (!deal) throw new Error('the demo has no deal');
		const before = (await handle.db.select().from(t.industryChains)).find(
			(c) => c.id === deal.chainId
		)!;
		await api.organisation.rename({
			kind: 'chain',
			id: deal.chainId,
			nameZh: '智能传感器（更名）',
			nameEn: 'Sensors (renamed)'
		});
		// Deals name their chain by id: the deal page, lists and exports read today's name.
		expect((await api.deals.get({ dealId: deal.id })).deal.facts.chainId).toBe(deal.chainId);
		const { chains } = await api.reference.dealOptions();
		expect(chains.find((c) => c.id === deal.chainId)?.nameZh).toBe('智能传感器（更名）');
		expect(await audit()).toEqual([
			expect.objectContaining({
				action: 'organisation_renamed',
				detail: {
					old: { nameZh: before.nameZh, nameEn: before.nameEn },
					new: { nameZh: '智能传感器（更名）', nameEn: 'Sensors (renamed)' }
				}
			})
		]);
	});

	test('a name already taken is refused and nothing changes', async () => {
		const { responsibleUnits } = tables(handle.db);
		const before = await handle.db.select().from(responsibleUnits);
		expect(
			await refusal(() =>
				api.organisation.rename({ kind: 'unit', id: 2, nameZh: before[0]!.nameZh, nameEn: 'x' })
			)
		).toBe('organisation_name_taken');
		expect(
			await refusal(() => api.organisation.create({ kind: 'unit', nameZh: '  ', nameEn: 'x' }))
		).toBe('BAD_REQUEST');
		expect(await handle.db.select().from(responsibleUnits)).toEqual(before);
		expect(await audit()).toEqual([]);
	});

	test('moving one up swaps it with the one above, and the order is audited', async () => {
		const ids = (await api.organisation.list()).units.map((u) => u.id);
		await api.organisation.move({ kind: 'unit', id: ids[1]!, direction: 'up' });
		const after = (await api.organisation.list()).units.map((u) => u.id);
		expect(after).toEqual([ids[1], ids[0], ...ids.slice(2)]);
		expect((await audit()).at(-1)).toMatchObject({
			action: 'organisation_reordered',
			detail: { old: 1, new: 0 }
		});
	});

	test('a unit that deals name is never deleted, only retired and restored', async () => {
		const t = tables(handle.db);
		const used = (await handle.db.select().from(t.deals).limit(1))[0]!.unitId;
		expect(await refusal(() => api.organisation.delete({ kind: 'unit', id: used }))).toBe(
			'organisation_in_use'
		);
		await api.organisation.setActive({ kind: 'unit', id: used, active: false });
		const options = await api.reference.dealOptions();
		expect(options.units.find((u) => u.id === used)?.active).toBe(false);
		await api.organisation.setActive({ kind: 'unit', id: used, active: true });
		expect((await audit()).map((a) => a.action)).toEqual([
			'organisation_retired',
			'organisation_restored'
		]);
		expect((await handle.db.select().from(t.responsibleUnits)).map((u) => u.id)).toContain(used);
	});

	test('one added by mistake, named by nothing, can be deleted', async () => {
		const created = await api.organisation.create({
			kind: 'unit',
			nameZh: '错录单位',
			nameEn: 'Typo'
		});
		await api.organisation.delete({ kind: 'unit', id: created.id });
		expect((await api.organisation.list()).units.map((u) => u.id)).not.toContain(created.id);
		expect((await audit()).at(-1)).toMatchObject({
			action: 'organisation_deleted',
			detail: { old: { nameZh: '错录单位', nameEn: 'Typo' } }
		});
	});

	test('only admins see or change the lists', async () => {
		const { api: recorder } = await signedInCaller(handle, 'rec', ['recorder'], { now: () => now });
		expect(await refusal(() => recorder.organisation.list())).toBe('FORBIDDEN');
		expect(
			await refusal(() => recorder.organisation.create({ kind: 'chain', nameZh: 'x', nameEn: 'x' }))
		).toBe('FORBIDDEN');
	});
});
