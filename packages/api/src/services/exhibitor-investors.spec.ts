import Papa from 'papaparse';
import { expect, test } from 'vitest';
import { tables } from '@huizhan/db';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { seededContext, staff } from '../test-support.ts';
import { addTestExhibition } from './exhibitor-directory.testing.ts';

async function ledgerWithExhibitors() {
	const handle = await seededContext();
	const { db } = handle;
	const t = tables(db);
	const [user] = await db
		.insert(t.staffUsers)
		.values({ login: 'boss', displayName: '领导', passwordHash: '$argon2id$not-used-here' })
		.returning();
	const api = createAdminCaller(
		createContextInner({
			...handle,
			user: { ...staff(['recorder', 'leader'], user!.id), login: 'boss' },
			source: '10.0.0.5',
			now: () => new Date('2024-11-03T10:00:00+08:00')
		})
	);
	const record = (projectName: string, investor: string) =>
		api.deals.record({
			requestId: `req-${projectName}`,
			facts: {
				projectName,
				investor,
				investorOrigin: 'out_of_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'everyday',
				signedOn: '2024-11-03',
				agreementType: 'contract',
				totalInvestment: '1亿'
			}
		});
	// Exhibitors of another edition than where the deals were signed: the mark holds across them.
	await addTestExhibition(
		db,
		'diamond-2024',
		[
			{ companyZh: '郑州华晶金刚石股份有限公司', companyEn: 'Huajing Diamond' },
			{ companyZh: '待审传感科技有限公司', companyEn: 'Pending Sensing', status: 'pending' }
		],
		[]
	);
	const marked = (await record('金刚石线锯扩产', '郑州华晶金刚石有限公司')).deal.id;
	const byEnglish = (await record('培育钻石研发中心', 'HUAJING DIAMOND CO., LTD.')).deal.id;
	const pending = (await record('传感器产线', '待审传感科技有限公司')).deal.id;
	const other = (await record('MEMS晶圆基地', '华芯微感科技股份有限公司')).deal.id;
	return { api, marked, byEnglish, pending, other };
}

test('the deal list marks deals whose investor is an approved exhibitor of any edition', async () => {
	const { api, marked, byEnglish, pending, other } = await ledgerWithExhibitors();
	const list = await api.deals.list({});
	const mark = Object.fromEntries(list.rows.map((r) => [r.id, r.investorIsExhibitor]));
	expect(mark).toEqual({ [marked]: true, [byEnglish]: true, [pending]: false, [other]: false });
});

test("a deal's page and the deal export carry the same mark", async () => {
	const { api, marked, other } = await ledgerWithExhibitors();
	expect((await api.deals.get({ dealId: marked })).investorIsExhibitor).toBe(true);
	expect((await api.deals.get({ dealId: other })).investorIsExhibitor).toBe(false);
	const file = await api.dealSheets.exportDeals({ format: 'csv', sort: 'projectName' });
	const [headers, ...rows] = Papa.parse<string[]>(
		Buffer.from(file.contentBase64, 'base64')
			.toString('utf8')
			.replace(/^\ufeff/, '')
	).data;
	const column = headers!.indexOf('投资方为展商');
	expect(column).toBeGreaterThan(0);
	const byId = Object.fromEntries(rows.filter((r) => r[0]).map((r) => [r[0], r[column]]));
	expect(byId[marked]).toBe('是');
	expect(byId[other]).toBe('否');
});
