import { createTestDb } from '@huizhan/db/testing';
import { randomBytes } from 'node:crypto';
import { beforeEach, describe, expect, test } from 'vitest';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { execute, tables, type DbHandle, type schema } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { manualClock, signedInCaller } from '../test-support.ts';
import { decideRegistration } from './registration-desk.ts';
import { resolveScannerDevice } from './scanner-devices.ts';
import { readTicket } from '../tickets/token.ts';
import { ensureTicketKeys, retireTicketKey, rotateTicketKey, ticketToken } from './tickets.ts';
import { turnoutCounts } from './turnout.ts';
import { UNDO_WINDOW_MS } from './checkin.ts';
import { CheckinStatements } from './checkin-statements.ts';

let handle: DbHandle;
let clock: ReturnType<typeof manualClock>;

/** 2024-11-03 09:00 in Beijing: the first morning of the WSC. */
const MORNING = new Date('2024-11-03T09:00:00+08:00');

const nonce = () => randomBytes(9).toString('base64url');
const DEVICE = 'browser-gate-1';

const staffCaller = (login: string, roles: schema.StaffRole[]) =>
	signedInCaller(handle, login, roles, { source: '10.0.0.7', now: clock.now });

async function deviceCaller(token: string) {
	return createAdminCaller(
		createContextInner({
			...handle,
			device: await resolveScannerDevice(handle.db, token),
			source: '10.0.0.8',
			now: clock.now
		})
	);
}

const gate = async (conferenceId: string, nameZh: string) => {
	const { checkpoints } = tables(handle.db);
	return (await handle.db.select().from(checkpoints).where(eq(checkpoints.nameZh, nameZh))).find(
		(c) => c.conferenceId === conferenceId
	)!;
};

/** A registration of the demo data with the given conference, category and status. */
async function person(
	conferenceId: string,
	category: schema.AttendeeCategory,
	status: schema.RegistrationStatus = 'confirmed',
	skip = 0
) {
	const { registrations } = tables(handle.db);
	return (
		await handle.db.select().from(registrations).where(eq(registrations.conferenceId, conferenceId))
	).filter((r) => r.category === category && r.status === status)[skip]!;
}

const tokenOf = (r: { id: number; conferenceId: string; category: schema.AttendeeCategory }) =>
	ticketToken(handle.db, r);

const scanCount = async () => {
	const [counted] = await handle.db.select({ n: count() }).from(tables(handle.db).scans);
	return counted!.n;
};

/** Cancels a registration as of `at`, behind the services' back (the demo data is the setup). */
const cancelAt = (id: number, at: Date) => {
	const { registrations } = tables(handle.db);
	return handle.db
		.update(registrations)
		.set({ status: 'cancelled', cancelledAt: at })
		.where(eq(registrations.id, id));
};

/** What the database answered a refused statement (drizzle wraps it as the cause of its error). */
async function refusalOf(statement: string): Promise<string> {
	try {
		await execute(handle.db, sql.raw(statement));
	} catch (error) {
		return String((error as Error).cause ?? error);
	}
	throw new Error(`${statement} was not refused`);
}

beforeEach(async () => {
	handle = await createTestDb();
	clock = manualClock(MORNING);
	await seedDemo(handle.db, MORNING);
	await ensureTicketKeys(handle.db, MORNING);
	await seedDemoRegistrations(handle.db);
});

