import { createTestDb } from '@huizhan/db/testing';
import { beforeEach, expect, test } from 'vitest';
import { eq } from 'drizzle-orm';
import { tables, type DbHandle, type schema } from '@huizhan/db';
import { seedDemo } from '@huizhan/db/seed';
import { signedInCaller } from '../test-support.ts';
import { ensureTicketKeys } from './tickets.ts';

let handle: DbHandle;
const now = () => new Date('2024-11-03T08:00:00+08:00');

const caller = async (roles: schema.StaffRole[]) =>
	(await signedInCaller(handle, roles.join('-'), roles, { now })).api;

beforeEach(async () => {
	handle = await createTestDb();
	await seedDemo(handle.db, now());
	await ensureTicketKeys(handle.db, now());
});

test('each demo conference has believable gates', async () => {
	const gates = await handle.db.select().from(tables(handle.db).checkpoints);
	for (const conference of ['wsc-2024', 'diamond-2024']) {
		const own = gates.filter((g) => g.conferenceId === conference);
		expect(own.length).toBeGreaterThanOrEqual(3);
		// A main entrance everyone may use, and a gate that prints badges for guests.
		expect(own.some((g) => g.allowedCategories.length === 5)).toBe(true);
		expect(own.some((g) => g.printBadge)).toBe(true);
	}
});

test('an admin adds, edits and closes a gate; a closed gate leaves the scanner list; all audited', async () => {
	const admin = await caller(['admin']);
	const gate = await admin.checkpoints.create({
		conferenceId: 'wsc-2024',
		nameZh: '东门',
		nameEn: 'East Gate',
		allowedCategories: ['exhibitor', 'visitor', 'visitor'],
		entryRule: 'once_per_day'
	});
	// Categories are kept once each, in the platform's order.
	expect(gate).toMatchObject({
		allowedCategories: ['visitor', 'exhibitor'],
		printBadge: false,
		active: true
	});
	await expect(
		admin.checkpoints.create({
			conferenceId: 'wsc-2024',
			nameZh: '东门',
			nameEn: 'East Gate 2',
			allowedCategories: ['visitor'],
			entryRule: 'once_per_day'
		})
	).rejects.toMatchObject({ reason: 'checkpoint_name_taken' });
	await expect(
		admin.checkpoints.create({
			conferenceId: 'wsc-2024',
			nameZh: '西门',
			nameEn: 'West Gate',
			allowedCategories: [],
			entryRule: 'once_per_day'
		})
	).rejects.toMatchObject({ code: 'BAD_REQUEST' });

	await admin.checkpoints.update({
		checkpointId: gate.id,
		nameZh: '东门',
		nameEn: 'East Gate',
		allowedCategories: ['visitor'],
		entryRule: 'once_per_conference',
		printBadge: true,
		active: false
	});
	const door = await caller(['door']);
	const forDoor = await door.checkpoints.list({ conferenceId: 'wsc-2024', includeInactive: true });
	expect(forDoor.map((g) => g.nameZh)).not.toContain('东门');
	const forAdmin = await admin.checkpoints.list({
		conferenceId: 'wsc-2024',
		includeInactive: true
	});
	expect(forAdmin.find((g) => g.id === gate.id)).toMatchObject({ active: false, printBadge: true });

	const { auditLog } = tables(handle.db);
	const audit = await handle.db
		.select()
		.from(auditLog)
		.where(eq(auditLog.subjectType, 'checkpoint'));
	expect(audit.map((a) => a.action)).toEqual(['checkpoint_created', 'checkpoint_updated']);
	expect(Object.keys((audit[1]!.detail as { changed: object }).changed).sort()).toEqual([
		'active',
		'allowedCategories',
		'entryRule',
		'printBadge'
	]);
});

test('the entry rule of a gate with scans cannot change', async () => {
	const admin = await caller(['admin']);
	const south = (await admin.checkpoints.list({ conferenceId: 'wsc-2024' })).find(
		(g) => g.nameZh === '南门主入口'
	)!;
	await admin.checkin.scan({
		checkpointId: south.id,
		code: 'not a ticket',
		deviceId: 'admin-laptop',
		nonce: 'first-scan-1',
		scannedAt: now().toISOString()
	});
	await expect(
		admin.checkpoints.update({ ...south, checkpointId: south.id, entryRule: 'once_per_conference' })
	).rejects.toMatchObject({ reason: 'checkpoint_rule_in_use' });
	await expect(
		admin.checkpoints.update({ ...south, checkpointId: south.id, nameEn: 'South Gate' })
	).resolves.toMatchObject({ nameEn: 'South Gate' });
});
