import ExcelJS from 'exceljs';
import { createTestDb } from '@huizhan/db/testing';
import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, test } from 'vitest';
import { tables, type DbHandle } from '@huizhan/db';
import { currentDemoEdition, seedDemo } from '@huizhan/db/seed';
import { signedInCaller } from '../test-support.ts';
import { registerInput } from '../schemas/registrations.ts';
import { register } from './registrations.ts';
import { parseVerdict, VETTING_HEADERS } from './vetting.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');
const SENSOR = currentDemoEdition(now(), 'wsc');

const csv = (lines: string[][]) => ({
	conferenceId: SENSOR.id,
	filename: '审查结果.csv',
	contentBase64: Buffer.from(lines.map((l) => l.join(',')).join('\r\n')).toString('base64')
});

const admin = async () => (await signedInCaller(handle, 'root', ['admin'], { now })).api;

/** Registers one person by the open form; returns the reference. */
async function registerAs(category: 'vip' | 'delegate' | 'visitor', i: number) {
	const outcome = await register(
		handle.db,
		registerInput.parse({
			conferenceId: SENSOR.id,
			category,
			name: `嘉宾${i}`,
			organisation: '某部门',
			mobile: `1391234567${i}`,
			consent: true
		}),
		now()
	);
	if (outcome.outcome !== 'registered') throw new Error('not registered');
	return outcome;
}

const statusOf = async (reference: string) => {
	const { registrations } = tables(handle.db);
	const [row] = await handle.db
		.select({ status: registrations.status })
		.from(registrations)
		.where(eq(registrations.reference, reference));
	return row?.status;
};

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	const { conferenceCategories: c } = tables(handle.db);
	// 嘉宾 need vetting only; VIPs need vetting and then staff approval.
	for (const [category, needsApproval] of [
		['delegate', false],
		['vip', true]
	] as const) {
		await handle.db
			.update(c)
			.set({ needsVetting: true, needsApproval, open: true, capacity: null })
			.where(and(eq(c.conferenceId, SENSOR.id), eq(c.category, category)));
	}
});

test('reads the verdict as the office writes it, in Chinese or English, and nothing else', () => {
	expect(['通过', ' cleared ', 'Clear', '不通过', '未通过', 'refused'].map(parseVerdict)).toEqual([
		'cleared',
		'cleared',
		'cleared',
		'refused',
		'refused',
		'refused'
	]);
	expect(parseVerdict(null)).toBeNull();
	expect(parseVerdict('待定')).toBe('invalid');
	expect(parseVerdict('ok')).toBe('invalid');
});

describe('the list for the security office', () => {
	test('holds who waits, with no mobile or email, and a verdict column; audited', async () => {
		const waiting = await registerAs('delegate', 1);
		await registerAs('visitor', 2);
		const api = await admin();
		const file = await api.vetting.export({ conferenceId: SENSOR.id });
		expect(file.filename).toMatch(/^安保审查-wsc-2027-\d{8}-\d{4}\.xlsx$/);
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		expect(sheet.getRow(1).values).toEqual([undefined, ...VETTING_HEADERS]);
		const references = [];
		for (let r = 2; r <= sheet.rowCount; r++) references.push(sheet.getRow(r).getCell(1).value);
		expect(references).toContain(waiting.reference);
		const text = JSON.stringify(sheet.getSheetValues());
		expect(text).not.toContain('13912345671');
		expect(text).toContain('嘉宾1');
		const { auditLog } = tables(handle.db);
		const [entry] = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'vetting_exported'));
		expect(entry?.subjectId).toBe(SENSOR.id);
	});
});