describe('the verdict of a scan', () => {
	test('admits a valid ticket once, then says when and at which gate it was admitted', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const visitor = await person('wsc-2024', 'visitor');
		const first = await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(visitor),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		});
		expect(first).toMatchObject({
			reason: 'ok',
			admitted: true,
			replayed: false,
			attendee: { name: visitor.name, organisation: visitor.organisation, category: 'visitor' },
			words: { zh: '验证通过，请入场' }
		});
		const { conferenceCategories } = tables(handle.db);
		const [visitors] = await handle.db
			.select({ color: conferenceCategories.color })
			.from(conferenceCategories)
			.where(
				and(
					eq(conferenceCategories.conferenceId, 'wsc-2024'),
					eq(conferenceCategories.category, 'visitor')
				)
			);
		expect(visitors!.color).toMatch(/^#/);
		expect(first.attendee!.categoryColor).toBe(visitors!.color);
		clock.advance(7 * 60 * 1000);
		const again = await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(visitor),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: clock.now().toISOString()
		});
		expect(again).toMatchObject({
			reason: 'already_checked_in',
			admitted: false,
			previous: { scanId: first.scanId, checkpointZh: '南门主入口' },
			words: {
				zh: '已于 09:00 在南门主入口入场',
				en: 'Already checked in at 09:00, South Gate (main entrance)'
			}
		});
		expect(await scanCount()).toBe(2);
	});

	test('gives every refusal its reason code, and stores every attempt', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const guests = await gate('wsc-2024', '嘉宾通道');
		const at = (checkpointId: number, code: string) =>
			door.checkin.scan({
				checkpointId,
				code,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: MORNING.toISOString()
			});
		const visitor = await person('wsc-2024', 'visitor');
		const cancelled = await person('wsc-2024', 'visitor', 'cancelled');
		const diamond = await person('diamond-2024', 'visitor');
		const token = await tokenOf(visitor);
		// One letter of the signature changed: the token no longer verifies.
		const tampered = token.slice(0, -3) + (token.at(-3) === 'A' ? 'B' : 'A') + token.slice(-2);
		const strangerKey = (await import('../tickets/token.ts')).signTicket(
			{ keyId: 'deadbeef', registrationNumber: visitor.id, category: 'visitor' },
			(await import('node:crypto')).generateKeyPairSync('ed25519').privateKey
		);

		expect((await at(guests.id, token)).reason).toBe('not_allowed_here');
		expect((await at(south.id, await tokenOf(cancelled))).reason).toBe('cancelled');
		expect((await at(south.id, tampered)).reason).toBe('invalid');
		expect((await at(south.id, strangerKey)).reason).toBe('invalid');
		expect((await at(south.id, 'hello world')).reason).toBe('invalid');
		const wrong = await at(south.id, await tokenOf(diamond));
		expect(wrong).toMatchObject({
			reason: 'wrong_conference',
			words: { en: 'Ticket for another conference (wrong conference)' }
		});
		expect((await at(south.id, 'WSC-ZZZZZZ')).reason).toBe('unknown');
		expect((await at(south.id, diamond.reference)).reason).toBe('wrong_conference');
		expect((await at(south.id, visitor.reference.toLowerCase())).reason).toBe('ok');
		expect(await scanCount()).toBe(9);
		const { scans } = tables(handle.db);
		const reasons = (
			await handle.db.select({ reason: scans.reason }).from(scans).orderBy(scans.id)
		).map((r) => r.reason);
		expect(reasons).toEqual([
			'not_allowed_here',
			'cancelled',
			'invalid',
			'invalid',
			'invalid',
			'wrong_conference',
			'unknown',
			'wrong_conference',
			'ok'
		]);
	});

	test('a pending registration is not let in, and a rejected one is void', async () => {
		const admin = await staffCaller('root', ['admin']);
		const guests = await gate('wsc-2024', '嘉宾通道');
		const pending = await person('wsc-2024', 'vip', 'pending');
		const pending2 = await person('wsc-2024', 'vip', 'pending', 1);
		const scanIt = (registrationId: number) =>
			admin.api.checkin.scan({
				checkpointId: guests.id,
				registrationId,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: MORNING.toISOString()
			});
		expect(await scanIt(pending.id)).toMatchObject({
			reason: 'not_allowed_here',
			words: { en: 'Registration not approved yet' }
		});
		await decideRegistration(
			handle.db,
			{ registrationId: pending2.id, decision: 'reject' },
			{
				user: { id: admin.id, login: 'root', displayName: 'root', roles: ['admin'] },
				source: 't',
				now: MORNING
			}
		);
		expect(await scanIt(pending2.id)).toMatchObject({
			reason: 'cancelled',
			words: { en: 'Registration was rejected — ticket void' }
		});
	});

	test('a closed gate refuses to scan and stores nothing', async () => {
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		await admin.checkpoints.update({
			checkpointId: south.id,
			nameZh: south.nameZh,
			nameEn: south.nameEn,
			allowedCategories: south.allowedCategories,
			entryRule: south.entryRule,
			printBadge: false,
			active: false
		});
		await expect(
			admin.checkin.scan({
				checkpointId: south.id,
				code: await tokenOf(await person('wsc-2024', 'visitor')),
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: MORNING.toISOString()
			})
		).rejects.toMatchObject({ reason: 'checkpoint_inactive' });
		expect(await scanCount()).toBe(0);
	});
});

