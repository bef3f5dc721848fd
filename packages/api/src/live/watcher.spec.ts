import { createTestDb } from '@huizhan/db/testing';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { dialectOf, row, tables } from '@huizhan/db';
import { seedDemo, seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import { eq, sql } from 'drizzle-orm';
import { createAdminCaller } from '../root.ts';
import { createContextInner } from '../context.ts';
import { staff } from '../test-support.ts';
import { beijingDate } from '../services/deals.ts';
import { BEIJING_DATE_PROBE, LIVE_PROBES } from './index.ts';
import {
	LiveHub,
	versionReader,
	type ChangeSource,
	type LiveSubscriber,
	type StreamCredential
} from './watcher.ts';

const decoder = new TextDecoder();

/** A connected client that keeps what it was sent. */
function client(
	tokenHash = 'h1',
	kind: StreamCredential['kind'] = 'staff',
	channel: string | undefined = undefined
) {
	const frames: Uint8Array[] = [];
	const subscriber: LiveSubscriber & { frames: Uint8Array[]; closed: boolean; text(): string } = {
		credential: { kind, tokenHash },
		channel,
		frames,
		closed: false,
		write: (bytes) => {
			frames.push(bytes);
			return true;
		},
		close() {
			this.closed = true;
		},
		text: () => frames.map((f) => decoder.decode(f)).join('')
	};
	return subscriber;
}

/** A hub over a version the test moves by hand, counting reads and builds. */
function hubOver(
	options: {
		lost?: Map<string, 'signed_out' | 'revoked'>;
		changes?: ChangeSource;
		intervalMs?: number;
	} = {}
) {
	let version = 1;
	const reads = vi.fn(async () => String(version));
	const build = vi.fn(async (v: string, channel: string) => ({
		version: v,
		channel,
		total: Number(v) * 100
	}));
	const checkAccess = vi.fn(
		async (_credentials: StreamCredential[]) =>
			options.lost ?? new Map<string, 'signed_out' | 'revoked'>()
	);
	const hub = new LiveHub({
		readVersion: reads,
		build,
		checkAccess,
		changes: options.changes,
		intervalMs: 'intervalMs' in options ? options.intervalMs : 250
	});
	return {
		hub,
		reads,
		build,
		checkAccess,
		bump: () => {
			version += 1;
		}
	};
}

describe('the live hub', () => {
	beforeEach(() => {
		vi.useFakeTimers();
	});
	afterEach(() => {
		vi.useRealTimers();
	});

	test('reads the version once per tick, whether one client or a thousand is connected', async () => {
		for (const clients of [1, 1000]) {
			const { hub, reads } = hubOver();
			const unsubscribes = await Promise.all(
				Array.from({ length: clients }, () => hub.subscribe(client()))
			);
			reads.mockClear();
			await vi.advanceTimersByTimeAsync(250 * 40);
			expect(reads).toHaveBeenCalledTimes(40);
			for (const unsubscribe of unsubscribes) unsubscribe();
		}
	});

	test('builds one snapshot per change and sends the very same bytes to every client', async () => {
		const { hub, build, bump } = hubOver();
		const clients = Array.from({ length: 50 }, () => client());
		for (const c of clients) await hub.subscribe(c);
		expect(build).toHaveBeenCalledTimes(1);
		await vi.advanceTimersByTimeAsync(1_000);
		expect(build).toHaveBeenCalledTimes(1);

		bump();
		await vi.advanceTimersByTimeAsync(250);
		expect(build).toHaveBeenCalledTimes(2);
		const last = clients.map((c) => c.frames.at(-1));
		expect(new Set(last).size).toBe(1);
		expect(decoder.decode(last[0])).toBe(
			'id: 2\nevent: snapshot\ndata: {"version":"2","channel":"current","total":200}\n\n'
		);
	});

	test('a client reconnecting with the Last-Event-ID it already has is not sent it again', async () => {
		const { hub } = hubOver();
		const fresh = client();
		await hub.subscribe(fresh);
		expect(fresh.text()).toContain('event: snapshot');
		const back = client();
		await hub.subscribe(back, '1');
		expect(back.text()).not.toContain('event: snapshot');
		const behind = client();
		await hub.subscribe(behind, '0');
		expect(behind.text()).toContain('id: 1\nevent: snapshot');
	});

	test('stops asking the database when the last client leaves, and starts again with the next', async () => {
		const { hub, reads } = hubOver();
		const leave = await hub.subscribe(client());
		leave();
		reads.mockClear();
		await vi.advanceTimersByTimeAsync(10_000);
		expect(reads).not.toHaveBeenCalled();
		await hub.subscribe(client());
		expect(reads).toHaveBeenCalledTimes(1);
	});

	test('a poke after a write reads the version at once, and pokes made together read it once', async () => {
		const { hub, reads, bump } = hubOver();
		const c = client();
		await hub.subscribe(c);
		reads.mockClear();
		bump();
		hub.poke();
		hub.poke();
		hub.poke();
		await vi.advanceTimersToNextTimerAsync();
		expect(reads).toHaveBeenCalledTimes(1);
		expect(c.text()).toContain('id: 2\nevent: snapshot');
	});

	test('with news of changes, each reads the version at once and the timer keeps only a slow watch', async () => {
		const followers = new Set<() => void>();
		const news = () => {
			for (const follower of followers) follower();
		};
		const changes: ChangeSource = {
			subscribe(onChange) {
				followers.add(onChange);
				return () => followers.delete(onChange);
			}
		};
		const { hub, reads, bump } = hubOver({ changes, intervalMs: undefined });
		expect(followers.size).toBe(0);
		const c = client();
		const leave = await hub.subscribe(c);
		expect(followers.size).toBe(1);
		reads.mockClear();

		bump();
		news();
		await vi.advanceTimersByTimeAsync(0);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(c.text()).toContain('id: 2\nevent: snapshot');

		// Without news, the version is still asked every 5 s (not every 250 ms).
		reads.mockClear();
		await vi.advanceTimersByTimeAsync(4_900);
		expect(reads).not.toHaveBeenCalled();
		await vi.advanceTimersByTimeAsync(100);
		expect(reads).toHaveBeenCalledTimes(1);

		leave();
		expect(followers.size).toBe(0);
	});

	test('builds one snapshot per year in use, not per client, from one version read per tick', async () => {
		const { hub, build, reads, bump } = hubOver();
		const current = Array.from({ length: 20 }, () => client('h1'));
		const history = Array.from({ length: 10 }, () => client('h2', 'staff', '2024'));
		for (const c of [...current, ...history]) await hub.subscribe(c);
		expect(build.mock.calls.map(([, channel]) => channel).sort()).toEqual(['2024', 'current']);

		build.mockClear();
		reads.mockClear();
		bump();
		await vi.advanceTimersByTimeAsync(250);
		expect(reads).toHaveBeenCalledTimes(1);
		expect(build).toHaveBeenCalledTimes(2);
		// Each client gets its own year's snapshot, the same bytes as the others of that year.
		const last = (c: ReturnType<typeof client>) => c.frames.at(-1)!;
		expect(decoder.decode(last(history[0]!))).toContain('"channel":"2024"');
		expect(decoder.decode(last(current[0]!))).toContain('"channel":"current"');
		expect(history.every((c) => last(c) === last(history[0]!))).toBe(true);
		expect(current.every((c) => last(c) === last(current[0]!))).toBe(true);
	});

	test('stops building a year once its last client has gone', async () => {
		const { hub, build, bump } = hubOver();
		await hub.subscribe(client('h1'));
		const unsubscribe = await hub.subscribe(client('h2', 'staff', '2024'));
		unsubscribe();
		build.mockClear();
		bump();
		await vi.advanceTimersByTimeAsync(250);
		expect(build.mock.calls.map(([, channel]) => channel)).toEqual(['current']);
	});

	test('answers a year’s current snapshot without a client, and the default one by default', async () => {
		const { hub } = hubOver();
		expect(await hub.current('2024')).toMatchObject({ channel: '2024', version: '1' });
		expect(await hub.current()).toMatchObject({ channel: 'current', version: '1' });
	});

	test('a poke with nobody watching reads nothing', async () => {
		const { hub, reads } = hubOver();
		hub.poke();
		await vi.advanceTimersByTimeAsync(1_000);
		expect(reads).not.toHaveBeenCalled();
	});

	test('sends heartbeats as comment lines', async () => {
		const { hub } = hubOver();
		const c = client();
		await hub.subscribe(c);
		await vi.advanceTimersByTimeAsync(15_000);
		expect(c.text()).toMatch(/\n: keep-alive\n\n$/);
	});

	test('checks every open stream’s access in one batch and ends those that lost it, saying why', async () => {
		const lost = new Map<string, 'signed_out' | 'revoked'>([['screen:gone', 'revoked']]);
		const { hub, checkAccess } = hubOver({ lost });
		const kept = [client('h1'), client('h1'), client('h2')];
		const revoked = client('gone', 'screen');
		for (const c of [...kept, revoked]) await hub.subscribe(c);
		await vi.advanceTimersByTimeAsync(2_000);
		expect(checkAccess).toHaveBeenCalledTimes(1);
		// Distinct credentials only: two streams of one session are checked once.
		expect(checkAccess.mock.calls[0]![0]).toHaveLength(3);
		expect(revoked.closed).toBe(true);
		expect(revoked.text()).toMatch(/event: ended\ndata: {"reason":"revoked"}\n\n$/);
		expect(kept.every((c) => !c.closed)).toBe(true);
		expect(hub.clients).toBe(3);
	});

	test('never begins a tick while the one before is still reading, and a poke meanwhile reads after it', async () => {
		let version = 1;
		const waiting: (() => void)[] = [];
		let slow = false;
		const reads = vi.fn(() =>
			slow
				? new Promise<string>((resolve) => waiting.push(() => resolve(String(version))))
				: Promise.resolve(String(version))
		);
		const build = vi.fn(async (v: string) => ({ version: v }));
		const hub = new LiveHub({
			readVersion: reads,
			build,
			checkAccess: async () => new Map(),
			intervalMs: 250
		});
		const c = client();
		await hub.subscribe(c);
		reads.mockClear();
		slow = true;
		await vi.advanceTimersByTimeAsync(250 * 4);
		// The first tick is still waiting for the database: the three after it did not begin.
		expect(reads).toHaveBeenCalledTimes(1);

		version = 2;
		hub.poke();
		await vi.advanceTimersByTimeAsync(0);
		expect(reads).toHaveBeenCalledTimes(1);
		slow = false;
		waiting.shift()!();
		await vi.advanceTimersByTimeAsync(0);
		// The poke's tick ran once the first had ended, and read the version after the write.
		expect(reads).toHaveBeenCalledTimes(2);
		expect(c.text()).toContain('id: 2\nevent: snapshot');
		hub.close();
	});

	test('cuts off a client that cannot keep up', async () => {
		const { hub, bump } = hubOver();
		const slow = client();
		await hub.subscribe(slow);
		slow.write = () => false;
		bump();
		await vi.advanceTimersByTimeAsync(250);
		expect(hub.clients).toBe(0);
	});
});

describe('the version the watcher reads', () => {
	test('is one statement that moves when a deal is recorded or a registration changes, and only then', async () => {
		const handle = await createTestDb();
		const { db } = handle;
		const t = tables(db);
		await seedDemo(db);
		await seedDemoDeals(db);
		await seedDemoRegistrations(db);
		const reader = versionReader(LIVE_PROBES);
		const read = () => reader(db);
		// One statement per read, counted where each driver is handed it: the SQLite connection
		// prepares it (once, then keeps it), the PostgreSQL pool is sent it.
		const driver =
			handle.dialect === 'sqlite'
				? vi.spyOn(handle.sqlite!, 'prepare')
				: vi.spyOn((db as unknown as { $client: { query(): unknown } }).$client, 'query');
		const first = await read();
		expect(driver).toHaveBeenCalledTimes(1);
		driver.mockRestore();

		expect(await read()).toBe(first);
		const head = (await db.select().from(t.ledgerEntries)).length;
		expect(first.startsWith(`${head}-`)).toBe(true);

		// An unrelated write (a sign-in's session, say) leaves it alone.
		await db
			.insert(t.staffUsers)
			.values({ login: 'someone', displayName: 'x', passwordHash: '$argon2id$not-used-here' });
		expect(await read()).toBe(first);

		const [pending] = await db
			.select()
			.from(t.registrations)
			.where(eq(t.registrations.status, 'pending'))
			.limit(1);
		await db
			.update(t.registrations)
			.set({ status: 'confirmed' })
			.where(eq(t.registrations.id, pending!.id));
		const second = await read();
		expect(second).not.toBe(first);

		const caller = createAdminCaller(
			createContextInner({ ...handle, user: staff(['recorder'], 1) })
		);
		await caller.deals.record({
			requestId: 'watch-request-1',
			facts: {
				projectName: '观察用项目',
				investor: '观察投资有限公司',
				investorOrigin: 'in_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-04',
				agreementType: 'contract',
				totalInvestment: 1_250_000_000,
				foreignCurrency: null,
				foreignAmount: null,
				exchangeRate: null,
				notes: ''
			}
		});
		expect((await read()).startsWith(`${head + 1}-`)).toBe(true);
		await handle.close();
	});

	test('moves when the one registration of its group changes status, though the counts read the same', async () => {
		const handle = await createTestDb();
		const { db } = handle;
		const t = tables(db);
		await seedDemo(db);
		const reader = versionReader(LIVE_PROBES);
		const [registration] = await db
			.insert(t.registrations)
			.values({
				conferenceId: 'wsc-2024',
				category: 'visitor',
				name: '王一',
				organisation: '观察有限公司',
				title: '经理',
				email: 'one@example.com',
				country: 'CN',
				language: 'zh-CN',
				consentAt: new Date('2024-10-01T00:00:00Z'),
				status: 'pending',
				reference: 'WSC-WATCH1',
				ticketSecret: 'watch-secret-1'
			})
			.returning();
		const pending = await reader(db);
		// One pending becomes one confirmed: a list of the counts alone would read `1` both times.
		await db
			.update(t.registrations)
			.set({ status: 'confirmed' })
			.where(eq(t.registrations.id, registration!.id));
		expect(await reader(db)).not.toBe(pending);
		await handle.close();
	});

	test('reads today’s date in Beijing as the services reckon it, on the database’s clock', async () => {
		const handle = await createTestDb();
		const before = beijingDate(new Date());
		const answer = await row<{ today: string }>(
			handle.db,
			sql.raw(`SELECT ${BEIJING_DATE_PROBE[dialectOf(handle.db)]} AS today`)
		);
		const after = beijingDate(new Date());
		// Read between two readings of the clock: it is one of them, even across midnight.
		expect([before, after]).toContain(answer!.today);
		await handle.close();
	});

	test('moves when a target is retired or changes its metric, so open dashboards stop counting it', async () => {
		const handle = await createTestDb();
		const { db } = handle;
		const t = tables(db);
		await seedDemo(db);
		const reader = versionReader(LIVE_PROBES);
		const read = () => reader(db);
		const [target] = await db.select().from(t.targets).limit(1);
		const before = await read();

		// Neither write touches `updated_at`: the probe must see the columns themselves.
		await db
			.update(t.targets)
			.set({ retiredAt: new Date('2026-11-29T00:00:00Z') })
			.where(eq(t.targets.id, target!.id));
		const retired = await read();
		expect(retired).not.toBe(before);

		const otherMetric = target!.metric === 'signed_amount' ? 'landed_amount' : 'signed_amount';
		await db.update(t.targets).set({ metric: otherMetric }).where(eq(t.targets.id, target!.id));
		expect(await read()).not.toBe(retired);
		await handle.close();
	});
});
