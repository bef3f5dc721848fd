import { createTestDb } from '@huizhan/db/testing';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import Papa from 'papaparse';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
	createDb,
	ledgerQueries,
	ledgerStore,
	tables,
	verifyLedger,
	type DbHandle
} from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { WAN } from '@huizhan/ledger';
import { createContextInner } from '../context.ts';
import { AppError } from '../errors.ts';
import { createAdminCaller } from '../root.ts';
import { csvOf, sampleRow, xlsxOf, zipBomb } from '../spreadsheets/fixtures.ts';
import { readSheet } from '../spreadsheets/read.ts';
import { manualClock, staff } from '../test-support.ts';

let handle: DbHandle;
const clock = manualClock(new Date('2024-11-05T10:00:00+08:00'));
const t = () => tables(handle.db);

/** A caller signed in as a real staff row (imports and the audit log refer to it). */
async function as(login: string, roles: Parameters<typeof staff>[0] = ['recorder']) {
	const [existing] = await handle.db
		.select()
		.from(t().staffUsers)
		.where(eq(t().staffUsers.login, login));
	const id =
		existing?.id ??
		(
			await handle.db
				.insert(t().staffUsers)
				.values({ login, displayName: login, passwordHash: '$argon2id$not-used-here' })
				.returning()
		)[0]!.id;
	return createAdminCaller(
		createContextInner({
			...handle,
			user: { ...staff(roles, id), login },
			source: '10.0.0.5',
			now: clock.now
		})
	);
}

const upload = (filename: string, bytes: Uint8Array) => ({
	filename,
	contentBase64: Buffer.from(bytes).toString('base64')
});

async function reason(promise: Promise<unknown>): Promise<string> {
	try {
		await promise;
		return 'none';
	} catch (error) {
		if (error instanceof AppError) return error.reason;
		if (error instanceof TRPCError) return error.code;
		throw error;
	}
}

const storedImports = () => handle.db.select().from(t().dealImports);
const auditActions = async () =>
	(await handle.db.select().from(t().auditLog)).filter((a) => a.action.startsWith('deals_'));

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db);
});
afterEach(() => handle.close());

describe('importing a large spreadsheet', () => {
	test('5,000 rows preview, then commit as 5,000 signed entries by the importing user', async () => {
		const recorder = await as('lina');
		// In 万元: 1亿 … 5000亿 each would add up to 1250万亿元, past the ledger's ceiling.
		const rows = Array.from({ length: 5000 }, (_, i) =>
			sampleRow(i + 1, { 总投资额: `${i + 1}万` })
		);
		const preview = await recorder.dealSheets.preview(upload('5000.xlsx', await xlsxOf(rows)));
		expect(preview.errors).toEqual([]);
		expect(preview.rowCount).toBe(5000);
		expect(preview.sample).toHaveLength(20);
		expect(preview.totalInvestment).toBe(((5000 * 5001) / 2) * WAN);
		expect(preview.importId).not.toBeNull();
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(0);

		const committed = await recorder.dealSheets.commit({ importId: preview.importId! });
		expect(committed).toMatchObject({ rowCount: 5000, firstSeq: 1, lastSeq: 5000 });

		const entries = await ledgerStore.loadEntries(handle.db);
		expect(entries).toHaveLength(5000);
		expect(new Set(entries.map((e) => e.recordedBy))).toEqual(new Set(['lina']));
		expect(entries.every((e) => e.event.type === 'signed')).toBe(true);
		expect(entries[4999]?.event).toMatchObject({
			facts: { projectName: '第5000号传感器产线项目', totalInvestment: 5000 * WAN }
		});
		expect((await verifyLedger(handle.db)).ok).toBe(true);
		expect((await ledgerQueries.sqlTotals(handle.db)).contract).toBe(preview.totalInvestment);
		expect((await auditActions()).map((a) => [a.action, a.detail])).toEqual([
			[
				'deals_imported',
				{
					filename: '5000.xlsx',
					rows: 5000,
					totalInvestment: preview.totalInvestment,
					firstSeq: 1,
					lastSeq: 5000
				}
			]
		]);
	}, 60_000);

	test('a row the ledger refuses at commit leaves the ledger untouched (all or nothing)', async () => {
		const recorder = await as('lina');
		const preview = await recorder.dealSheets.preview(
			upload('ok.csv', new TextEncoder().encode(csvOf([1, 2, 3, 4].map((n) => sampleRow(n)))))
		);
		// Tamper with the stored rows so the third is one the ledger will not take.
		const [stored] = await storedImports();
		const rows = stored!.rows.map((r, i) =>
			i === 2 ? { ...r, facts: { ...r.facts, totalInvestment: 0 } } : r
		);
		await handle.db.update(t().dealImports).set({ rows });

		expect(await reason(recorder.dealSheets.commit({ importId: preview.importId! }))).toBe(
			'invalid_amount'
		);
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(0);
		expect((await storedImports())[0]?.status).toBe('previewed');
		expect(await auditActions()).toEqual([]);
	});
});

