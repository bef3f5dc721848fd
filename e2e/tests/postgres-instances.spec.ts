import { randomBytes } from 'node:crypto';
import type { ChildProcess } from 'node:child_process';
import { and, count, eq, inArray, isNotNull } from 'drizzle-orm';
import { expect, test, type Browser, type BrowserContext } from '@playwright/test';
import { tables } from '@huizhan/db';
import { beijingDay } from '@huizhan/db/seed/current-editions';
import { demoEditionsOn, type DemoEditions } from '../support/editions.ts';
import { HYDRATED_WITHIN, liveTotal, signInAt, yi } from '../support/live.ts';
import { ownPort } from '../support/origins.ts';
import { createPostgresDatabase, type PostgresDatabase } from '../support/postgres.ts';
import { exited, huizhan, startApp } from '../support/processes.ts';
import { dealRecord } from '../support/deals.ts';
import { DEMO_PASSWORD } from '../support/staff.ts';

/*
 * The production shape: one PostgreSQL database, two attendee and two admin instances in front
 * of it (as behind nginx), every guarantee held by the database rather than by one process.
 * Each journey splits its requests over both instances of an app.
 */
const origin = (slot: number) => `http://127.0.0.1:${ownPort(slot)}`;
const ATTENDEE_A = origin(23);
const ADMIN_A = origin(24);
const ATTENDEE_B = origin(25);
const ADMIN_B = origin(26);

test.describe.configure({ mode: 'serial' });

let database: PostgresDatabase;
let env: NodeJS.ProcessEnv;
let editions: DemoEditions;
const apps = new Map<string, ChildProcess>();

const start = async (app: 'admin' | 'attendee', at: string) =>
	apps.set(at, await startApp(app, Number(new URL(at).port), env));

test.beforeAll(async () => {
	// Four apps migrating and starting on a busy two-core machine.
	test.setTimeout(180_000);
	database = await createPostgresDatabase('huizhan_e2e_instances');
	env = {
		DATABASE_URL: database.url,
		DATABASE_POOL_SIZE: '8',
		HUIZHAN_MODE: 'demo',
		// The seats journey sends 200 registrations from one address.
		REGISTRATIONS_PER_MINUTE: '100000'
	};
	const seeded = huizhan(['seed', '--demo'], env);
	expect(seeded.code, seeded.out).toBe(0);
	const added = huizhan(
		['user', 'add', 'locktarget', '--role', 'leader'],
		env,
		'lock target password\n'
	);
	expect(added.code, added.out).toBe(0);
	const handle = await database.open();
	try {
		const [made] = await handle.db.select().from(tables(handle.db).installation);
		editions = demoEditionsOn(beijingDay(made!.createdAt));
	} finally {
		await handle.close();
	}
	// Started together, as an orchestrator would: the migration lock lets them race.
	await Promise.all([
		start('attendee', ATTENDEE_A),
		start('admin', ADMIN_A),
		start('attendee', ATTENDEE_B),
		start('admin', ADMIN_B)
	]);
});

test.afterAll(async () => {
	for (const app of apps.values()) app.kill('SIGTERM');
	await Promise.all([...apps.values()].map(exited));
	await database?.remove();
});

const contexts: BrowserContext[] = [];
test.afterEach(async () => {
	await Promise.all(contexts.splice(0).map((context) => context.close()));
});

/** A session token from `auth.signIn` on one instance; sessions live in the database. */
async function sessionAt(console: string, login: string, password = DEMO_PASSWORD) {
	const response = await fetch(`${console}/api/trpc/auth.signIn`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ login, password })
	});
	expect(response.status, await response.clone().text()).toBe(200);
	return (await response.json()).result.data.token as string;
}

