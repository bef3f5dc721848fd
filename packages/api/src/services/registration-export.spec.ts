import { createTestDb } from '@huizhan/db/testing';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { REGISTRATION_EXPORT_HEADERS } from './registration-export.ts';

let handle: DbHandle;
const now = () => new Date('2026-11-26T10:00:00+08:00');

async function caller(roles: schema.StaffRole[]) {
	const [user] = await handle.db
		.insert(tables(handle.db).staffUsers)
		.values({ login: roles.join('-'), displayName: 'x', passwordHash: '$argon2id$not-used-here' })
		.returning();
	if (!user) throw new Error('the staff account was not stored');
	return createAdminCaller(
		createContextInner({
			...handle,
			user: { id: user.id, login: user.login, displayName: 'x', roles },
			source: '10.0.0.9',
			now
		})
	);
}

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await seedDemoRegistrations(handle.db);
});

const registrations = () => handle.db.select().from(tables(handle.db).registrations);

const count = async (conferenceId: string, status?: schema.RegistrationStatus) =>
	(await registrations()).filter(
		(r) => r.conferenceId === conferenceId && (!status || r.status === status)
	).length;

test('the .xlsx export has Chinese headers and one row per registration the filters select, contacts in full', async () => {
	const file = await (
		await caller(['admin'])
	).registrations.export({
		conferenceId: 'wsc-2024',
		status: 'confirmed',
		format: 'xlsx'
	});
	expect(file.filename).toMatch(/^报名名单-\d{8}-\d{4}\.xlsx$/);
	const workbook = new ExcelJS.Workbook();
	await workbook.xlsx.load(Buffer.from(file.contentBase64, 'base64') as unknown as ArrayBuffer);
	const sheet = workbook.getWorksheet('报名名单')!;
	const rows = sheet.getSheetValues().filter(Boolean) as unknown[][];
	expect(rows[0]?.slice(1)).toEqual([...REGISTRATION_EXPORT_HEADERS]);
	expect(rows.length - 1).toBe(await count('wsc-2024', 'confirmed'));
	expect(await count('wsc-2024', 'confirmed')).toBeGreaterThan(50);
	const stored = await registrations();
	const byReference = new Map(stored.map((r) => [r.reference, r]));
	for (const row of rows.slice(1)) {
		const registration = byReference.get(String(row[1]));
		expect(registration?.status).toBe('confirmed');
		expect(row[7] ?? null).toBe(registration?.mobile ?? null);
		expect(row[11]).toBe('已确认');
	}
});

test('the .csv export is UTF-8 with a BOM and keeps a formula-looking name as text', async () => {
	const admin = await caller(['admin']);
	const first = (await registrations().limit(1))[0]!;
	await handle.db
		.update(tables(handle.db).registrations)
		.set({ name: '=HYPERLINK("http://x")' })
		.where(eq(tables(handle.db).registrations.id, first.id));
	const file = await admin.registrations.export({ format: 'csv' });
	const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
	expect(text.startsWith('\ufeff报名编号,大会,类别')).toBe(true);
	const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(parsed.data.length - 1).toBe((await registrations()).length);
	expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
});

test('the .csv export defuses formulas hidden behind a line break, leading spaces or full-width signs', async () => {
	const names = [
		'=HYPERLINK("http://x","点我")\n张三',
		'  =1+1',
		'\u3000=1+1',
		'＝HYPERLINK("http://x")',
		'＋1',
		'－1',
		'＠SUM(A1)',
		'\t=1+1',
		'-2+3',
		'@SUM(A1)'
	];
	const stored = await registrations().limit(names.length);
	for (const [i, name] of names.entries()) {
		await handle.db
			.update(tables(handle.db).registrations)
			.set({ name })
			.where(eq(tables(handle.db).registrations.id, stored[i]!.id));
	}
	const file = await (await caller(['admin'])).registrations.export({ format: 'csv' });
	const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
	const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
	const nameColumn = REGISTRATION_EXPORT_HEADERS.indexOf('姓名');
	const written = new Map(rows.slice(1).map((row) => [row[0], row[nameColumn]]));
	names.forEach((name, i) => expect(written.get(stored[i]!.reference)).toBe(`'${name}`));
});

test('each export is audited with its filters but not the search text', async () => {
	await (await caller(['admin'])).registrations.export({ text: '5678', format: 'xlsx' });
	const { auditLog } = tables(handle.db);
	const [entry] = await handle.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.action, 'registrations_exported'));
	expect(entry?.detail).toMatchObject({ format: 'xlsx', searched: true, filter: {} });
	expect(JSON.stringify(entry?.detail)).not.toContain('5678');
});

test('door staff cannot export', async () => {
	const door = await caller(['door']);
	await expect(door.registrations.export({ format: 'csv' })).rejects.toMatchObject({
		code: 'FORBIDDEN'
	});
});