describe('the ledger ceiling', () => {
	test('an import that would take the ledger past 1000万亿元 is refused at the row that crosses it, and nothing is stored', async () => {
		const recorder = await as('lina');
		const rows = Array.from({ length: 1001 }, (_, i) => sampleRow(i + 1, { 总投资额: '1万亿' }));
		const preview = await recorder.dealSheets.preview(
			upload('huge.csv', new TextEncoder().encode(csvOf(rows)))
		);
		expect(preview.errors).toEqual([]);
		const refusal = await recorder.dealSheets
			.commit({ importId: preview.importId! })
			.then(() => null)
			.catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(AppError);
		expect(refusal).toMatchObject({ reason: 'ledger_ceiling', details: { row: 1002 } });
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(0);
		expect(await ledgerStore.readTotal(handle.db)).toBe(0);
		expect(await handle.db.select().from(t().deals)).toEqual([]);
		expect((await storedImports())[0]?.status).toBe('previewed');
		expect(await auditActions()).toEqual([]);
	}, 60_000);
});

describe('a file with a bad row', () => {
	test('stores nothing and names the row and the column of the bad cell', async () => {
		const recorder = await as('lina');
		const rows = [1, 2, 3, 4, 5].map((n) => sampleRow(n));
		rows[2] = sampleRow(3, { 总投资额: '五亿' });
		const preview = await recorder.dealSheets.preview(upload('bad.xlsx', await xlsxOf(rows)));
		expect(preview.importId).toBeNull();
		expect(preview.errors).toEqual([{ row: 4, column: '总投资额', code: 'amount_not_a_number' }]);
		expect(preview.errorCount).toBe(1);
		expect(preview.grid.rows.find((r) => r.row === 4)?.cells[8]).toBe('五亿');
		expect(await storedImports()).toEqual([]);
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(0);
	});

	test('a small .xlsx that would unpack to hundreds of MB is refused unread, and nothing is stored', async () => {
		const preview = await (await as('lina')).dealSheets.preview(upload('bomb.xlsx', zipBomb(300)));
		expect(preview.importId).toBeNull();
		expect(preview.errors).toEqual([{ row: 0, column: '', code: 'archive_too_large' }]);
		expect(await storedImports()).toEqual([]);
	});

	test('a file that is no spreadsheet is refused as a whole', async () => {
		const preview = await (
			await as('lina')
		).dealSheets.preview(upload('old.xls', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0])));
		expect(preview.errors).toEqual([{ row: 0, column: '', code: 'unsupported_file' }]);
		expect(await storedImports()).toEqual([]);
	});
});