describe('periods', () => {
	test('a once-per-day gate admits again the next Beijing day; a once-per-conference gate never', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const opening = await gate('wsc-2024', '开幕式主会场');
		const delegate = await person('wsc-2024', 'delegate');
		const code = await tokenOf(delegate);
		const at = (checkpointId: number) =>
			door.checkin.scan({
				checkpointId,
				code,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: clock.now().toISOString()
			});
		expect((await at(south.id)).reason).toBe('ok');
		expect((await at(opening.id)).reason).toBe('ok');
		// 23:59 the same day in Beijing (15:59 UTC): still the same period.
		clock.advance(14 * 60 * 60 * 1000 + 59 * 60 * 1000);
		expect((await at(south.id)).reason).toBe('already_checked_in');
		// 00:01 the next day in Beijing: a new period at the daily gate, not at the hall.
		clock.advance(2 * 60 * 1000);
		expect((await at(south.id)).reason).toBe('ok');
		expect((await at(opening.id)).reason).toBe('already_checked_in');
	});
});

describe('retries', () => {
	test('the same nonce again returns the first answer and stores nothing new', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const input = {
			checkpointId: south.id,
			code: await tokenOf(await person('wsc-2024', 'visitor')),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		};
		const first = await door.checkin.scan(input);
		clock.advance(30_000);
		const retried = await door.checkin.scan(input);
		expect(retried).toEqual({ ...first, replayed: true });
		expect(await scanCount()).toBe(1);
		// The same nonce from another device is another scan.
		const other = await door.checkin.scan({ ...input, deviceId: 'browser-gate-2' });
		expect(other.reason).toBe('already_checked_in');
		expect(await scanCount()).toBe(2);
	});

	test('64 concurrent scans of one ticket at one gate admit exactly once', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const code = await tokenOf(await person('wsc-2024', 'exhibitor'));
		const answers = await Promise.all(
			Array.from({ length: 64 }, (_, i) =>
				door.checkin.scan({
					checkpointId: south.id,
					code,
					deviceId: `browser-lane-${i}`,
					nonce: nonce(),
					scannedAt: MORNING.toISOString()
				})
			)
		);
		expect(answers.filter((a) => a.admitted)).toHaveLength(1);
		expect(answers.filter((a) => a.reason === 'already_checked_in')).toHaveLength(63);
		expect(await scanCount()).toBe(64);
	});

	test('scans arriving together while the ticket keys are first read all find the key', async () => {
		const { ticketKeys } = tables(handle.db);
		const [valid] = await handle.db
			.select({ keyId: ticketKeys.keyId })
			.from(ticketKeys)
			.where(isNull(ticketKeys.retiredAt));
		const statements = new CheckinStatements();
		const found = await Promise.all(
			Array.from({ length: 8 }, () => statements.key(handle.db, valid!.keyId, MORNING.getTime()))
		);
		expect(found.map((k) => k !== undefined)).toEqual(Array.from({ length: 8 }, () => true));
	});

	// Seconds on an idle machine, many more on a busy one: the limit is generous, not a goal.
	test('10,000 scans of random tickets with 20% retried nonces admit each ticket once', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const { registrations, scans } = tables(handle.db);
		const people = await handle.db
			.select()
			.from(registrations)
			.where(eq(registrations.conferenceId, 'wsc-2024'));
		const tokens: { person: (typeof people)[number]; token: string }[] = [];
		for (const p of people) tokens.push({ person: p, token: await tokenOf(p) });
		let seed = 7;
		const random = (n: number) => {
			seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
			return seed % n;
		};
		const sent: {
			checkpointId: number;
			code: string;
			deviceId: string;
			nonce: string;
			scannedAt: string;
		}[] = [];
		const inputs: (typeof sent)[number][] = [];
		for (let i = 0; i < 10_000; i++) {
			const retry = sent.length > 0 && random(100) < 20;
			const input = retry
				? sent[random(sent.length)]!
				: {
						checkpointId: south.id,
						code: tokens[random(tokens.length)]!.token,
						deviceId: `lane-${random(8)}-device`,
						nonce: nonce(),
						scannedAt: MORNING.toISOString()
					};
			if (!retry) sent.push(input);
			inputs.push(input);
		}
		// 256 in flight at any moment, as from the lanes' scanners on a busy morning (a retry
		// often meets its first attempt still in flight): not all 10,000 at once, which on a server
		// database would only measure the wait for one of the process's few connections.
		const answers: Awaited<ReturnType<typeof door.checkin.scan>>[] = new Array(inputs.length);
		let next = 0;
		await Promise.all(
			Array.from({ length: 256 }, async () => {
				while (next < inputs.length) {
					const at = next++;
					answers[at] = await door.checkin.scan(inputs[at]!);
				}
			})
		);
		const firstAnswers = answers.filter((a) => !a.replayed);
		const admittedIds = new Set(
			firstAnswers.filter((a) => a.admitted).map((a) => a.attendee!.registrationId)
		);
		const scannedConfirmed = new Set(
			sent
				.map((s) => tokens.find((t) => t.token === s.code)!.person)
				.filter((p) => p.status === 'confirmed')
				.map((p) => p.id)
		);
		expect(firstAnswers).toHaveLength(sent.length);
		expect(await scanCount()).toBe(sent.length);
		expect(firstAnswers.filter((a) => a.admitted)).toHaveLength(admittedIds.size);
		expect(admittedIds).toEqual(scannedConfirmed);
		const [okRows] = await handle.db
			.select({ n: count() })
			.from(scans)
			.where(eq(scans.reason, 'ok'));
		expect(okRows!.n).toBe(admittedIds.size);
		// Every retry got exactly the answer its first attempt got.
		const byNonce = new Map(firstAnswers.map((a) => [a.scanId, a]));
		for (const replay of answers.filter((a) => a.replayed)) {
			expect({ ...replay, replayed: false }).toEqual(byNonce.get(replay.scanId));
		}
		// A cap for a stuck run only: on PostgreSQL every scan is a few round trips to the server.
	}, 180_000);
});

