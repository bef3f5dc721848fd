import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
	createAdminCaller,
	createAttendeeCaller,
	createContextInner,
	RateLimiter,
	resolveScannerDevice
} from '@huizhan/api';
import { createDb } from '@huizhan/db';
import { prepare, SCAN_PATH, ScanLog, type World } from './checkin-http.ts';
import { countStatements, type StatementCount } from './lib/pg-driver.ts';
import { DATABASE_CONNECTIONS, demoAdmin, startInstances } from './lib/pg-instances.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchPostgres, type ScratchPostgres } from './lib/scratch.ts';
import type { RunningServer } from './lib/servers.ts';
import { openEdition, People, REGISTER_PATH, unlimitedSeats } from './registrations-http.ts';
import type { BenchSettings } from './settings.ts';

/** Requests timed one after another, after as many again to warm up. */
const ONE_BY_ONE = 200;
const WARM_UP = 20;
/** Enough tickets that scans one after another rarely meet the same one. */
const PROBE_TICKETS = 2_000;

/**
 * Where the time of one scan and one registration goes on PostgreSQL. This process calls the
 * procedures itself (tRPC's server-side caller: the services, no HTTP) on the database, counting
 * and timing every statement it sends (a bench-only probe, since PostgreSQL here has no
 * pg_stat_statements):
 * - one request at a time: its statements (round trips), their time, the COMMIT's (the WAL
 *   flush), and what is left (Node.js: validation, the ticket's signature, building the answer);
 * - the same one at a time over HTTP to one instance: what HTTP and the app's request handling add;
 * - `connections` at once, in this process: the transactions run again after serialization
 *   failures (retries) and, for registrations, the wait for and the hold of the edition's lock.
 */
export async function whereTimeGoesPg(settings: BenchSettings): Promise<Figure[]> {
	return [...(await scanTime(settings)), ...(await registrationTime(settings))];
}

interface Plan {
	headers: Record<string, string>;
	next(): { body: string };
}

async function scanTime(settings: BenchSettings): Promise<Figure[]> {
	let scratch: ScratchPostgres | undefined;
	let server: RunningServer | undefined;
	let handle: Awaited<ReturnType<typeof createDb>> | undefined;
	try {
		scratch = await createScratchPostgres();
		const world = await prepare({ url: scratch.url }, PROBE_TICKETS);
		handle = await createDb({ url: scratch.url, migrate: false, poolSize: DATABASE_CONNECTIONS });
		const device = await resolveScannerDevice(handle.db, world.deviceToken);
		if (!device) throw new Error('the probe scanner device does not resolve');
		const caller = createAdminCaller(
			createContextInner({ db: handle.db, writes: handle.writes, device, source: '127.0.0.1' })
		);
		const headers = {
			'content-type': 'application/json',
			authorization: `Bearer ${world.deviceToken}`
		};
		// One at a time: every scan the first of its ticket, as most are in a morning.
		let ticket = 0;
		const firstScans: Plan = { headers, next: () => ({ body: firstScan(world, ticket++) }) };
		const call = (plan: Plan) => () =>
			caller.checkin.scan(
				JSON.parse(plan.next().body) as Parameters<typeof caller.checkin.scan>[0]
			);

		const alone = await oneByOne(call(firstScans));
		server = (await startInstances('admin', 1, scratch.url, settings.signal, demoAdmin()))[0]!;
		const http = await overHttp(`${server.origin}${SCAN_PATH}`, firstScans, settings.signal);
		await server.stop();
		// At once: the HTTP benchmark's mix (a tenth retried nonces) on its number of connections.
		const together = await atOnce(call(new ScanLog(headers, world)), settings);

		say('scan', alone, http, together);
		return figures('scan', alone, http, together);
	} finally {
		await server?.stop();
		await handle?.close();
		await scratch?.remove();
	}
}

async function registrationTime(settings: BenchSettings): Promise<Figure[]> {
	let scratch: ScratchPostgres | undefined;
	let server: RunningServer | undefined;
	let handle: Awaited<ReturnType<typeof createDb>> | undefined;
	try {
		scratch = await createScratchPostgres();
		await unlimitedSeats({ url: scratch.url });
		handle = await createDb({ url: scratch.url, migrate: false, poolSize: DATABASE_CONNECTIONS });
		const unlimited = new RateLimiter(Number.MAX_SAFE_INTEGER, 60_000);
		const caller = createAttendeeCaller(
			createContextInner({
				db: handle.db,
				writes: handle.writes,
				source: '127.0.0.1',
				limits: { register: unlimited, findTicket: unlimited }
			})
		);
		server = (
			await startInstances('attendee', 1, scratch.url, settings.signal, {
				REGISTRATIONS_PER_MINUTE: '100000000'
			})
		)[0]!;
		const edition = openEdition();
		// Each plan its own range of mobiles: every request a new person.
		const people = (n: number) => new People(server!.origin, edition, n * 10_000_000);
		const call = (plan: Plan) => () =>
			caller.registration.register(
				JSON.parse(plan.next().body) as Parameters<typeof caller.registration.register>[0]
			);

		const alone = await oneByOne(call(people(0)));
		const http = await overHttp(`${server.origin}${REGISTER_PATH}`, people(1), settings.signal);
		await server.stop();
		const together = await atOnce(call(people(2)), settings);

		say('registration', alone, http, together);
		const held = together.count.lockHeldMs / Math.max(1, together.count.lockWaits);
		progress(
			`registration: the edition's seat lock is held ${round(held, 2)} ms per registration ` +
				`(from holding it to the end of COMMIT) and waited for ` +
				`${round(together.count.lockWaitMs / Math.max(1, together.count.lockWaits), 1)} ms: ` +
				`registrations for one edition queue on it, at most ${round(1000 / held, 0)}/s ` +
				`however many instances there are`
		);
		return [
			...figures('registration', alone, http, together),
			{ bench: 'pg_registration_lock_held_ms', value: round(held, 2), unit: 'ms', baseline: null }
		];
	} finally {
		await server?.stop();
		await handle?.close();
		await scratch?.remove();
	}
}