describe('committing', () => {
	test('a second commit of the same import is refused and records nothing', async () => {
		const recorder = await as('lina');
		const { importId } = await recorder.dealSheets.preview(
			upload('three.xlsx', await xlsxOf([sampleRow(1), sampleRow(2), sampleRow(3)]))
		);
		await recorder.dealSheets.commit({ importId: importId! });
		expect(await reason(recorder.dealSheets.commit({ importId: importId! }))).toBe(
			'import_already_committed'
		);
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(3);
		expect(await recorder.dealSheets.get({ importId: importId! })).toMatchObject({
			status: 'committed',
			firstSeq: 1,
			lastSeq: 3
		});
	});

	test('only the user who previewed can see or commit the import', async () => {
		const { importId } = await (
			await as('lina')
		).dealSheets.preview(upload('one.xlsx', await xlsxOf([sampleRow(1)])));
		const other = await as('wang', ['admin']);
		expect(await reason(other.dealSheets.get({ importId: importId! }))).toBe('import_not_found');
		expect(await reason(other.dealSheets.commit({ importId: importId! }))).toBe('import_not_found');
		expect(await ledgerStore.loadEntries(handle.db)).toHaveLength(0);
	});

	test('probable duplicates of recorded deals must be acknowledged, as for one deal', async () => {
		const recorder = await as('lina');
		await recorder.deals.record({
			requestId: 'req-0001',
			facts: {
				projectName: '第1号传感器产线项目',
				investor: '测试投资方1有限公司',
				investorOrigin: 'out_of_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-03',
				agreementType: 'contract',
				totalInvestment: '1亿'
			}
		});
		const preview = await recorder.dealSheets.preview(
			upload('dup.xlsx', await xlsxOf([sampleRow(1, { 签约活动: '日常签约' }), sampleRow(2)]))
		);
		expect(preview.warnings).toEqual([
			{ row: 2, column: '项目名称', code: 'probable_duplicate', detail: 'D000001' }
		]);
		expect(await reason(recorder.dealSheets.commit({ importId: preview.importId! }))).toBe(
			'probable_duplicate'
		);
		const committed = await recorder.dealSheets.commit({
			importId: preview.importId!,
			acknowledgeDuplicates: true
		});
		expect(committed).toMatchObject({ firstSeq: 2, lastSeq: 3 });
	});

	test('a stored preview survives a restart of the app between preview and commit', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'huizhan-import-'));
		try {
			await handle.close();
			handle = await createDb({ path: join(dir, 'huizhan.db'), createAs: 'demo' });
			await seedDemo(handle.db);
			const { importId } = await (
				await as('lina')
			).dealSheets.preview(upload('two.xlsx', await xlsxOf([sampleRow(1), sampleRow(2)])));
			await handle.close();
			handle = await createDb({ path: join(dir, 'huizhan.db') });
			expect(await (await as('lina')).dealSheets.commit({ importId: importId! })).toMatchObject({
				rowCount: 2
			});
			expect((await verifyLedger(handle.db)).ok).toBe(true);
		} finally {
			await handle.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('templates and exports through the API', () => {
	test('the template downloads as an .xlsx the importer reads', async () => {
		const { filename, contentBase64 } = await (await as('lina')).dealSheets.template();
		expect(filename).toBe('签约项目导入模板.xlsx');
		const sheet = await readSheet(Buffer.from(contentBase64, 'base64'));
		expect(sheet.headers).toContain('总投资额');
	});

	test('exports the filtered list and the ledger, and audits who took them', async () => {
		const recorder = await as('lina');
		const { importId } = await recorder.dealSheets.preview(
			upload(
				'mixed.xlsx',
				await xlsxOf([sampleRow(1), sampleRow(2, { 产业链: '超硬材料' }), sampleRow(3)])
			)
		);
		await recorder.dealSheets.commit({ importId: importId! });
		const leader = await as('boss', ['leader']);

		const list = await leader.dealSheets.exportDeals({ chainId: 1, format: 'csv', sort: 'amount' });
		expect(list.filename).toMatch(/^签约项目-\d{8}-\d{4}\.csv$/);
		const rows = Papa.parse<string[]>(
			Buffer.from(list.contentBase64, 'base64')
				.toString('utf8')
				.replace(/^\ufeff/, '')
		).data;
		expect(rows.slice(0, 3).map((r) => [r[0], r[10], r[11]])).toEqual([
			['编号', '计入金额(亿元)', '计入金额(元)'],
			['D000003', '3', '300000000'],
			['D000001', '1', '100000000']
		]);
		// Under a blank line, the ledger's head the rows were read at.
		const head = await leader.deals.head();
		expect(head.seq).toBe(3);
		expect(rows.slice(3, 5).map((r) => r.slice(0, 2))).toEqual([
			[''],
			['台账头', `3:${head.hash}`]
		]);

		const ledger = await leader.dealSheets.exportLedger({ format: 'xlsx' });
		const sheet = await readSheet(Buffer.from(ledger.contentBase64, 'base64'));
		expect(sheet.headers.slice(0, 3)).toEqual(['序号', '项目编号', '事件']);
		expect(sheet.rows.map((r) => r.cells[0])).toEqual([1, 2, 3, '台账头']);
		expect(sheet.rows.at(-1)?.cells[1]).toBe(`3:${head.hash}`);

		expect(
			(await auditActions())
				.filter((a) => a.action === 'deals_exported')
				.map((a) => [a.actorLabel, a.detail?.scope, a.detail?.rows])
		).toEqual([
			['boss', 'list', 2],
			['boss', 'ledger', 3]
		]);
	});
});
