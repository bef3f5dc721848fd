import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { eq } from 'drizzle-orm';
import { beforeEach, expect, test } from 'vitest';
import { createDb, schema } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { REGISTRATION_EXPORT_HEADERS } from './registration-export.ts';

let handle: ReturnType<typeof createDb>;
const now = () => new Date('2026-11-26T10:00:00+08:00');

function caller(roles: schema.StaffRole[]) {
	const user = handle.db
		.insert(schema.staffUsers)
		.values({ login: roles.join('-'), displayName: 'x', passwordHash: '$argon2id$not-used-here' })
		.returning()
		.get();
	return createAdminCaller(
		createContextInner({
			...handle,
			user: { id: user.id, login: user.login, displayName: 'x', roles },
			source: '10.0.0.9',
			now
		})
	);
}

beforeEach(() => {
	handle = createDb({ path: ':memory:' });
	seedDemo(handle.db, now());
	seedDemoRegistrations(handle.db);
});

const count = (conferenceId: string, status?: schema.RegistrationStatus) =>
	handle.db
		.select()
		.from(schema.registrations)
		.all()
		.filter((r) => r.conferenceId === conferenceId && (!status || r.status === status)).length;

test('the .xlsx export has Chinese headers and one row per registration the filters select, contacts in full', async () => {
	const file = await caller(['admin']).registrations.export({
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
	expect(rows.length - 1).toBe(count('wsc-2024', 'confirmed'));
	expect(count('wsc-2024', 'confirmed')).toBeGreaterThan(50);
	const stored = handle.db.select().from(schema.registrations).all();
	const byReference = new Map(stored.map((r) => [r.reference, r]));
	for (const row of rows.slice(1)) {
		const registration = byReference.get(String(row[1]));
		expect(registration?.status).toBe('confirmed');
		expect(row[7] ?? null).toBe(registration?.mobile ?? null);
		expect(row[11]).toBe('已确认');
	}
});

test('the .csv export is UTF-8 with a BOM and keeps a formula-looking name as text', async () => {
	const admin = caller(['admin']);
	const first = handle.db.select().from(schema.registrations).get()!;
	handle.db
		.update(schema.registrations)
		.set({ name: '=HYPERLINK("http://x")' })
		.where(eq(schema.registrations.id, first.id))
		.run();
	const file = await admin.registrations.export({ format: 'csv' });
	const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
	expect(text.startsWith('\ufeff报名编号,大会,类别')).toBe(true);
	const parsed = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true });
	expect(parsed.data.length - 1).toBe(handle.db.select().from(schema.registrations).all().length);
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
	const stored = handle.db.select().from(schema.registrations).limit(names.length).all();
	names.forEach((name, i) =>
		handle.db
			.update(schema.registrations)
			.set({ name })
			.where(eq(schema.registrations.id, stored[i]!.id))
			.run()
	);
	const file = await caller(['admin']).registrations.export({ format: 'csv' });
	const text = Buffer.from(file.contentBase64, 'base64').toString('utf8');
	const rows = Papa.parse<string[]>(text.slice(1), { skipEmptyLines: true }).data;
	const nameColumn = REGISTRATION_EXPORT_HEADERS.indexOf('姓名');
	const written = new Map(rows.slice(1).map((row) => [row[0], row[nameColumn]]));
	names.forEach((name, i) => expect(written.get(stored[i]!.reference)).toBe(`'${name}`));
});

test('each export is audited with its filters but not the search text', async () => {
	await caller(['admin']).registrations.export({ text: '5678', format: 'xlsx' });
	const [entry] = handle.db
		.select()
		.from(schema.auditLog)
		.where(eq(schema.auditLog.action, 'registrations_exported'))
		.all();
	expect(entry?.detail).toMatchObject({ format: 'xlsx', searched: true, filter: {} });
	expect(JSON.stringify(entry?.detail)).not.toContain('5678');
});

test('door staff cannot export', async () => {
	await expect(caller(['door']).registrations.export({ format: 'csv' })).rejects.toMatchObject({
		code: 'FORBIDDEN'
	});
});