function firstScan(world: World, ticket: number): string {
	return JSON.stringify({
		checkpointId: world.checkpointId,
		code: world.tokens[ticket % world.tokens.length],
		nonce: randomBytes(12).toString('base64url'),
		scannedAt: Date.now()
	});
}

interface OneByOne {
	/** Wall time of one request. */
	ms: number;
	count: StatementCount;
}

async function oneByOne(one: () => Promise<unknown>): Promise<OneByOne> {
	for (let i = 0; i < WARM_UP; i++) await one();
	const { value: wall, count } = await countStatements(async () => {
		const started = performance.now();
		for (let i = 0; i < ONE_BY_ONE; i++) await one();
		return performance.now() - started;
	});
	return { ms: wall / ONE_BY_ONE, count };
}

/** One request at a time over HTTP (one kept-alive connection); the mean time of one. */
async function overHttp(url: string, plan: Plan, signal: AbortSignal): Promise<number> {
	const send = async () => {
		const response = await fetch(url, {
			method: 'POST',
			headers: plan.headers,
			body: plan.next().body,
			signal
		});
		const text = await response.text();
		if (!response.ok) throw new Error(`POST ${url} answered ${response.status} ${text}`);
	};
	for (let i = 0; i < WARM_UP; i++) await send();
	const started = performance.now();
	for (let i = 0; i < ONE_BY_ONE; i++) await send();
	return (performance.now() - started) / ONE_BY_ONE;
}

interface AtOnce {
	perSecond: number;
	done: number;
	/** Requests that failed outright (their transaction gave up after its last retry). */
	failed: number;
	count: StatementCount;
}

/** `connections` callers at once for `durationSeconds`, in this process. */
async function atOnce(one: () => Promise<unknown>, settings: BenchSettings): Promise<AtOnce> {
	let done = 0;
	let failed = 0;
	const until = performance.now() + settings.durationSeconds * 1000;
	const { value: wall, count } = await countStatements(async () => {
		const started = performance.now();
		await Promise.all(
			Array.from({ length: settings.connections }, async () => {
				while (performance.now() < until) {
					settings.signal.throwIfAborted();
					try {
						await one();
						done += 1;
					} catch {
						failed += 1;
					}
				}
			})
		);
		return performance.now() - started;
	});
	return { perSecond: (done / wall) * 1000, done, failed, count };
}

function say(what: string, alone: OneByOne, http: number, together: AtOnce) {
	const per = (n: number) => round(n / ONE_BY_ONE, 2);
	const statements = per(alone.count.statements);
	const roundTrips = per(alone.count.roundTripMs);
	progress(
		`${what}, one at a time in-process: ${round(alone.ms, 2)} ms, of which ${roundTrips} ms in ` +
			`${statements} statements (COMMIT, the WAL flush: ${per(alone.count.commitMs)} ms) and ` +
			`${round(alone.ms - roundTrips, 2)} ms in Node.js; over HTTP ${round(http, 2)} ms ` +
			`(+${round(http - alone.ms, 2)} ms for HTTP and the app's request handling)`
	);
	const requests = Math.max(1, together.done + together.failed);
	progress(
		`${what}, ${together.done + together.failed} at ${round(together.perSecond, 1)}/s with many ` +
			`at once in-process: ${round(together.count.rollbacks / requests, 2)} transactions run ` +
			`again per ${what} (serialization failures: ` +
			`${together.count.errors.get('40001') ?? 0}, deadlocks: ` +
			`${together.count.errors.get('40P01') ?? 0}), ${together.failed} failed after the last ` +
			`retry; ${round(together.count.statements / requests, 1)} statements and ` +
			`${round(together.count.roundTripMs / requests, 1)} ms of statement time per ${what}`
	);
}

function figures(what: string, alone: OneByOne, http: number, together: AtOnce): Figure[] {
	const requests = Math.max(1, together.done + together.failed);
	return [
		{ bench: `pg_${what}_in_process_ms`, value: round(alone.ms, 2), unit: 'ms', baseline: null },
		// Against the same request without HTTP: the ratio is HTTP's share.
		{
			bench: `pg_${what}_http_ms`,
			value: round(http, 2),
			unit: 'ms',
			baseline: round(alone.ms, 2)
		},
		{
			bench: `pg_${what}_statements`,
			value: round(alone.count.statements / ONE_BY_ONE, 1),
			unit: 'statements',
			baseline: null
		},
		{
			bench: `pg_${what}_statement_ms`,
			value: round(alone.count.roundTripMs / ONE_BY_ONE, 2),
			unit: 'ms',
			baseline: null
		},
		{
			bench: `pg_${what}_retries_at_once`,
			value: round(together.count.rollbacks / requests, 2),
			unit: `retries per ${what}`,
			baseline: null
		}
	];
}