describe('undo', () => {
	test('door staff undo their own admission within the window; the ticket can then be admitted again', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const code = await tokenOf(await person('wsc-2024', 'visitor'));
		const scanIt = () =>
			door.checkin.scan({
				checkpointId: south.id,
				code,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: clock.now().toISOString()
			});
		const first = await scanIt();
		expect(first).toMatchObject({
			undoable: true,
			undoableUntil: new Date(MORNING.getTime() + UNDO_WINDOW_MS).toISOString()
		});
		clock.advance(60_000);
		await door.checkin.undo({ scanId: first.scanId, note: '扫错了人', deviceId: DEVICE });
		const again = await scanIt();
		expect(again.reason).toBe('ok');
		await expect(
			door.checkin.undo({ scanId: first.scanId, note: 'twice', deviceId: DEVICE })
		).rejects.toMatchObject({ reason: 'scan_not_undoable' });
		const { auditLog, scans } = tables(handle.db);
		const audit = await handle.db
			.select()
			.from(auditLog)
			.where(eq(auditLog.action, 'checkin_undone'));
		expect(audit).toHaveLength(1);
		expect(audit[0]).toMatchObject({ actorLabel: 'gate1', subjectId: String(first.scanId) });
		expect(audit[0]!.detail).toMatchObject({ note: '扫错了人', checkpointId: south.id });
		const [undoRow] = await handle.db
			.select({ undoes: scans.undoes, note: scans.note })
			.from(scans)
			.where(eq(scans.kind, 'undo'));
		expect(undoRow).toEqual({ undoes: first.scanId, note: '扫错了人' });
	});

	test("door staff may not undo after the window or another's scan; an admin may undo any", async () => {
		const gate1 = (await staffCaller('gate1', ['door'])).api;
		const gate2 = (await staffCaller('gate2', ['door'])).api;
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const mine = await gate1.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(await person('wsc-2024', 'visitor', 'confirmed', 3)),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		});
		await expect(
			gate2.checkin.undo({ scanId: mine.scanId, note: 'not mine', deviceId: 'browser-gate-2' })
		).rejects.toMatchObject({ reason: 'undo_not_allowed' });
		clock.advance(UNDO_WINDOW_MS + 1);
		await expect(
			gate1.checkin.undo({ scanId: mine.scanId, note: 'too late', deviceId: DEVICE })
		).rejects.toMatchObject({ reason: 'undo_not_allowed' });
		clock.advance(6 * 60 * 60 * 1000);
		await expect(
			admin.checkin.undo({ scanId: mine.scanId, note: 'supervisor', deviceId: 'admin-laptop' })
		).resolves.toMatchObject({ undone: mine.scanId });
	});

	test('the scans table is append-only but for marking an admission undone', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(await person('wsc-2024', 'visitor')),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		});
		expect(await refusalOf("UPDATE scans SET reason = 'invalid'")).toMatch(/append-only/);
		expect(await refusalOf('UPDATE scans SET entry_key = NULL')).toMatch(/append-only/);
		expect(await refusalOf('DELETE FROM scans')).toMatch(/append-only/);
	});

	test('marking an admission undone cannot change any other column on the way', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const { scanId } = await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(await person('wsc-2024', 'visitor')),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		});
		const changes = [
			"method = 'search'",
			`prior_scan_id = ${scanId}`,
			"note = 'rewritten'",
			'staff_id = NULL',
			'scanner_device_id = 999',
			'offline = TRUE',
			"device_reason = 'ok'",
			"request_digest = 'forged'"
		];
		for (const change of changes) {
			expect(
				await refusalOf(`UPDATE scans SET undone_by = ${scanId}, ${change} WHERE id = ${scanId}`),
				change
			).toMatch(/append-only/);
		}
	});
});

