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

/** The admin API of each instance, called by one door-staff account. */
async function doorOnBoth() {
	const [user] = await first.db
		.insert(tables(first.db).staffUsers)
		.values({ login: 'gate1', displayName: 'gate1', passwordHash: '$argon2id$not-used-here' })
		.returning();
	const as = (handle: DbHandle) =>
		createAdminCaller(
			createContextInner({
				...handle,
				user: { id: user!.id, login: 'gate1', displayName: 'gate1', roles: ['door'] },
				source: '10.0.0.7',
				now: clock.now
			})
		).checkin;
	return [as(first), as(second)] as const;
}

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
