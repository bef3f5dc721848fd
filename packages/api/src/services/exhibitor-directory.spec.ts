import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { createAttendeeCaller } from '../root.ts';
import { seededContext } from '../test-support.ts';
import { DIRECTORY_PAGE_SIZE } from './exhibitor-directory.ts';
import { addTestExhibition } from './exhibitor-directory.testing.ts';

async function directoryWorld() {
	const { db, ctx } = await seededContext();
	const chains = await db.select().from(tables(db).industryChains);
	const chain = (zh: string) => chains.find((c) => c.nameZh === zh)!.id;
	const { ids } = await addTestExhibition(
		db,
		'wsc-2024',
		[
			{
				companyZh: '汉威科技集团',
				companyEn: 'Hanwei Electronics',
				productsZh: '气体传感器',
				productsEn: 'Gas sensors',
				chainId: chain('智能传感器'),
				holds: [{ booth: 'A-101' }, { booth: 'B-201', kind: 'reserved' }]
			},
			{
				companyZh: '黄河旋风',
				companyEn: 'Huanghe Whirlwind',
				productsZh: '人造金刚石',
				productsEn: 'Synthetic diamond',
				chainId: chain('超硬材料'),
				holds: [{ booth: 'B-202' }, { booth: 'A-102', releasedAt: new Date() }]
			},
			{ companyZh: '待审传感', companyEn: 'Pending Sensors', status: 'pending' },
			{ companyZh: '驳回传感', companyEn: 'Rejected Sensors', status: 'rejected' }
		],
		[
			{ number: 'A-101', hall: 'A', area: 18 },
			{ number: 'A-102', hall: 'A', area: 9 },
			{ number: 'B-201', hall: 'B', area: 36 },
			{ number: 'B-202', hall: 'B', area: 9 }
		]
	);
	return { db, ids, chain, api: createAttendeeCaller(ctx) };
}

const names = (page: { exhibitors: { companyEn: string }[] }) =>
	page.exhibitors.map((e) => e.companyEn);

test('the directory lists approved exhibitors only, with their assigned booths', async () => {
	const { api } = await directoryWorld();
	const page = await api.exhibitors.search({ conferenceId: 'wsc-2024' });
	expect(names(page)).toEqual(['Hanwei Electronics', 'Huanghe Whirlwind']);
	expect(page).toMatchObject({ total: 2, approved: 2, page: 1, pageCount: 1 });
	// A reserved booth and a released one are not the company's to show.
	expect(page.exhibitors[0]!.booths.map((b) => b.number)).toEqual(['A-101']);
	expect(page.exhibitors[1]!.booths.map((b) => b.number)).toEqual(['B-202']);
	expect(page.exhibitors[0]!.chain?.nameEn).toBe('Smart sensors');
	expect(page.halls.map((h) => h.code)).toEqual(['A', 'B']);
	expect(page.chains.map((c) => c.nameZh)).toEqual(['智能传感器', '超硬材料']);
	// What the company gave the organisers stays with them.
	expect(JSON.stringify(page)).not.toMatch(/contact|creditCode|secret|\+86/);
});

test('searches by name in either language and by product, ignoring Latin case', async () => {
	const { api } = await directoryWorld();
	const search = (q: string) => api.exhibitors.search({ conferenceId: 'wsc-2024', q });
	expect(names(await search('汉威'))).toEqual(['Hanwei Electronics']);
	expect(names(await search('whirlwind'))).toEqual(['Huanghe Whirlwind']);
	expect(names(await search('金刚石'))).toEqual(['Huanghe Whirlwind']);
	expect(names(await search('GAS SENSOR'))).toEqual(['Hanwei Electronics']);
	// A pending company matches the words but is not in the directory.
	expect(names(await search('Pending'))).toEqual([]);
	// Wildcards are taken literally.
	expect(names(await search('%'))).toEqual([]);
	const none = await search('不存在的公司');
	expect(none).toMatchObject({ total: 0, approved: 2, page: 1, pageCount: 1 });
});

test('filters by industry chain and by the hall of an assigned booth', async () => {
	const { api, chain } = await directoryWorld();
	const search = (input: { chainId?: number; hall?: string }) =>
		api.exhibitors.search({ conferenceId: 'wsc-2024', ...input });
	expect(names(await search({ chainId: chain('超硬材料') }))).toEqual(['Huanghe Whirlwind']);
	expect(names(await search({ chainId: chain('网络安全') }))).toEqual([]);
	expect(names(await search({ hall: 'A' }))).toEqual(['Hanwei Electronics']);
	// Hanwei only has a reservation in hall B; Huanghe's hall A booth was released.
	expect(names(await search({ hall: 'B' }))).toEqual(['Huanghe Whirlwind']);
	expect(names(await search({ hall: 'B', chainId: chain('智能传感器') }))).toEqual([]);
});

test('an empty field of the GET form means any', async () => {
	const { api } = await directoryWorld();
	const page = await api.exhibitors.search({
		conferenceId: 'wsc-2024',
		q: '',
		chainId: '' as unknown as number,
		hall: '',
		page: '' as unknown as number
	});
	expect(page.total).toBe(2);
});

test('pages through the directory, a page past the end showing the last one', async () => {
	const { db, api } = await seededContext().then(({ db, ctx }) => ({
		db,
		api: createAttendeeCaller(ctx)
	}));
	const many = Array.from({ length: DIRECTORY_PAGE_SIZE + 3 }, (_, i) => ({
		companyZh: `传感${i}`,
		companyEn: `Sensor ${String(i).padStart(2, '0')}`
	}));
	await addTestExhibition(db, 'wsc-2024', many, []);
	const first = await api.exhibitors.search({ conferenceId: 'wsc-2024' });
	expect(first).toMatchObject({ total: DIRECTORY_PAGE_SIZE + 3, page: 1, pageCount: 2 });
	expect(first.exhibitors).toHaveLength(DIRECTORY_PAGE_SIZE);
	const second = await api.exhibitors.search({ conferenceId: 'wsc-2024', page: 9 });
	expect(second.page).toBe(2);
	expect(names(second)).toEqual(['Sensor 20', 'Sensor 21', 'Sensor 22']);
});

test("an exhibitor's page shows its profile; a pending one or another edition's is not found", async () => {
	const { api, ids } = await directoryWorld();
	const profile = await api.exhibitors.profile({
		conferenceId: 'wsc-2024',
		exhibitorId: ids['Hanwei Electronics']!
	});
	expect(profile).toMatchObject({
		companyZh: '汉威科技集团',
		productsEn: 'Gas sensors',
		chain: { nameZh: '智能传感器' },
		booths: [{ number: 'A-101', hallCode: 'A', hallZh: 'A馆', areaSquareMetres: 18 }]
	});
	const reason = (promise: Promise<unknown>) =>
		promise.then(
			() => null,
			(e: { reason?: string }) => e.reason
		);
	expect(
		await reason(
			api.exhibitors.profile({ conferenceId: 'wsc-2024', exhibitorId: ids['Pending Sensors']! })
		)
	).toBe('exhibitor_not_found');
	expect(
		await reason(
			api.exhibitors.profile({
				conferenceId: 'diamond-2024',
				exhibitorId: ids['Hanwei Electronics']!
			})
		)
	).toBe('exhibitor_not_found');
	expect(await reason(api.exhibitors.search({ conferenceId: 'no-such-edition' }))).toBe(
		'conference_not_found'
	);
});
