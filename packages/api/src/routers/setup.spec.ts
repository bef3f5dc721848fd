import { createTestDb } from '@huizhan/db/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createDb, installationMode, tables, type DbHandle } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAttendeeCaller } from '../root.ts';
import { signedInCaller } from '../test-support.ts';

const now = new Date('2026-03-01T10:00:00+08:00');
let dir: string;
let handle: DbHandle;

beforeEach(async () => {
	dir = mkdtempSync(join(tmpdir(), 'huizhan-setup-'));
	// A file database, created here as the apps and `user add` create one: a production database.
	handle = await createDb({ path: join(dir, 'huizhan.db') });
});
afterEach(async () => {
	await handle.close();
	rmSync(dir, { recursive: true, force: true });
});

const mailOn = { enabled: true, kick: () => {} };
const adminApi = async (mail = { enabled: false, kick: () => {} }) =>
	(await signedInCaller(handle, 'chief', ['admin'], { now: () => now, source: 'test', mail })).api;
const state = (list: { checks: { item: string; done: boolean }[] }) =>
	Object.fromEntries(list.checks.map((c) => [c.item, c.done]));

const edition = {
	id: 'wsc-2026',
	nameZh: '2026世界传感器大会',
	nameEn: '2026 World Sensor Conference',
	startsOn: '2026-11-03',
	endsOn: '2026-11-05',
	venueZh: '郑州国际会展中心',
	venueEn: 'Zhengzhou International Convention and Exhibition Centre',
	themeColor: '#0b5cad',
	refPrefix: 'WSC26',
	registrationOpensAt: '2026-02-01T00:00:00+08:00',
	registrationClosesAt: '2026-11-05T18:00:00+08:00'
};

describe('a production database created empty', () => {
	test('holds no demo data: no conference, no deal, no account but the first admin', async () => {
		const api = await adminApi();
		expect(await installationMode(handle.db)).toBe('production');
		const attendee = createAttendeeCaller(createContextInner({ ...handle, now: () => now }));
		expect(await attendee.conferences.list()).toEqual([]);
		const t = tables(handle.db);
		expect(await handle.db.select().from(t.deals)).toEqual([]);
		expect(await handle.db.select().from(t.targets)).toEqual([]);
		expect((await handle.db.select().from(t.staffUsers)).map((u) => u.login)).toEqual(['chief']);
		expect((await api.setup.checklist()).complete).toBe(false);
	});

	test('shows the first admin a checklist with every item missing', async () => {
		const list = await (await adminApi()).setup.checklist();
		expect(list.checks.map((c) => [c.item, c.done])).toEqual([
			['edition', false],
			['categories', false],
			['gates', false],
			['targets', false],
			['devices', false],
			['staff', false],
			['mail', false]
		]);
		expect(list.firstEdition).toBeNull();
		expect(list.shown).toBe(true);
	});

	test('ticks the edition and its categories once an edition is created and opened', async () => {
		const api = await adminApi();
		await api.editions.create(edition);
		const asDraft = await api.setup.checklist();
		expect(state(asDraft)).toMatchObject({ edition: false, categories: false });
		expect(asDraft.firstEdition).toBe('wsc-2026');

		await api.editions.setStatus({ id: 'wsc-2026', status: 'open' });
		const opened = await api.setup.checklist();
		expect(state(opened)).toMatchObject({ edition: true, categories: true, gates: false });
		expect(opened.checks.find((c) => c.item === 'gates')?.editions).toEqual(['wsc-2026']);
	});

	test('ticks gates, devices, targets, staff and mail as each is set up, then is complete', async () => {
		const api = await adminApi(mailOn);
		await api.editions.create(edition);
		await api.editions.setStatus({ id: 'wsc-2026', status: 'open' });
		const gate = await api.checkpoints.create({
			conferenceId: 'wsc-2026',
			nameZh: '1号门',
			nameEn: 'Gate 1',
			allowedCategories: ['visitor'],
			entryRule: 'once_per_day',
			printBadge: false
		});
		await api.scannerDevices.issue({
			conferenceId: 'wsc-2026',
			checkpointId: gate.id,
			name: 'PDA 1'
		});
		await handle.db.insert(tables(handle.db).targets).values({
			scope: 'conference',
			conferenceId: 'wsc-2026',
			metric: 'signed_amount',
			value: 50_000_000_000,
			periodStart: '2026-01-01',
			periodEnd: '2026-12-31'
		});
		await api.users.create({
			login: 'menwei',
			displayName: '门卫',
			password: 'a-long-door-password',
			roles: ['door']
		});
		expect(state(await api.setup.checklist())).toMatchObject({ staff: false });
		await api.users.create({
			login: 'luru',
			displayName: '录入',
			password: 'a-long-recorder-password',
			roles: ['recorder']
		});
		const list = await api.setup.checklist();
		expect(list.checks.filter((c) => !c.done)).toEqual([]);
		expect(list.complete).toBe(true);
		expect(list.shown).toBe(false);
	});
});

test('a demo database never shows the checklist, though it lacks mail and devices', async () => {
	const demo = await createTestDb();
	await seedDemo(demo.db, now);
	const { api } = await signedInCaller(demo, 'chief', ['admin'], { now: () => now });
	const list = await api.setup.checklist();
	expect(list.complete).toBe(false);
	expect(list.shown).toBe(false);
	await demo.close();
});