describe('scanner devices', () => {
	test('a device token scans within its scope only, and stops working when revoked', async () => {
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const guests = await gate('wsc-2024', '嘉宾通道');
		const north = await gate('diamond-2024', '北门主入口');
		const { token, device } = await admin.scannerDevices.issue({
			conferenceId: 'wsc-2024',
			checkpointId: south.id,
			name: '南门 PDA 1'
		});
		expect(token).toMatch(/^hzd_[A-Za-z0-9_-]{43}$/);
		const { auditLog, scannerDevices, scans } = tables(handle.db);
		const [stored] = await handle.db
			.select({ tokenHash: scannerDevices.tokenHash })
			.from(scannerDevices);
		expect(stored!.tokenHash).not.toContain(token.slice(4));
		const pda = await deviceCaller(token);
		const visitor = await person('wsc-2024', 'visitor');
		const answer = await pda.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(visitor),
			nonce: nonce(),
			scannedAt: Date.now()
		});
		expect(answer.reason).toBe('ok');
		const [row] = await handle.db
			.select({
				deviceId: scans.deviceId,
				scannerDeviceId: scans.scannerDeviceId,
				staffId: scans.staffId
			})
			.from(scans);
		expect(row).toEqual({
			deviceId: `scanner-${device.id}`,
			scannerDeviceId: device.id,
			staffId: null
		});
		for (const checkpointId of [guests.id, north.id]) {
			await expect(
				pda.checkin.scan({
					checkpointId,
					code: await tokenOf(visitor),
					nonce: nonce(),
					scannedAt: Date.now()
				})
			).rejects.toMatchObject({ reason: 'device_out_of_scope' });
		}
		await expect(pda.checkin.snapshot({ conferenceId: 'diamond-2024' })).rejects.toMatchObject({
			reason: 'device_out_of_scope'
		});
		// Its own admission it may undo, within the window.
		await expect(
			pda.checkin.undo({ scanId: answer.scanId, note: 'wrong person' })
		).resolves.toMatchObject({ undone: answer.scanId });
		// Devices do not reach staff-only procedures.
		await expect(
			pda.checkin.search({ conferenceId: 'wsc-2024', text: '王' })
		).rejects.toMatchObject({
			code: 'UNAUTHORIZED'
		});
		await admin.scannerDevices.revoke({ deviceId: device.id });
		expect(await resolveScannerDevice(handle.db, token)).toBeNull();
		await expect(
			(await deviceCaller(token)).checkin.scan({
				checkpointId: south.id,
				code: await tokenOf(visitor),
				nonce: nonce(),
				scannedAt: Date.now()
			})
		).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
		const actions = (await handle.db.select().from(auditLog)).map((a) => a.action);
		expect(actions).toEqual(
			expect.arrayContaining(['scanner_device_issued', 'scanner_device_revoked', 'checkin_undone'])
		);
	});
});

