import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createDb, tables } from '@huizhan/db';
import { beijingDay, currentDemoEditions } from '@huizhan/db/seed';
import { measure, type Measurement, type RequestPlan } from './lib/measure.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase, type DatabaseAt, type ScratchDatabase } from './lib/scratch.ts';
import { startBaseline, startBuiltApp, type RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/** Issue #5's goals. */
const GOAL_REGISTRATIONS_PER_SECOND = 300;
const GOAL_REGISTER_PAGE_JS_GZIP_KB = 60;
export const REGISTER_PATH = '/api/trpc/registration.register';
/** The page measured since the figure began (the 2024 edition's: its figures stay comparable). */
const CONFERENCE_PAGE = '/c/wsc-2024';

/**
 * The demo's WSC edition open for registration: the demo opens this year's (or next year's)
 * edition on the day it is made; the 2024 one closed long ago and refuses every registration.
 */
export const openEdition = (now = new Date()): string =>
	currentDemoEditions(beijingDay(now)).find((edition) => edition.series === 'wsc')!.id;

/**
 * The attendee site under registration load (issue #5):
 * - `registration.register` over HTTP on 64 connections, every request a new person, against a
 *   bare node:http server calling the same `register` on a database of its own; afterwards each
 *   database must hold every registration that was answered 2xx;
 * - the conference page's latency under the same number of connections, beside the same app's
 *   `/healthz` (what server-rendering the page costs);
 * - the JavaScript a phone downloads for the registration page, gzipped.
 */
export async function registrationsHttp(settings: BenchSettings): Promise<Figure[]> {
	const { signal } = settings;
	const scratches: ScratchDatabase[] = [];
	const servers: RunningServer[] = [];
	try {
		const edition = openEdition();
		const appDatabase = await createScratchDatabase();
		scratches.push(appDatabase);
		const bareDatabase = await createScratchDatabase();
		scratches.push(bareDatabase);
		// Seats would run out mid-run and turn answers into "full": this measures registering.
		for (const scratch of scratches) await unlimitedSeats({ path: scratch.databasePath });

		progress('starting the attendee app and the bare node:http registration server');
		const attendee = await startBuiltApp('attendee', {
			databasePath: appDatabase.databasePath,
			signal,
			// The per-address limit would refuse a load test from one address within a second.
			env: { REGISTRATIONS_PER_MINUTE: '100000000' }
		});
		servers.push(attendee);
		const bare = await startBaseline('registrations-server.ts', {
			databasePath: bareDatabase.databasePath,
			signal
		});
		servers.push(bare);

		const appPeople = new People(attendee.origin, edition, 0);
		const barePeople = new People(bare.origin, edition, 0);
		const app = await load(attendee, REGISTER_PATH, settings, appPeople);
		const baseline = await load(bare, REGISTER_PATH, settings, barePeople);

		const page = await load(attendee, CONFERENCE_PAGE, settings);
		const healthz = await load(attendee, '/healthz', settings);
		const javascript = await registerPageJavaScript(attendee.origin, signal);

		await Promise.all(servers.map((server) => server.stop()));
		await checkStored(attendee.name, { path: appDatabase.databasePath }, appPeople, settings);
		await checkStored(bare.name, { path: bareDatabase.databasePath }, barePeople, settings);

		const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
		progress(
			`goal ≥ ${GOAL_REGISTRATIONS_PER_SECOND} registrations/s at ${settings.connections} ` +
				`connections: ${met(app.requestsPerSecond >= GOAL_REGISTRATIONS_PER_SECOND)}`
		);
		progress(
			`registration page JavaScript: ${javascript.files} files, ` +
				`${round(javascript.rawBytes / 1024, 1)} KB raw, ${round(javascript.gzipBytes / 1024, 1)} KB ` +
				`gzipped; goal ≤ ${GOAL_REGISTER_PAGE_JS_GZIP_KB} KB: ` +
				`${met(javascript.gzipBytes <= GOAL_REGISTER_PAGE_JS_GZIP_KB * 1024)}`
		);
		return [
			{
				bench: 'registrations_http',
				value: round(app.requestsPerSecond, 1),
				unit: 'registrations/s',
				baseline: round(baseline.requestsPerSecond, 1)
			},
			{
				bench: 'registrations_http_p99',
				value: app.latencyP99Ms,
				unit: 'ms',
				baseline: baseline.latencyP99Ms
			},
			{
				bench: 'conference_page_p99',
				value: page.latencyP99Ms,
				unit: 'ms',
				baseline: healthz.latencyP99Ms
			},
			{
				bench: 'conference_page_throughput',
				value: round(page.requestsPerSecond, 1),
				unit: 'req/s',
				baseline: round(healthz.requestsPerSecond, 1)
			},
			{
				bench: 'register_page_js_gzip',
				value: round(javascript.gzipBytes / 1024, 1),
				unit: 'KB',
				baseline: null
			}
		];
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await Promise.all(scratches.map((scratch) => scratch.remove()));
	}
}

export async function unlimitedSeats(database: DatabaseAt) {
	const { db, close } = await createDb({ ...database, migrate: false });
	try {
		await db.update(tables(db).conferenceCategories).set({ capacity: null });
	} finally {
		await close();
	}
}

/** Each request a different visitor with a mobile of their own; the names mark this run's rows. */
export class People implements RequestPlan {
	readonly headers: Record<string, string>;
	readonly acknowledged = new Set<string>();
	sent = 0;
	readonly namePrefix = `基准${randomBytes(3).toString('hex')}`;

	constructor(
		origin: string,
		private readonly conferenceId: string,
		firstNumber: number
	) {
		// The attendee app refuses a cookie-less cross-site POST no more than a browser's; an
		// Origin header of its own is what a browser on the site would send.
		this.headers = { 'content-type': 'application/json', origin };
		this.sent = firstNumber;
	}

	next() {
		this.sent += 1;
		const key = String(this.sent);
		const body = JSON.stringify({
			conferenceId: this.conferenceId,
			category: 'visitor',
			name: `${this.namePrefix}-${key}`,
			organisation: '郑州基准测试有限公司',
			title: '工程师',
			// 159 + 8 digits: never one of the demo data's numbers (170…).
			mobile: `159${key.padStart(8, '0')}`,
			consent: true
		});
		return { key, body };
	}

	onAnswer(status: number, key: string) {
		if (status >= 200 && status < 300) this.acknowledged.add(key);
	}
}

async function load(
	server: RunningServer,
	path: string,
	settings: BenchSettings,
	request?: RequestPlan
): Promise<Measurement> {
	progress(
		`${server.name}: ${settings.warmUpSeconds} s warm-up, then ${settings.durationSeconds} s ` +
			`of ${request ? 'POST' : 'GET'} ${path} on ${settings.connections} connections`
	);
	const measurement = await measure({
		url: `${server.origin}${path}`,
		...settings,
		...(request ? { request } : {})
	});
	progress(
		`${server.name} ${path}: ${measurement.requests} answers, ${measurement.requestsPerSecond}/s, ` +
			`p50 ${measurement.latencyP50Ms} ms, p99 ${measurement.latencyP99Ms} ms, ` +
			`${measurement.errors} errors, ${measurement.non2xx} non-2xx`
	);
	if (measurement.errors > 0 || measurement.non2xx > 0) {
		throw new Error(
			`${server.name} had ${measurement.errors} errors and ${measurement.non2xx} non-2xx ` +
				`answers on ${path}: its figures would measure failures, not work`
		);
	}
	return measurement;
}

/** Load runs per side (warm-up and measured); each can cut off one request per connection. */
const RUNS = 2;

/** Every registration answered 2xx is stored, and nothing else of this run's but cut-off ones. */
export async function checkStored(
	name: string,
	database: DatabaseAt,
	people: People,
	settings: BenchSettings
) {
	const { db, close } = await createDb({ ...database, migrate: false });
	try {
		const { registrations } = tables(db);
		const stored = (await db.select({ name: registrations.name }).from(registrations))
			.filter((r) => r.name.startsWith(`${people.namePrefix}-`))
			.map((r) => r.name.slice(people.namePrefix.length + 1));
		const inDatabase = new Set(stored);
		const lost = [...people.acknowledged].filter((key) => !inDatabase.has(key));
		const cutOff = stored.length - (people.acknowledged.size - lost.length);
		const cutOffAllowed = settings.connections * RUNS;
		progress(
			`${name}: ${stored.length} registrations stored = ${people.acknowledged.size} answered 2xx ` +
				`+ ${cutOff} cut off unanswered at a deadline (at most ${cutOffAllowed})`
		);
		if (lost.length > 0 || cutOff > cutOffAllowed) {
			throw new Error(
				`${name}: ${lost.length} acknowledged registrations are missing (first ${lost[0] ?? '-'}) ` +
					`and ${cutOff} were never answered: every answered registration must be stored`
			);
		}
	} finally {
		await close();
	}
}

/**
 * The JavaScript a browser loads for the registration page: the scripts the page names
 * (`modulepreload` links and the start script's imports) and everything they import statically,
 * each gzipped as a server would send it (zlib's default level). Lazily imported code of other
 * pages is not counted: the phone never downloads it for this page.
 */
async function registerPageJavaScript(origin: string, signal: AbortSignal) {
	const pageUrl = `${origin}/c/wsc-2024/register`;
	const html = await (await fetch(pageUrl, { signal })).text();
	const queue = [
		...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)].map((m) => m[1]!),
		...[...html.matchAll(/import\("([^"]+\.js)"\)/g)].map((m) => m[1]!)
	].map((href) => new URL(href, pageUrl).href);
	const seen = new Set<string>();
	let rawBytes = 0;
	let gzipBytes = 0;
	while (queue.length > 0) {
		const url = queue.shift()!;
		if (seen.has(url)) continue;
		seen.add(url);
		const response = await fetch(url, { signal });
		if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
		const body = Buffer.from(await response.arrayBuffer());
		rawBytes += body.length;
		gzipBytes += gzipSync(body).length;
		// Static imports only: `import"./x.js"`, `from"./x.js"`.
		for (const m of body.toString('utf8').matchAll(/(?:\bfrom|\bimport)\s*["']([^"']+\.js)["']/g))
			queue.push(new URL(m[1]!, url).href);
	}
	if (seen.size === 0)
		throw new Error(`${pageUrl} names no JavaScript: the page is not what was measured`);
	return { files: seen.size, rawBytes, gzipBytes };
}