/** A staff mutation on `console`, riding the session cookie and naming the console's origin. */
function mutate(console: string, token: string, path: string, input: unknown) {
	return fetch(`${console}/api/trpc/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', cookie: `hz_session=${token}`, origin: console },
		body: JSON.stringify(input)
	});
}

const deal = (requestId: string, totalInvestment = '1.25亿') =>
	dealRecord(requestId, {
		projectName: `多实例验收 ${requestId}`,
		investor: '多实例验收投资有限公司',
		totalInvestment
	});

test('64 scanners scanning one ticket, half through each admin instance, admit it once', async () => {
	const admin = await sessionAt(ADMIN_A, 'admin');
	const [gate] = (
		await (
			await fetch(
				`${ADMIN_B}/api/trpc/checkpoints.list?input=${encodeURIComponent(JSON.stringify({ conferenceId: editions.sensor.id }))}`,
				{ headers: { cookie: `hz_session=${admin}` } }
			)
		).json()
	).result.data.filter((c: { nameZh: string }) => c.nameZh === '南门主入口');
	expect(gate).toBeDefined();
	// A device token issued on A works on B: devices live in the database too.
	const issued = await mutate(ADMIN_A, admin, 'scannerDevices.issue', {
		conferenceId: editions.sensor.id,
		checkpointId: gate.id,
		name: '多实例南门PDA'
	});
	expect(issued.status, await issued.clone().text()).toBe(200);
	const device = (await issued.json()).result.data.token as string;
	expect(device).toMatch(/^hzd_/);

	// The visitor registers on attendee B and reads the ticket on attendee A.
	const registered = await fetch(`${ATTENDEE_B}/api/trpc/registration.register`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			conferenceId: editions.sensor.id,
			category: 'visitor',
			name: '多实例检票',
			organisation: '郑州大学',
			mobile: '13900000064',
			consent: true
		})
	});
	const { ticketSecret } = (await registered.json()).result.data;
	const ticket = await fetch(
		`${ATTENDEE_A}/api/trpc/registration.ticket?input=${encodeURIComponent(JSON.stringify({ secret: ticketSecret }))}`
	);
	const code = (await ticket.json()).result.data.token as string;
	expect(code).toMatch(/^HZ1/);

	const scanAt = async (console: string) => {
		const response = await fetch(`${console}/api/trpc/checkin.scan`, {
			method: 'POST',
			headers: { authorization: `Bearer ${device}`, 'content-type': 'application/json' },
			body: JSON.stringify({
				checkpointId: gate.id,
				code,
				nonce: randomBytes(12).toString('base64url'),
				scannedAt: new Date().toISOString()
			})
		});
		expect(response.status, await response.clone().text()).toBe(200);
		return (await response.json()).result.data.reason as string;
	};
	const reasons = await Promise.all(
		Array.from({ length: 64 }, (_, i) => scanAt(i % 2 === 0 ? ADMIN_A : ADMIN_B))
	);
	expect(reasons.filter((r) => r === 'ok')).toHaveLength(1);
	expect(reasons.filter((r) => r === 'already_checked_in')).toHaveLength(63);

	const handle = await database.open();
	try {
		// Stored once, too: one admission among the 64 scans of the ticket.
		const { scans } = tables(handle.db);
		const stored = await handle.db
			.select({ reason: scans.reason, n: count() })
			.from(scans)
			.where(and(eq(scans.checkpointId, gate.id), isNotNull(scans.registrationId)))
			.groupBy(scans.reason);
		expect(Object.fromEntries(stored.map((r) => [r.reason, r.n]))).toEqual({
			ok: 1,
			already_checked_in: 63
		});
	} finally {
		await handle.close();
	}
});

test('200 registrations at once for 50 seats, over both attendee instances: exactly 50', async () => {
	const handle = await database.open();
	const { conferenceCategories, registrations } = tables(handle.db);
	const held = () =>
		handle.db
			.select({ n: count() })
			.from(registrations)
			.where(
				and(
					eq(registrations.conferenceId, editions.sensor.id),
					eq(registrations.category, 'visitor'),
					inArray(registrations.status, ['pending', 'confirmed'])
				)
			)
			.then(([row]) => row!.n);
	try {
		const taken = await held();
		await handle.db
			.update(conferenceCategories)
			.set({ capacity: taken + 50 })
			.where(
				and(
					eq(conferenceCategories.conferenceId, editions.sensor.id),
					eq(conferenceCategories.category, 'visitor')
				)
			);
		const outcomes = await Promise.all(
			Array.from({ length: 200 }, async (_, i) => {
				const response = await fetch(
					`${i % 2 === 0 ? ATTENDEE_A : ATTENDEE_B}/api/trpc/registration.register`,
					{
						method: 'POST',
						headers: { 'content-type': 'application/json' },
						body: JSON.stringify({
							conferenceId: editions.sensor.id,
							category: 'visitor',
							name: `多实例并发 ${i}`,
							organisation: '压力测试',
							mobile: `1591235${String(i).padStart(4, '0')}`,
							consent: true
						})
					}
				);
				const body = await response.json();
				return body.result?.data?.outcome ?? body.error?.data?.reason ?? `http ${response.status}`;
			})
		);
		const tally = outcomes.reduce<Record<string, number>>(
			(t, o) => ({ ...t, [o]: (t[o] ?? 0) + 1 }),
			{}
		);
		expect(tally).toEqual({ registered: 50, category_full: 150 });
		expect(await held()).toBe(taken + 50);
	} finally {
		await handle.close();
	}
});

async function signedIn(browser: Browser, at: string, login: string) {
	const context = await browser.newContext();
	contexts.push(context);
	const page = await context.newPage();
	await signInAt(page, at, login);
	return page;
}

test('a deal recorded through admin A is on the /live served by admin B within a second; a screen link made on A opens on B', async ({
	browser
}) => {
	test.setTimeout(120_000);
	const leader = await signedIn(browser, ADMIN_B, 'leader');
	await leader.goto(`${ADMIN_B}/live?year=2024`);
	await expect(leader.getByTestId('live-indicator')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
	const total = leader.locator('[data-conference="wsc-2024"] [data-total]');
	const before = await liveTotal(leader, 'wsc-2024');

	const recorder = await sessionAt(ADMIN_A, 'recorder');
	const response = await mutate(
		ADMIN_A,
		recorder,
		'deals.record',
		deal('instances-live-0001', '12.5亿')
	);
	expect(response.status, await response.clone().text()).toBe(200);
	// Acknowledged by A: from now on B has one second (A notifies, B's listener fans out).
	await expect(total).toHaveAttribute('data-yuan', String(before + 1_250_000_000), {
		timeout: 1_000
	});
	await expect(total).toHaveText(yi(before + 1_250_000_000));
	await expect(leader.getByTestId('ticker').locator('li').first()).toContainText(
		'多实例验收 instances-live-0001'
	);

	// A big-screen link made on A opens on B: links are rows, not one process's memory.
	const admin = await sessionAt(ADMIN_A, 'admin');
	const created = await mutate(ADMIN_A, admin, 'screens.create', { label: '多实例大屏' });
	expect(created.status, await created.clone().text()).toBe(200);
	const { token } = (await created.json()).result.data as { token: string };
	const venue = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
	contexts.push(venue);
	const screen = await venue.newPage();
	await screen.goto(`${ADMIN_B}/screen/${token}`);
	await expect(screen.getByTestId('screen')).toHaveAttribute('data-status', 'live', {
		timeout: HYDRATED_WITHIN
	});
	await expect(
		screen.locator(`[data-conference="${editions.sensor.id}"] [data-total]`)
	).toBeVisible();
});

test('sign-in throttling counts the attempts made on both admin instances', async () => {
	test.setTimeout(120_000);
	const attempt = async (console: string, password: string) => {
		const response = await fetch(`${console}/api/trpc/auth.signIn`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ login: 'locktarget', password })
		});
		expect(response.status).toBe(200);
		const answer = (await response.json()).result.data as { ok: boolean; reason?: string };
		return answer.ok ? 'signed_in' : answer.reason;
	};
	// Five failures are free, split 3 to A and 2 to B; the sixth is slowed down on either one.
	for (let i = 0; i < 5; i++)
		expect(await attempt(i % 2 === 0 ? ADMIN_A : ADMIN_B, `wrong password ${i}`)).toBe('invalid');
	expect(await attempt(ADMIN_B, 'wrong password 5')).toBe('invalid');
	expect(await attempt(ADMIN_A, 'wrong password 6')).toBe('throttled');

	// A patient guesser alternating instances waits out each delay (1, 2, 4, 8 s): the tenth
	// failure, counted over both instances, locks the name (each instance alone has seen five).
	let failures = 6;
	for (;;) {
		const answer = await attempt(failures % 2 === 0 ? ADMIN_A : ADMIN_B, `wrong ${failures}`);
		if (answer === 'throttled') {
			await new Promise((r) => setTimeout(r, 1_000));
			continue;
		}
		failures++;
		if (answer === 'locked') break;
		expect(answer).toBe('invalid');
	}
	expect(failures).toBe(10);
	// Locked on both, even against the right password.
	expect(await attempt(ADMIN_A, 'lock target password')).toBe('locked');
	expect(await attempt(ADMIN_B, 'lock target password')).toBe('locked');
	// Another account signs in on both meanwhile.
	expect(await sessionAt(ADMIN_A, 'leader')).toMatch(/\S{20,}/);
	expect(await sessionAt(ADMIN_B, 'leader')).toMatch(/\S{20,}/);
});

test('an admin instance killed with SIGKILL while deals are recorded on both loses no acknowledged deal', async () => {
	test.setTimeout(180_000);
	const tokens = {
		[ADMIN_A]: await sessionAt(ADMIN_A, 'recorder'),
		[ADMIN_B]: await sessionAt(ADMIN_B, 'recorder')
	};
	const acknowledged: string[] = [];
	let stop = false;
	let n = 0;
	const writer = async (console: string, lane: number) => {
		while (!stop) {
			const requestId = `instances-kill-${lane}-${n++}`;
			try {
				const response = await mutate(console, tokens[console]!, 'deals.record', deal(requestId));
				// Acknowledged = the server answered success with the stored entry.
				if (response.ok && (await response.json()).result?.data?.entry?.seq)
					acknowledged.push(requestId);
			} catch {
				// The connection died with instance A: that lane stops, B's lanes go on.
				return;
			}
		}
	};
	// Four lanes on each instance, all appending to the one ledger.
	const lanes = [0, 1, 2, 3, 4, 5, 6, 7].map((lane) =>
		writer(lane % 2 === 0 ? ADMIN_A : ADMIN_B, lane)
	);
	await expect.poll(() => acknowledged.length, { timeout: 90_000 }).toBeGreaterThan(30);
	const a = apps.get(ADMIN_A)!;
	a.kill('SIGKILL');
	await exited(a);
	// B goes on recording after A is gone.
	const atKill = acknowledged.length;
	await expect.poll(() => acknowledged.length, { timeout: 30_000 }).toBeGreaterThan(atKill + 5);
	stop = true;
	await Promise.all(lanes);

	// Every acknowledged request id is in the ledger: sent again to B it is a replay.
	for (const requestId of acknowledged) {
		const response = await mutate(ADMIN_B, tokens[ADMIN_B]!, 'deals.record', deal(requestId));
		const body = await response.json();
		expect(body.result?.data?.replayed, requestId).toBe(true);
	}
	const verify = huizhan(['ledger', 'verify'], env);
	expect(verify.out).toMatch(/ledger ok: \d+ entries/);
	expect(verify.code).toBe(0);

	// A comes back on the same database and serves the same ledger.
	await start('admin', ADMIN_A);
	const again = await mutate(
		ADMIN_A,
		await sessionAt(ADMIN_A, 'recorder'),
		'deals.record',
		deal(acknowledged[0]!)
	);
	expect((await again.json()).result?.data?.replayed).toBe(true);
});