describe('importing the verdicts', () => {
	test('the dry run names every bad row and changes nothing', async () => {
		const waiting = await registerAs('delegate', 1);
		const confirmed = await registerAs('visitor', 2);
		const api = await admin();
		const preview = await api.vetting.preview(
			csv([
				['报名编号', '姓名', '审查结论'],
				['WSC27-ZZZZZZ', '无此人', '通过'],
				[confirmed.reference, '嘉宾2', '通过'],
				[waiting.reference, '嘉宾1', '待定'],
				[waiting.reference, '嘉宾1', '通过']
			])
		);
		expect(preview.errors).toEqual([
			{ row: 2, column: '报名编号', code: 'reference_unknown' },
			{ row: 3, column: '报名编号', code: 'not_pending_vetting', detail: confirmed.status },
			{ row: 4, column: '审查结论', code: 'verdict_unknown' },
			{ row: 5, column: '报名编号', code: 'reference_twice', detail: '4' }
		]);
		const committed = await api.vetting.commit(
			csv([
				['报名编号', '审查结论'],
				[waiting.reference, '通过'],
				['WSC27-ZZZZZZ', '通过']
			])
		);
		expect(committed.committed).toBe(false);
		expect(committed.errors.map((e) => e.code)).toEqual(['reference_unknown']);
		expect(await statusOf(waiting.reference)).toBe('pending_vetting');
	});

	test('a sheet without the reference or verdict column is refused as a whole', async () => {
		const api = await admin();
		const preview = await api.vetting.preview(
			csv([
				['姓名', '结论'],
				['张三', '通过']
			])
		);
		expect(preview.errors.map((e) => [e.column, e.code])).toEqual([
			['报名编号', 'column_missing'],
			['审查结论', 'column_missing']
		]);
	});

	test('only the cleared get a ticket; VIPs cleared still wait for approval; the refused are told neutrally', async () => {
		const cleared = await registerAs('delegate', 1);
		const refused = await registerAs('delegate', 2);
		const vip = await registerAs('vip', 3);
		const undecided = await registerAs('delegate', 4);
		expect(cleared.status).toBe('pending_vetting');
		const api = await admin();
		const desk = await api.registrations.list({ status: 'pending_vetting' });
		expect(desk.rows.map((r) => r.reference).sort()).toEqual(
			[cleared, refused, vip, undecided].map((r) => r.reference).sort()
		);

		const sheet = csv([
			['报名编号', '审查结论'],
			[cleared.reference, '通过'],
			[refused.reference, '不通过'],
			[vip.reference, 'cleared'],
			[undecided.reference, '']
		]);
		const preview = await api.vetting.preview(sheet);
		expect(preview.errors).toEqual([]);
		expect(preview.undecided).toBe(1);
		expect(preview.rows.map((r) => r.outcome)).toEqual(['clear', 'refuse', 'clear']);
		expect(await statusOf(cleared.reference)).toBe('pending_vetting');

		const result = await api.vetting.commit(sheet);
		expect(result.committed).toBe(true);
		expect(await statusOf(cleared.reference)).toBe('confirmed');
		expect(await statusOf(refused.reference)).toBe('rejected');
		expect(await statusOf(vip.reference)).toBe('pending');
		expect(await statusOf(undecided.reference)).toBe('pending_vetting');

		const { auditLog, outbox } = tables(handle.db);
		const messages = await handle.db
			.select({ kind: outbox.kind, channel: outbox.channel, registrationId: outbox.registrationId })
			.from(outbox);
		expect(messages).toEqual(
			expect.arrayContaining([
				{ kind: 'registration_confirmed', channel: 'sms', registrationId: cleared.registrationId },
				{ kind: 'registration_declined', channel: 'sms', registrationId: refused.registrationId }
			])
		);
		expect(messages.some((m) => m.registrationId === vip.registrationId)).toBe(false);
		const actions = (await handle.db.select().from(auditLog)).map((e) => e.action);
		expect(actions).toEqual(
			expect.arrayContaining([
				'vetting_previewed',
				'vetting_cleared',
				'vetting_refused',
				'vetting_imported'
			])
		);
	});

	test('importing the same sheet again changes nothing and queues nothing more', async () => {
		const cleared = await registerAs('delegate', 1);
		const refused = await registerAs('delegate', 2);
		const api = await admin();
		const sheet = csv([
			['报名编号', '审查结论'],
			[cleared.reference, '通过'],
			[refused.reference, '不通过']
		]);
		await api.vetting.commit(sheet);
		const { outbox } = tables(handle.db);
		const queued = (await handle.db.select().from(outbox)).length;
		const again = await api.vetting.commit(sheet);
		expect(again.committed).toBe(true);
		expect(again.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged']);
		expect(again.messages).toBe(0);
		expect((await handle.db.select().from(outbox)).length).toBe(queued);
		expect(await statusOf(cleared.reference)).toBe('confirmed');

		const turned = await api.vetting.preview(
			csv([
				['报名编号', '审查结论'],
				[cleared.reference, '不通过']
			])
		);
		expect(turned.errors).toEqual([
			{ row: 2, column: '审查结论', code: 'verdict_already_given', detail: 'cleared' }
		]);
	});

	test('reads back the exported workbook with the verdicts filled in', async () => {
		const waiting = await registerAs('delegate', 1);
		const api = await admin();
		const file = await api.vetting.export({ conferenceId: SENSOR.id });
		const workbook = new ExcelJS.Workbook();
		await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
		const sheet = workbook.worksheets[0]!;
		const verdictColumn = VETTING_HEADERS.indexOf('审查结论') + 1;
		for (let r = 2; r <= sheet.rowCount; r++) sheet.getRow(r).getCell(verdictColumn).value = '通过';
		const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
		const result = await api.vetting.commit({
			conferenceId: SENSOR.id,
			filename: file.filename,
			contentBase64: bytes.toString('base64')
		});
		expect(result.errors).toEqual([]);
		expect(await statusOf(waiting.reference)).toBe('confirmed');
	});
});