describe('offline scans', () => {
	test('uploads are stored once; a ticket let in by two scanners and one cancelled before are flagged', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const shared = await person('wsc-2024', 'visitor', 'confirmed', 5);
		const later = await person('wsc-2024', 'visitor', 'confirmed', 6);
		const cancelledBefore = await person('wsc-2024', 'visitor', 'confirmed', 7);
		await cancelAt(cancelledBefore.id, new Date(MORNING.getTime() - 60_000));
		const offline = (deviceId: string, code: string, minutes: number) => ({
			checkpointId: south.id,
			code,
			deviceId,
			nonce: nonce(),
			scannedAt: new Date(MORNING.getTime() + minutes * 60_000).toISOString(),
			deviceReason: 'ok' as const
		});
		const laneA = [
			offline('lane-a-device', await tokenOf(shared), 1),
			offline('lane-a-device', await tokenOf(later), 2)
		];
		const laneB = [
			offline('lane-b-device', await tokenOf(shared), 3),
			offline('lane-b-device', await tokenOf(cancelledBefore), 4)
		];
		clock.advance(20 * 60_000);
		// `later` is cancelled after coming in: they were let in while the ticket was valid.
		await cancelAt(later.id, clock.now());
		const a = await door.checkin.uploadOffline({ scans: laneA });
		expect(a.answers.map((x) => [x.reason, x.offline, x.conflict])).toEqual([
			['ok', true, null],
			['ok', true, null]
		]);
		const b = await door.checkin.uploadOffline({ scans: laneB });
		expect(b.answers.map((x) => [x.reason, x.conflict])).toEqual([
			['already_checked_in', 'double_admission'],
			['cancelled', 'admitted_after_cancellation']
		]);
		// Uploading again (the answer was lost on the way back) stores nothing new.
		const again = await door.checkin.uploadOffline({ scans: laneB });
		expect(again.answers.every((x) => x.replayed)).toBe(true);
		expect(await scanCount()).toBe(4);

		const conflicts = await admin.checkin.conflicts({ conferenceId: 'wsc-2024' });
		expect(conflicts.map((c) => [c.kind, c.name])).toEqual([
			['admitted_after_cancellation', cancelledBefore.name],
			['double_admission', shared.name]
		]);
		expect(conflicts[1]!.other?.scannedAt).toBe(laneA[0]!.scannedAt);
		await admin.checkin.resolveConflict({
			conflictId: conflicts[1]!.id,
			note: '同一张票截图转给同事，已补登记'
		});
		expect(await admin.checkin.conflicts({ conferenceId: 'wsc-2024' })).toHaveLength(1);
		const all = await admin.checkin.conflicts({ conferenceId: 'wsc-2024', open: false });
		expect(all.find((c) => c.kind === 'double_admission')).toMatchObject({
			resolvedBy: 'root',
			resolution: '同一张票截图转给同事，已补登记'
		});
		await expect(
			admin.checkin.resolveConflict({ conflictId: conflicts[1]!.id, note: 'again' })
		).rejects.toMatchObject({ reason: 'conflict_already_resolved' });
	});

	test('an offline refusal is stored as refused: nobody went in', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const visitor = await person('wsc-2024', 'visitor');
		const [answer] = (
			await door.checkin.uploadOffline({
				scans: [
					{
						checkpointId: south.id,
						code: await tokenOf(visitor),
						deviceId: DEVICE,
						nonce: nonce(),
						scannedAt: MORNING.toISOString(),
						deviceReason: 'already_checked_in'
					}
				]
			})
		).answers;
		expect(answer).toMatchObject({ reason: 'already_checked_in', admitted: false, conflict: null });
		expect((await turnoutCounts(handle.db, 'wsc-2024')).checkedIn).toBe(0);
	});
});

describe('counts', () => {
	test('turnout counts each person once across gates, by category and quarter hour', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const opening = await gate('wsc-2024', '开幕式主会场');
		const delegate = await person('wsc-2024', 'delegate');
		const visitor = await person('wsc-2024', 'visitor');
		const scanAt = async (checkpointId: number, code: string) =>
			door.checkin.scan({
				checkpointId,
				code,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: clock.now().toISOString()
			});
		await scanAt(south.id, await tokenOf(delegate));
		clock.advance(20 * 60_000);
		await scanAt(opening.id, await tokenOf(delegate));
		await scanAt(south.id, await tokenOf(visitor));
		const counts = await door.checkin.counts({ conferenceId: 'wsc-2024' });
		const { registrations } = tables(handle.db);
		const [confirmed] = await handle.db
			.select({ n: count() })
			.from(registrations)
			.where(
				and(eq(registrations.conferenceId, 'wsc-2024'), eq(registrations.status, 'confirmed'))
			);
		expect(counts.turnout).toMatchObject({ registered: confirmed!.n, checkedIn: 2 });
		expect(counts.turnout.byCategory.find((c) => c.category === 'delegate')?.checkedIn).toBe(1);
		expect(counts.turnout.arrivals).toEqual([
			{ from: '2024-11-03T01:00:00.000Z', count: 1 },
			{ from: '2024-11-03T01:15:00.000Z', count: 1 }
		]);
		expect(counts.gates.find((g) => g.checkpointId === south.id)).toEqual({
			checkpointId: south.id,
			today: 2,
			total: 2
		});
	});
});

