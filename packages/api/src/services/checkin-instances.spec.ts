import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, inject, test } from 'vitest';
import { and, count, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { createDb, row, tables, type DbHandle, type schema } from '@huizhan/db';
import { seedDemo, seedDemoRegistrations } from '@huizhan/db/seed';
import { createTestDb } from '@huizhan/db/testing';
import { createContextInner } from '../context.ts';
import { createAdminCaller } from '../root.ts';
import { manualClock } from '../test-support.ts';
import { ensureTicketKeys, ticketToken } from './tickets.ts';

/*
 * Two app instances scanning at the same doors: two handles on one database, each with its own
 * pool (PostgreSQL) or connection and group commit (SQLite, one file). The scans of one ticket
 * queue under its lock (`checkin-locks.ts`); these are the moments they meet.
 */

const MORNING = new Date('2024-11-03T09:00:00+08:00');
const nonce = () => randomBytes(9).toString('base64url');

let first: DbHandle;
let second: DbHandle;
let cleanUp: () => Promise<void>;
let clock: ReturnType<typeof manualClock>;

/** A second handle on the database of `handle`, as another process would open it. */
async function twoInstances(): Promise<[DbHandle, DbHandle, () => Promise<void>]> {
	const handle = await createTestDb();
	if (handle.dialect === 'postgres') {
		const current = await row<{ name: string }>(handle.db, sql`SELECT current_database() AS name`);
		const url = new URL(inject('pgUrl'));
		url.pathname = `/${current!.name}`;
		const other = await createDb({ url: url.toString(), poolSize: 4, migrate: false });
		return [handle, other, () => other.close().then(() => handle.close())];
	}
	// An in-memory SQLite database has one connection only: the two instances share a file.
	await handle.close();
	const dir = mkdtempSync(join(tmpdir(), 'huizhan-instances-'));
	const path = join(dir, 'huizhan.db');
	const one = await createDb({ path, createAs: null });
	const two = await createDb({ path, migrate: false });
	return [
		one,
		two,
		async () => {
			await two.close();
			await one.close();
			rmSync(dir, { recursive: true, force: true });
		}
	];
}

beforeEach(async () => {
	[first, second, cleanUp] = await twoInstances();
	clock = manualClock(MORNING);
	await seedDemo(first.db, MORNING);
	await ensureTicketKeys(first.db, MORNING);
	await seedDemoRegistrations(first.db);
});

afterEach(() => cleanUp());

/** The admin API of each instance, called by one staff account. */
async function staffOnBoth(login: string, roles: schema.StaffRole[]) {
	const [user] = await first.db
		.insert(tables(first.db).staffUsers)
		.values({ login, displayName: login, passwordHash: '$argon2id$not-used-here' })
		.returning();
	const as = (handle: DbHandle) =>
		createAdminCaller(
			createContextInner({
				...handle,
				user: { id: user!.id, login, displayName: login, roles },
				source: '10.0.0.7',
				now: clock.now
			})
		);
	return [as(first), as(second)] as const;
}

const doorOnBoth = async () => {
	const [one, two] = await staffOnBoth('gate1', ['door']);
	return [one.checkin, two.checkin] as const;
};

async function southGate() {
	const { checkpoints } = tables(first.db);
	const [south] = await first.db
		.select()
		.from(checkpoints)
		.where(and(eq(checkpoints.conferenceId, 'wsc-2024'), eq(checkpoints.nameZh, '南门主入口')));
	return south!;
}

async function confirmed(category: schema.AttendeeCategory, skip = 0) {
	const { registrations } = tables(first.db);
	const found = await first.db
		.select()
		.from(registrations)
		.where(
			and(
				eq(registrations.conferenceId, 'wsc-2024'),
				eq(registrations.category, category),
				eq(registrations.status, 'confirmed')
			)
		)
		.orderBy(registrations.id);
	return found[skip]!;
}

async function stored(kind: schema.ScanKind) {
	const { scans } = tables(first.db);
	const [counted] = await first.db.select({ n: count() }).from(scans).where(eq(scans.kind, kind));
	return counted!.n;
}

describe('two instances scanning one ticket', () => {
	test('64 scanners at once over two instances admit it exactly once, and refuse 63 with the admission that stands', async () => {
		const doors = await doorOnBoth();
		const south = await southGate();
		const code = await ticketToken(first.db, await confirmed('exhibitor'));
		const answers = await Promise.all(
			Array.from({ length: 64 }, (_, i) =>
				doors[i % 2]!.scan({
					checkpointId: south.id,
					code,
					deviceId: `browser-lane-${i}`,
					nonce: nonce(),
					scannedAt: MORNING.toISOString()
				})
			)
		);
		const admitted = answers.filter((a) => a.admitted);
		expect(admitted).toHaveLength(1);
		const refused = answers.filter((a) => a.reason === 'already_checked_in');
		expect(refused).toHaveLength(63);
		expect(new Set(refused.map((a) => a.previous?.scanId))).toEqual(new Set([admitted[0]!.scanId]));
		expect(await stored('scan')).toBe(64);
	});

	test('an undo meeting scans and a second undo of the same admission: one undo, and every refusal names a standing admission', async () => {
		const doors = await doorOnBoth();
		const south = await southGate();
		const code = await ticketToken(first.db, await confirmed('visitor'));
		const scanOn = (i: number) =>
			doors[i % 2]!.scan({
				checkpointId: south.id,
				code,
				deviceId: `browser-lane-${i}`,
				nonce: nonce(),
				scannedAt: MORNING.toISOString()
			});
		const admission = await scanOn(0);
		expect(admission.admitted).toBe(true);
		const undo = (i: number) =>
			doors[i % 2]!.undo({
				scanId: admission.scanId,
				note: '扫错了人',
				deviceId: `browser-lane-${i}`
			});
		const [undos, scans] = await Promise.all([
			Promise.allSettled([undo(0), undo(1)]),
			Promise.all(Array.from({ length: 16 }, (_, i) => scanOn(i + 1)))
		]);
		expect(undos.filter((u) => u.status === 'fulfilled')).toHaveLength(1);
		expect(undos.find((u) => u.status === 'rejected')).toMatchObject({
			reason: { reason: 'scan_not_undoable' }
		});
		expect(await stored('undo')).toBe(1);
		// Before the undo a scan runs into the first admission; after it, one scan takes the slot
		// again and the rest run into that one. None may find the slot taken and then no admission.
		const readmitted = scans.filter((a) => a.admitted);
		expect(readmitted.length).toBeLessThanOrEqual(1);
		for (const refused of scans.filter((a) => !a.admitted)) {
			expect(refused.reason).toBe('already_checked_in');
			expect([admission.scanId, readmitted[0]?.scanId]).toContain(refused.previous?.scanId);
		}
		const { scans: table } = tables(first.db);
		const standing = await first.db
			.select({ id: table.id })
			.from(table)
			.where(and(isNotNull(table.entryKey), isNull(table.undoneBy)));
		expect(standing.map((s) => s.id)).toEqual(readmitted.map((a) => a.scanId));
	});
});

describe('nonces over two instances', () => {
	test('a retry sent to both instances at once is stored once and answered alike', async () => {
		const doors = await doorOnBoth();
		const south = await southGate();
		const request = {
			checkpointId: south.id,
			code: await ticketToken(first.db, await confirmed('visitor', 1)),
			deviceId: 'browser-lane-1',
			nonce: nonce(),
			scannedAt: MORNING.toISOString()
		};
		const answers = await Promise.all(
			Array.from({ length: 8 }, (_, i) => doors[i % 2]!.scan(request))
		);
		const [answer, ...more] = answers.filter((a) => !a.replayed);
		expect(more).toHaveLength(0);
		expect(answer!.admitted).toBe(true);
		for (const replay of answers.filter((a) => a.replayed)) {
			expect({ ...replay, replayed: false }).toEqual(answer);
		}
		expect(await stored('scan')).toBe(1);
	});

	test('one nonce used for two tickets at the same moment is refused for one of them, not an error', async () => {
		const doors = await doorOnBoth();
		const south = await southGate();
		const codes = [
			await ticketToken(first.db, await confirmed('visitor', 2)),
			await ticketToken(first.db, await confirmed('visitor', 3))
		];
		// Rounds, so that the two meet inside their transactions at least once on a busy machine.
		const rounds = 12;
		for (let round = 0; round < rounds; round++) {
			const shared = nonce();
			const outcomes = await Promise.allSettled(
				codes.map((code, i) =>
					doors[i]!.scan({
						checkpointId: south.id,
						code,
						deviceId: 'browser-lane-1',
						nonce: shared,
						scannedAt: MORNING.toISOString()
					})
				)
			);
			const answered = outcomes.filter((o) => o.status === 'fulfilled');
			expect(answered).toHaveLength(1);
			expect(answered[0]!.value.replayed).toBe(false);
			expect(outcomes.find((o) => o.status === 'rejected')).toMatchObject({
				reason: { code: 'CONFLICT', reason: 'nonce_reused' }
			});
		}
		expect(await stored('scan')).toBe(rounds);
	});
});

describe('a gate whose rule changes while it scans', () => {
	test('the rule changes only while the gate has no scans: no admission is left under the old one', async () => {
		const [admin, other] = await staffOnBoth('root', ['admin']);
		const people = await Promise.all(
			Array.from({ length: 8 }, async (_, i) =>
				ticketToken(first.db, await confirmed('visitor', 4 + i))
			)
		);
		const { scans } = tables(first.db);
		const outcomes = { changed: 0, refused: 0 };
		// Rounds on fresh gates, so that the change meets scans in flight at least once.
		for (let round = 0; round < 8; round++) {
			const gate = await admin.checkpoints.create({
				conferenceId: 'wsc-2024',
				nameZh: `临时通道${round}`,
				nameEn: `Side door ${round}`,
				allowedCategories: ['visitor'],
				entryRule: 'once_per_day',
				printBadge: false
			});
			const [change, ...answers] = await Promise.allSettled([
				admin.checkpoints.update({
					...gate,
					checkpointId: gate.id,
					entryRule: 'once_per_conference'
				}),
				...people.map((code, i) =>
					other.checkin.scan({
						checkpointId: gate.id,
						code,
						deviceId: `browser-lane-${i}`,
						nonce: nonce(),
						scannedAt: MORNING.toISOString()
					})
				)
			]);
			expect(answers.every((a) => a.status === 'fulfilled' && a.value.admitted)).toBe(true);
			const periods = (
				await first.db
					.select({ entryKey: scans.entryKey })
					.from(scans)
					.where(eq(scans.checkpointId, gate.id))
			).map((s) => s.entryKey!.split(':')[2]);
			expect(periods).toHaveLength(people.length);
			if (change.status === 'fulfilled') {
				outcomes.changed += 1;
				expect(periods.filter((p) => p !== 'all')).toEqual([]);
			} else {
				outcomes.refused += 1;
				expect(change.reason).toMatchObject({ reason: 'checkpoint_rule_in_use' });
				expect(periods.filter((p) => p === 'all')).toEqual([]);
			}
		}
		expect(outcomes.changed + outcomes.refused).toBe(8);
	});

	test('two gates renamed to one name at once: one is renamed, the other told the name is taken', async () => {
		// One instance: on PostgreSQL its pool gives the two edits a connection each; two SQLite
		// connections in one process would wait for each other's write lock on one event loop.
		const [admin] = await staffOnBoth('root', ['admin']);
		const gates = await Promise.all(
			[0, 1].map((i) =>
				admin.checkpoints.create({
					conferenceId: 'wsc-2024',
					nameZh: `临时通道${i}`,
					nameEn: `Side door ${i}`,
					allowedCategories: ['visitor'],
					entryRule: 'once_per_day',
					printBadge: false
				})
			)
		);
		const renamed = await Promise.allSettled(
			gates.map((gate) =>
				admin.checkpoints.update({
					...gate,
					checkpointId: gate.id,
					nameZh: '东门临时入口'
				})
			)
		);
		expect(renamed.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
		expect(renamed.find((r) => r.status === 'rejected')).toMatchObject({
			reason: { code: 'CONFLICT', reason: 'checkpoint_name_taken' }
		});
	});
});
