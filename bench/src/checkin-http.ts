import { randomBytes } from 'node:crypto';
import { copyFile, rm } from 'node:fs/promises';
import { ensureTicketKeys, hashToken, ticketToken } from '@huizhan/api';
import { createDb, tables } from '@huizhan/db';
import { measureServer, type Measurement, type RequestPlan } from './lib/measure.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase, type DatabaseAt, type ScratchDatabase } from './lib/scratch.ts';
import { startBaseline, startBuiltApp, type RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/** Issue #6's goals at 64 concurrent scanners on the 2-core machines. */
const GOAL_SCANS_PER_SECOND = 2_000;
const GOAL_P99_MS = 50;
export const SCAN_PATH = '/api/trpc/checkin.scan';
/** Tickets in the scratch conference: a morning's crowd, so most scans are first entries. */
export const TICKETS = 20_000;
/** Share of requests that retry an earlier nonce (a scanner that lost an answer). */
const RETRIES = 0.1;

/**
 * `checkin.scan` over HTTP on the built admin app, as 64 PDAs with a device bearer token scanning
 * random tickets of 20,000 at one gate, against a bare node:http + better-sqlite3 server doing
 * the same verification and insert on a copy of the same database, both measured in this run.
 * Afterwards both databases must hold every acknowledged scan once and at most one standing
 * admission per ticket, gate and day: a figure for scans that were lost would measure nothing.
 */
export async function checkinScanHttp(settings: BenchSettings): Promise<Figure[]> {
	const { signal } = settings;
	const scratches: ScratchDatabase[] = [];
	const servers: RunningServer[] = [];
	try {
		const appDatabase = await createScratchDatabase();
		scratches.push(appDatabase);
		progress(`preparing ${TICKETS} tickets and a scanner device`);
		const world = await prepare({ path: appDatabase.databasePath });
		const bareDatabase = await createScratchDatabase();
		scratches.push(bareDatabase);
		await Promise.all(
			['-wal', '-shm'].map((suffix) => rm(bareDatabase.databasePath + suffix, { force: true }))
		);
		await copyFile(appDatabase.databasePath, bareDatabase.databasePath);

		progress('starting the admin app and the bare node:http scan server');
		const admin = await startBuiltApp('admin', {
			databasePath: appDatabase.databasePath,
			signal,
			env: { HUIZHAN_MODE: 'demo', HUIZHAN_DEMO_PASSWORD: randomBytes(18).toString('base64url') }
		});
		servers.push(admin);
		const bare = await startBaseline('checkin-server.ts', {
			databasePath: bareDatabase.databasePath,
			signal
		});
		servers.push(bare);

		const headers = {
			'content-type': 'application/json',
			authorization: `Bearer ${world.deviceToken}`
		};
		const appScans = new ScanLog(headers, world);
		const bareScans = new ScanLog(headers, world);
		const app = await loadScans(admin, appScans, settings);
		const baseline = await loadScans(bare, bareScans, settings);

		await Promise.all(servers.map((server) => server.stop()));
		await checkScans(admin.name, { path: appDatabase.databasePath }, appScans, settings);
		await checkScans(bare.name, { path: bareDatabase.databasePath }, bareScans, settings);

		const met =
			app.requestsPerSecond >= GOAL_SCANS_PER_SECOND && app.latencyP99Ms <= GOAL_P99_MS
				? 'met'
				: 'MISSED';
		progress(
			`goal ≥ ${GOAL_SCANS_PER_SECOND} scans/s with p99 ≤ ${GOAL_P99_MS} ms at ` +
				`${settings.connections} scanners: ${met}`
		);
		return [
			{
				bench: 'checkin_scan_http',
				value: round(app.requestsPerSecond, 1),
				unit: 'scans/s',
				baseline: round(baseline.requestsPerSecond, 1)
			},
			{
				bench: 'checkin_scan_http_p50',
				value: app.latencyP50Ms,
				unit: 'ms',
				baseline: baseline.latencyP50Ms
			},
			{
				bench: 'checkin_scan_http_p99',
				value: app.latencyP99Ms,
				unit: 'ms',
				baseline: baseline.latencyP99Ms
			}
		];
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await Promise.all(scratches.map((scratch) => scratch.remove()));
	}
}

export interface World {
	deviceToken: string;
	checkpointId: number;
	tokens: string[];
}

/** Ticket keys, 20,000 confirmed visitors with their signed tokens, and a device token. */
export async function prepare(database: DatabaseAt, tickets = TICKETS): Promise<World> {
	const { db, close } = await createDb(database);
	try {
		const now = new Date();
		await ensureTicketKeys(db, now);
		const visitors = Array.from({ length: tickets }, (_, i) => ({
			conferenceId: 'wsc-2024',
			category: 'visitor' as const,
			name: `基准观众${i}`,
			organisation: '基准测试单位',
			title: '',
			mobile: `+86171${String(10_000_000 + i).slice(-8)}`,
			country: 'CN',
			language: 'zh-CN' as const,
			consentAt: now,
			status: 'confirmed' as const,
			reference: `WSC-B${String(i).padStart(5, '0')}`,
			ticketSecret: randomBytes(16).toString('base64url'),
			createdAt: now
		}));
		// One transaction, in slices: a statement takes a bounded number of parameters.
		const ids = await db.transaction(async (tx) => {
			const { registrations } = tables(tx);
			const stored: number[] = [];
			for (let i = 0; i < visitors.length; i += 1_000) {
				const rows = await tx
					.insert(registrations)
					.values(visitors.slice(i, i + 1_000))
					.returning({ id: registrations.id });
				stored.push(...rows.map((row) => row.id));
			}
			return stored;
		});
		const tokens: string[] = [];
		for (const id of ids)
			tokens.push(await ticketToken(db, { id, conferenceId: 'wsc-2024', category: 'visitor' }));
		const t = tables(db);
		const checkpoint = (
			await db
				.select({
					id: t.checkpoints.id,
					conferenceId: t.checkpoints.conferenceId,
					nameZh: t.checkpoints.nameZh
				})
				.from(t.checkpoints)
		).find((c) => c.conferenceId === 'wsc-2024' && c.nameZh === '南门主入口');
		if (!checkpoint) throw new Error('the demo database has no 南门主入口 at wsc-2024');
		const deviceToken = `hzd_${randomBytes(32).toString('base64url')}`;
		await db.insert(t.scannerDevices).values({
			conferenceId: 'wsc-2024',
			checkpointId: checkpoint.id,
			name: '基准 PDA',
			tokenHash: hashToken(deviceToken),
			createdAt: now
		});
		return { deviceToken, checkpointId: checkpoint.id, tokens };
	} finally {
		await close();
	}
}

/** The scans one side was sent, by nonce, and those it acknowledged. */
export class ScanLog implements RequestPlan {
	readonly sent = new Set<string>();
	readonly acknowledged = new Set<string>();
	/** Answers of any status, retries included. */
	answered = 0;
	/** The first answer outside 2xx, status and the start of its body, to say what failed. */
	firstFailure: string | null = null;
	private readonly bodies: string[] = [];

	constructor(
		readonly headers: Record<string, string>,
		private readonly world: World
	) {}

	private random(n: number): number {
		return Math.floor(Math.random() * n);
	}

	next() {
		if (this.bodies.length > 0 && this.random(1_000) < RETRIES * 1_000) {
			const body =
				this.bodies[this.bodies.length - 1 - this.random(Math.min(200, this.bodies.length))]!;
			return { key: (JSON.parse(body) as { nonce: string }).nonce, body };
		}
		const nonce = randomBytes(12).toString('base64url');
		this.sent.add(nonce);
		const body = JSON.stringify({
			checkpointId: this.world.checkpointId,
			code: this.world.tokens[this.random(this.world.tokens.length)],
			nonce,
			scannedAt: Date.now()
		});
		this.bodies.push(body);
		return { key: nonce, body };
	}

	onAnswer(status: number, nonce: string, body: string) {
		this.answered += 1;
		if ((status < 200 || status >= 300) && this.firstFailure === null)
			this.firstFailure = `${status} ${body.slice(0, 300)}`;
		if (status >= 200 && status < 300) this.acknowledged.add(nonce);
	}
}

function loadScans(
	server: RunningServer,
	scans: ScanLog,
	settings: BenchSettings
): Promise<Measurement> {
	return measureServer(
		server,
		{ what: 'checkin.scan', noun: 'scans', rate: 'scans/s' },
		{ url: `${server.origin}${SCAN_PATH}`, ...settings, request: scans }
	);
}

/** Load runs per side (warm-up and measured); each can cut off one request per connection. */
const RUNS = 2;

export async function checkScans(
	name: string,
	database: DatabaseAt,
	scans: ScanLog,
	settings: BenchSettings
) {
	const { db, close } = await createDb({ ...database, migrate: false });
	try {
		const t = tables(db);
		const rows = await db
			.select({
				nonce: t.scans.nonce,
				entryKey: t.scans.entryKey,
				undoneBy: t.scans.undoneBy,
				reason: t.scans.reason
			})
			.from(t.scans);
		const stored = rows.map((row) => row.nonce);
		const inDatabase = new Set(stored);
		const lost = [...scans.acknowledged].filter((n) => !inDatabase.has(n));
		const strangers = stored.filter((n) => !scans.sent.has(n));
		// Standing admissions per entry key: more than one is a ticket admitted twice.
		const standing = new Map<string, number>();
		for (const row of rows)
			if (row.entryKey !== null && row.undoneBy === null)
				standing.set(row.entryKey, (standing.get(row.entryKey) ?? 0) + 1);
		const twice = [...standing.values()].filter((n) => n > 1).length;
		const admitted = rows.filter((row) => row.reason === 'ok').length;
		const cutOff = stored.length - (scans.acknowledged.size - lost.length);
		progress(
			`${name}: ${stored.length} scans stored (${admitted} admissions) = ` +
				`${scans.acknowledged.size} acknowledged + ${cutOff} cut off at a deadline`
		);
		if (
			lost.length > 0 ||
			strangers.length > 0 ||
			twice > 0 ||
			cutOff > settings.connections * RUNS
		) {
			throw new Error(
				`${name}: ${lost.length} acknowledged scans missing, ${strangers.length} never sent, ` +
					`${twice} tickets admitted twice, ${cutOff} unanswered: every answered scan must be ` +
					`stored exactly once and each ticket admitted once`
			);
		}
	} finally {
		await close();
	}
}