describe('nonces belong to one device', () => {
	test('a browser naming itself after a handheld does not take its nonce: each gets its own answer', async () => {
		const admin = (await staffCaller('root', ['admin'])).api;
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const { token, device } = await admin.scannerDevices.issue({
			conferenceId: 'wsc-2024',
			checkpointId: south.id,
			name: '南门 PDA 1'
		});
		const squatter = await person('wsc-2024', 'visitor', 'confirmed', 0);
		const holder = await person('wsc-2024', 'visitor', 'confirmed', 1);
		const handheldsNextNonce = 'pda-000000042';
		await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(squatter),
			deviceId: `scanner-${device.id}`,
			nonce: handheldsNextNonce,
			scannedAt: MORNING.toISOString()
		});
		const real = await (
			await deviceCaller(token)
		).checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(holder),
			nonce: handheldsNextNonce,
			scannedAt: MORNING.toISOString()
		});
		expect(real).toMatchObject({
			reason: 'ok',
			replayed: false,
			attendee: { registrationId: holder.id }
		});
		expect(await scanCount()).toBe(2);
	});

	test('a retry under the same nonce that asks something else is refused and stores nothing', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const guests = await gate('wsc-2024', '嘉宾通道');
		const first = await person('wsc-2024', 'visitor', 'confirmed', 0);
		const other = await person('wsc-2024', 'visitor', 'confirmed', 1);
		const request = {
			checkpointId: south.id,
			code: await tokenOf(first),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		};
		await door.checkin.scan(request);
		for (const changed of [
			{ code: await tokenOf(other) },
			{ code: undefined, registrationId: other.id },
			{ checkpointId: guests.id },
			{ scannedAt: new Date(MORNING.getTime() + 1000).toISOString() }
		]) {
			await expect(door.checkin.scan({ ...request, ...changed })).rejects.toMatchObject({
				code: 'CONFLICT',
				reason: 'nonce_reused'
			});
		}
		// The same request again (a lost answer) is still answered from the first.
		expect(
			await door.checkin.scan({ ...request, code: ` ${request.code.toLowerCase()}` })
		).toMatchObject({
			replayed: true,
			attendee: { registrationId: first.id }
		});
		expect(await scanCount()).toBe(1);
	});
});

describe('device clocks', () => {
	test('a device time that is no time at all is refused with 400 and stores nothing', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const code = await tokenOf(await person('wsc-2024', 'visitor'));
		for (const scannedAt of [9e15, 1, '1970-01-01T00:00:00Z', 4_102_444_800_000]) {
			await expect(
				door.checkin.scan({
					checkpointId: south.id,
					code,
					deviceId: DEVICE,
					nonce: nonce(),
					scannedAt
				})
			).rejects.toMatchObject({ code: 'BAD_REQUEST' });
			await expect(
				door.checkin.uploadOffline({
					scans: [
						{
							checkpointId: south.id,
							code,
							deviceId: DEVICE,
							nonce: nonce(),
							scannedAt,
							deviceReason: 'ok'
						}
					]
				})
			).rejects.toMatchObject({ code: 'BAD_REQUEST' });
		}
		expect(await scanCount()).toBe(0);
	});

	test('a backdated offline scan of a cancelled ticket is judged no earlier than its snapshot, and flagged', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const visitor = await person('wsc-2024', 'visitor');
		await cancelAt(visitor.id, new Date(MORNING.getTime() - 30 * 60_000));
		const { generatedAt } = await door.checkin.snapshot({ conferenceId: 'wsc-2024' });
		clock.advance(20 * 60_000);
		const backdated = new Date(MORNING.getTime() - 3 * 60 * 60_000).toISOString();
		const [answer] = (
			await door.checkin.uploadOffline({
				snapshotAt: generatedAt,
				scans: [
					{
						checkpointId: south.id,
						code: await tokenOf(visitor),
						deviceId: DEVICE,
						nonce: nonce(),
						scannedAt: backdated,
						deviceReason: 'ok'
					}
				]
			})
		).answers;
		expect(answer).toMatchObject({
			reason: 'cancelled',
			conflict: 'admitted_after_cancellation',
			scannedAt: new Date(MORNING.getTime() - 10 * 60_000).toISOString()
		});
		const conflicts = await admin.checkin.conflicts({ conferenceId: 'wsc-2024' });
		expect(conflicts.map((c) => [c.kind, c.deviceScannedAt]).sort()).toEqual([
			['admitted_after_cancellation', null],
			['device_clock', backdated]
		]);
	});

	test("a future-dated offline scan takes today's slot, not a later day's, and is flagged", async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const visitor = await person('wsc-2024', 'visitor');
		const tomorrow = new Date(MORNING.getTime() + 24 * 60 * 60_000);
		const [answer] = (
			await door.checkin.uploadOffline({
				scans: [
					{
						checkpointId: south.id,
						code: await tokenOf(visitor),
						deviceId: DEVICE,
						nonce: nonce(),
						scannedAt: tomorrow.toISOString(),
						deviceReason: 'ok'
					}
				]
			})
		).answers;
		expect(answer).toMatchObject({ reason: 'ok', conflict: 'device_clock' });
		expect(new Date(answer!.scannedAt).getTime()).toBe(MORNING.getTime() + 10 * 60_000);
		clock.advance(24 * 60 * 60_000);
		const next = await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(visitor),
			deviceId: DEVICE,
			nonce: nonce(),
			scannedAt: tomorrow.toISOString()
		});
		expect(next.reason).toBe('ok');
	});
});

