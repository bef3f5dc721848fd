import ExcelJS from 'exceljs';
import { expect, onTestFinished, test } from 'vitest';
import { tables } from '@huizhan/db';
import { csvOf, xlsxOf } from '../spreadsheets/fixtures.ts';
import { seededContext, signedInCaller } from '../test-support.ts';
import { parseArea } from './booths-import.ts';

const HEADERS = ['展馆', '展位号', '面积', '类型'];
const base64 = (bytes: Uint8Array | string) =>
	Buffer.from(typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes).toString(
		'base64'
	);

async function importWorld() {
	const handle = await seededContext();
	onTestFinished(() => handle.close());
	const admin = await signedInCaller(handle, 'expo-admin', ['admin']);
	const hall = await admin.api.booths.createHall({
		conferenceId: 'wsc-2027',
		code: 'A',
		nameZh: 'A馆',
		nameEn: 'Hall A',
		sortOrder: 0
	});
	await admin.api.booths.createBooth({
		conferenceId: 'wsc-2027',
		hallId: hall.id,
		number: 'A-100',
		areaSquareMetres: 9,
		type: 'standard'
	});
	return { handle, api: admin.api, hall };
}

test('an area is whole square metres, with or without its unit', () => {
	expect(parseArea(18)).toBe(18);
	expect(parseArea('18㎡')).toBe(18);
	expect(parseArea('36 m2')).toBe(36);
	expect(parseArea('９平方米')).toBe(9);
	for (const bad of [9.5, 0, -3, '9.5', '十八', '', null])
		expect(parseArea(bad), String(bad)).toBeNull();
});

test('the preview names each bad cell and stores nothing; a bad file is never committed', async () => {
	const { api } = await importWorld();
	const upload = {
		conferenceId: 'wsc-2027',
		filename: 'plan.xlsx',
		contentBase64: base64(
			await xlsxOf(
				[
					['A', 'A-101', 18, '标准展位'],
					['Z', 'A-102', 9, '标准展位'],
					['A馆', 'A-101', 9.5, 'raw'],
					['Hall A', 'A-100', '十', '展台'],
					['A', 'A-103', 36, '光地']
				],
				HEADERS
			)
		)
	};
	const preview = await api.booths.previewImport(upload);
	expect(preview.rowCount).toBe(5);
	expect(preview.rows).toEqual([]);
	expect(preview.errors.map((e) => [e.row, e.column, e.code, e.detail])).toEqual([
		[3, '展馆', 'unknown_hall', 'Z'],
		[4, '展位号', 'booth_number_twice', '2'],
		[4, '面积', 'booth_area_whole', undefined],
		[5, '展位号', 'booth_number_taken', 'A-100'],
		[5, '面积', 'booth_area_whole', undefined],
		[5, '类型', 'booth_type_unknown', '展台']
	]);
	const refused = await api.booths.commitImport(upload).catch((e: unknown) => e);
	expect(refused).toMatchObject({ reason: 'booth_import_has_errors' });
	const plan = await api.booths.plan({ conferenceId: 'wsc-2027' });
	expect(plan.booths.map((b) => b.number)).toEqual(['A-100']);
});

test('a clean plan is previewed, then committed whole, and exported with its holders', async () => {
	const { api, hall, handle } = await importWorld();
	const upload = {
		conferenceId: 'wsc-2027',
		filename: 'plan.csv',
		contentBase64: base64(
			csvOf(
				[
					['a', 'a-101', '18', 'standard'],
					['A馆', 'A-102', '36㎡', '光地']
				],
				HEADERS
			)
		)
	};
	const preview = await api.booths.previewImport(upload);
	expect(preview.errors).toEqual([]);
	expect(preview.area).toBe(54);
	expect(preview.rows.map((r) => [r.hallId, r.number, r.areaSquareMetres, r.type])).toEqual([
		[hall.id, 'A-101', 18, 'standard'],
		[hall.id, 'A-102', 36, 'raw']
	]);
	expect(await api.booths.commitImport(upload)).toEqual({ created: 2, area: 54 });
	// The same file again: every number is taken now, nothing is created twice.
	await expect(api.booths.commitImport(upload)).rejects.toMatchObject({
		reason: 'booth_import_has_errors'
	});

	const [exhibitor] = await handle.db
		.insert(tables(handle.db).exhibitors)
		.values({
			conferenceId: 'wsc-2027',
			companyZh: '汉威科技',
			companyEn: 'Hanwei',
			creditCode: '91350100M000100Y43',
			contactName: '王五',
			contactEmail: 'expo@example.cn',
			wantedBoothType: 'raw',
			wantedSquareMetres: 36,
			language: 'zh-CN',
			status: 'approved',
			secret: 'x'.repeat(22),
			consentAt: new Date()
		})
		.returning();
	const a102 = (await api.booths.plan({ conferenceId: 'wsc-2027' })).booths.find(
		(b) => b.number === 'A-102'
	)!;
	await api.booths.hold({ boothId: a102.id, exhibitorId: exhibitor!.id, kind: 'assigned' });

	const file = await api.booths.export({ conferenceId: 'wsc-2027', format: 'xlsx' });
	expect(file.filename).toMatch(/^展位-\d{8}-\d{4}\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
	const sheet = workbook.worksheets[0]!;
	expect(sheet.getRow(1).values).toEqual([
		undefined,
		'展馆',
		'展位号',
		'面积(㎡)',
		'类型',
		'状态',
		'展商'
	]);
	expect(sheet.getRow(3).values).toEqual([undefined, 'A馆', 'A-101', 18, '标准展位', '空闲', '']);
	expect(sheet.getRow(4).values).toEqual([
		undefined,
		'A馆',
		'A-102',
		36,
		'光地',
		'已分配',
		'汉威科技'
	]);
	expect(sheet.rowCount).toBe(4);
});

test('the template reads back as a plan with its two example rows', async () => {
	const { api } = await importWorld();
	const template = await api.booths.template();
	expect(template.filename).toBe('展位导入模板.xlsx');
	const preview = await api.booths.previewImport({
		conferenceId: 'wsc-2027',
		filename: template.filename,
		contentBase64: template.contentBase64
	});
	expect(preview.errors).toEqual([]);
	expect(preview.rows.map((r) => r.number)).toEqual(['A-101', 'A-201']);
});