describe('an offline decision under an answered nonce', () => {
	test('a scan refused online, let in offline after a timeout and uploaded under the same nonce, is flagged', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const admin = (await staffCaller('root', ['admin'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const cancelled = await person('wsc-2024', 'visitor', 'confirmed', 0);
		const twice = await person('wsc-2024', 'visitor', 'confirmed', 1);
		const { registrations } = tables(handle.db);
		const pending = (
			await handle.db.select().from(registrations).where(eq(registrations.status, 'pending'))
		).find((r) => r.conferenceId === 'wsc-2024')!;
		await cancelAt(cancelled.id, new Date(MORNING.getTime() - 60_000));
		const standing = await door.checkin.scan({
			checkpointId: south.id,
			code: await tokenOf(twice),
			deviceId: 'other-browser',
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		});
		const timedOut = [];
		for (const r of [cancelled, twice, pending]) {
			timedOut.push({
				checkpointId: south.id,
				code: await tokenOf(r),
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: MORNING.toISOString()
			});
		}
		for (const request of timedOut) {
			expect((await door.checkin.scan(request)).admitted).toBe(false);
		}
		const { answers } = await door.checkin.uploadOffline({
			scans: timedOut.map((request) => ({ ...request, deviceReason: 'ok' as const }))
		});
		expect(answers.map((a) => [a.replayed, a.reason, a.conflict])).toEqual([
			[true, 'cancelled', 'admitted_after_cancellation'],
			[true, 'already_checked_in', 'double_admission'],
			[true, 'not_allowed_here', 'admitted_after_refusal']
		]);
		const conflicts = await admin.checkin.conflicts({ conferenceId: 'wsc-2024' });
		expect(conflicts.find((c) => c.kind === 'double_admission')?.other?.id).toBe(standing.scanId);
		// Uploading once more flags nothing new.
		await door.checkin.uploadOffline({
			scans: timedOut.map((request) => ({ ...request, deviceReason: 'ok' as const }))
		});
		expect(await admin.checkin.conflicts({ conferenceId: 'wsc-2024' })).toHaveLength(3);
	});
});

describe('ticket keys', () => {
	test('after a rotation new tickets carry the new key, and old ones admit until their key is retired', async () => {
		const door = (await staffCaller('gate1', ['door'])).api;
		const south = await gate('wsc-2024', '南门主入口');
		const [before, after, late] = [
			await person('wsc-2024', 'visitor', 'confirmed', 0),
			await person('wsc-2024', 'visitor', 'confirmed', 1),
			await person('wsc-2024', 'visitor', 'confirmed', 2)
		];
		const oldTokens = [await tokenOf(before!), await tokenOf(late!)];
		const oldKey = readTicket(oldTokens[0]!)!.keyId;
		const newKey = await rotateTicketKey(handle.db, 'wsc-2024', clock.now());
		const newToken = await tokenOf(after!);
		expect(readTicket(newToken)!.keyId).toBe(newKey);
		const scan = (code: string) =>
			door.checkin.scan({
				checkpointId: south.id,
				code,
				deviceId: DEVICE,
				nonce: nonce(),
				scannedAt: clock.now().toISOString()
			});
		expect((await scan(oldTokens[0]!)).reason).toBe('ok');
		expect((await scan(newToken)).reason).toBe('ok');
		const wscKeys = (s: { keys: { keyId: string }[]; keyConferences: Record<string, string> }) =>
			s.keys.map((k) => k.keyId).filter((id) => s.keyConferences[id] === 'wsc-2024');
		const snapshot = await door.checkin.snapshot({ conferenceId: 'wsc-2024' });
		expect(wscKeys(snapshot).sort()).toEqual([oldKey, newKey].sort());

		await expect(retireTicketKey(handle.db, newKey, clock.now())).rejects.toThrow(/rotate first/);
		await retireTicketKey(handle.db, oldKey, clock.now());
		clock.advance(61_000);
		expect((await scan(oldTokens[1]!)).reason).toBe('invalid');
		const fresh = await door.checkin.snapshot({ conferenceId: 'wsc-2024' });
		expect(wscKeys(fresh)).toEqual([newKey]);
		expect(fresh.keys.map((k) => k.keyId)).not.toContain(oldKey);
		expect(fresh.keyConferences[oldKey]).toBeUndefined();
	});
});
