import { request, type ClientRequest } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { appendToLedger, createDb, type Db } from '@huizhan/db';
import { seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import { progress, round, type Figure } from './lib/report.ts';
import { signIn } from './lib/session.ts';
import { createScratchDatabase } from './lib/scratch.ts';
import { startBuiltApp, type RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/** Issue #7's goal: a deal on every open dashboard within half a second (p95). */
export const GOAL_P95_MS = 500;
/** Connections opened at once: the server's listen backlog is 511. */
export const OPEN_IN_BATCHES_OF = 100;
/** A deal not on every client by then means the figure is void. */
const DELIVERED_WITHIN_MS = 10_000;

/**
 * The live dashboard's fan-out: `sseClients` Server-Sent Events clients on `GET /api/live` of
 * the built admin app (loopback, signed in as a leader), then `sseDeals` deals one after
 * another: every other one recorded over HTTP as a recorder, the rest written into the database
 * by this process (as the CLI or a second server would). For each deal: the time from starting
 * the write to the moment the last client has received the whole snapshot that holds it (so the
 * write itself is included). Also the server's resident memory per connected client. The clients run in this
 * process, which shares the machine's cores with the server: figures are upper bounds.
 */
export async function liveFanOut(settings: BenchSettings): Promise<Figure[]> {
	const { signal, sseClients, sseDeals } = settings;
	const scratch = await createScratchDatabase();
	let admin: RunningServer | undefined;
	const clients: SseClient[] = [];
	try {
		// The demo ledger and registrations, so each snapshot is the size a real one is.
		const { db, close } = await createDb({ path: scratch.databasePath });
		try {
			await seedDemoDeals(db);
			await seedDemoRegistrations(db);
		} finally {
			await close();
		}
		const password = randomBytes(18).toString('base64url');
		progress('starting the admin app for the live stream');
		admin = await startBuiltApp('admin', {
			databasePath: scratch.databasePath,
			signal,
			env: { HUIZHAN_MODE: 'demo', HUIZHAN_DEMO_PASSWORD: password }
		});
		const leader = await signIn(admin, 'leader', password, signal);
		const recorder = await signIn(admin, 'recorder', password, signal);
		const url = `${admin.origin}/api/live`;

		// Warm the stream up (first snapshot built, code paths compiled), then let it idle.
		const warm = await Promise.all(Array.from({ length: 10 }, () => openClient(url, leader)));
		await waitFor(() => warm.every((c) => c.snapshots > 0), signal, 'the warm-up clients');
		for (const c of warm) c.close();
		await delay(1_500, undefined, { signal });
		const rssBefore = await residentKiB(admin);

		progress(`opening ${sseClients} SSE clients on ${url}`);
		for (let opened = 0; opened < sseClients; opened += OPEN_IN_BATCHES_OF) {
			const batch = Math.min(OPEN_IN_BATCHES_OF, sseClients - opened);
			clients.push(
				...(await Promise.all(Array.from({ length: batch }, () => openClient(url, leader))))
			);
			signal.throwIfAborted();
		}
		await waitFor(() => clients.every((c) => c.snapshots > 0), signal, 'every first snapshot');
		await delay(1_500, undefined, { signal });
		const rssWith = await residentKiB(admin);
		const snapshotBytes = clients[0]!.lastSnapshotBytes;

		progress(`recording ${sseDeals} deals one after another while they watch`);
		// Half the deals are recorded through the app (it pushes them at once), half written by
		// another process straight into the database (the app's watcher finds them on its tick).
		const viaApp = { last: [] as number[], median: [] as number[] };
		const viaOtherProcess = { last: [] as number[], median: [] as number[] };
		const other = await createDb({ path: scratch.databasePath, migrate: false });
		try {
			for (let n = 0; n < sseDeals; n++) {
				// A pause of random length, so writes fall at every phase of the watcher's interval.
				await delay(300 + Math.random() * 300, undefined, { signal });
				const throughApp = n % 2 === 0;
				const sentAt = performance.now();
				const seq = throughApp
					? await recordDeal(admin, recorder, n, signal)
					: await writeDeal(other.db, n);
				await waitFor(
					() => clients.every((c) => c.arrivals.has(seq) || c.headSeq > seq),
					signal,
					`deal ${n + 1} on every client`
				);
				const arrivals = clients.map((c) => (c.arrivals.get(seq) ?? c.firstAfter(seq)) - sentAt);
				arrivals.sort((a, b) => a - b);
				const into = throughApp ? viaApp : viaOtherProcess;
				into.last.push(arrivals[arrivals.length - 1]!);
				into.median.push(arrivals[Math.floor(arrivals.length / 2)]!);
			}
		} finally {
			await other.close();
		}
		const lastClientMs = [...viaApp.last, ...viaOtherProcess.last];
		const medianClientMs = [...viaApp.median, ...viaOtherProcess.median];
		const dropped = clients.filter((c) => c.ended).length;
		if (dropped > 0) throw new Error(`${dropped} SSE clients were cut off during the run`);

		const p95 = percentile(lastClientMs, 0.95);
		progress(
			`last client: p50 ${round(percentile(lastClientMs, 0.5), 1)} ms, p95 ${round(p95, 1)} ms ` +
				`(goal ≤ ${GOAL_P95_MS} ms), max ${round(Math.max(...lastClientMs), 1)} ms; ` +
				`server RSS ${rssBefore} → ${rssWith} KiB with ${sseClients} clients`
		);
		return [
			{ bench: 'live_sse_last_client_p95', value: round(p95, 1), unit: 'ms', baseline: null },
			{
				bench: 'live_sse_last_client_p50',
				value: round(percentile(lastClientMs, 0.5), 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'live_sse_last_client_max',
				value: round(Math.max(...lastClientMs), 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'live_sse_median_client_p95',
				value: round(percentile(medianClientMs, 0.95), 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'live_sse_memory_per_client',
				value: round((rssWith - rssBefore) / sseClients, 1),
				unit: 'KiB',
				baseline: null
			},
			{
				bench: 'live_sse_last_client_p95_app_writes',
				value: round(percentile(viaApp.last, 0.95), 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'live_sse_last_client_p95_other_process_writes',
				value: round(percentile(viaOtherProcess.last, 0.95), 1),
				unit: 'ms',
				baseline: null
			},
			{ bench: 'live_sse_clients', value: sseClients, unit: 'connections', baseline: null },
			{ bench: 'live_sse_snapshot_size', value: snapshotBytes, unit: 'bytes', baseline: null }
		];
	} finally {
		for (const client of clients) client.close();
		await admin?.stop();
		await scratch.remove();
	}
}

export interface SseClient {
	/** The ledger head of the latest whole snapshot received. */
	headSeq: number;
	/** Whole snapshots received. */
	snapshots: number;
	/** When each snapshot (by ledger head) was received in full, `performance.now()`. */
	arrivals: Map<number, number>;
	/** When the first snapshot newer than `seq` arrived (two writes may share one snapshot). */
	firstAfter(seq: number): number;
	lastSnapshotBytes: number;
	/** The server ended the stream. */
	ended: boolean;
	close(): void;
}

/**
 * A minimal EventSource: reads `id:` then `data:` lines and notes when each snapshot's data line
 * is complete. Node 20 has no EventSource; one socket per client, as browsers have.
 */
export function openClient(url: string, session: string): Promise<SseClient> {
	return new Promise((resolve, reject) => {
		const client: SseClient = {
			headSeq: 0,
			snapshots: 0,
			arrivals: new Map(),
			firstAfter(seq) {
				let first = Infinity;
				for (const [head, at] of this.arrivals) if (head > seq && at < first) first = at;
				return first;
			},
			lastSnapshotBytes: 0,
			ended: false,
			close: () => req.destroy()
		};
		const req: ClientRequest = request(
			url,
			{ agent: false, headers: { cookie: `hz_session=${session}`, accept: 'text/event-stream' } },
			(response) => {
				if (response.statusCode !== 200) {
					reject(new Error(`GET ${url} answered ${response.statusCode}`));
					response.resume();
					return;
				}
				response.setEncoding('utf8');
				let buffer = '';
				let pendingSeq: number | null = null;
				response.on('data', (chunk: string) => {
					const now = performance.now();
					buffer += chunk;
					let newline: number;
					while ((newline = buffer.indexOf('\n')) >= 0) {
						const line = buffer.slice(0, newline);
						buffer = buffer.slice(newline + 1);
						if (line.startsWith('id: ')) pendingSeq = Number.parseInt(line.slice(4), 10);
						else if (line.startsWith('data: ') && pendingSeq !== null) {
							client.arrivals.set(pendingSeq, now);
							client.headSeq = Math.max(client.headSeq, pendingSeq);
							client.snapshots += 1;
							client.lastSnapshotBytes = Buffer.byteLength(line);
							pendingSeq = null;
						}
					}
				});
				response.on('end', () => (client.ended = true));
				response.on('error', () => (client.ended = true));
				resolve(client);
			}
		);
		req.on('error', (error) => {
			client.ended = true;
			reject(error);
		});
		req.end();
	});
}

/** Records one deal over HTTP and returns its ledger sequence number once acknowledged. */
export async function recordDeal(
	app: RunningServer,
	session: string,
	n: number,
	signal: AbortSignal
): Promise<number> {
	const response = await fetch(`${app.origin}/api/trpc/deals.record`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			cookie: `hz_session=${session}`,
			origin: app.origin
		},
		body: JSON.stringify({
			requestId: `live-bench-${process.pid}-${n}-${Date.now()}`,
			acknowledgeDuplicates: true,
			facts: {
				projectName: `大屏推送基准项目${n + 1}`,
				investor: `基准推送投资${n + 1}有限公司`,
				investorOrigin: 'in_province',
				chainId: 1,
				unitId: 1,
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-04',
				agreementType: 'contract',
				totalInvestment: '12.5亿'
			}
		}),
		signal
	});
	const answer = (await response.json()) as { result?: { data?: { entry?: { seq?: unknown } } } };
	const seq = answer.result?.data?.entry?.seq;
	if (!response.ok || typeof seq !== 'number')
		throw new Error(`deals.record answered ${response.status} ${JSON.stringify(answer)}`);
	return seq;
}

/** Writes one deal from this process, as another server or the CLI would; returns its seq. */
async function writeDeal(db: Db, n: number): Promise<number> {
	const now = new Date();
	return db.transaction(
		async (tx) =>
			(
				await appendToLedger(tx, {
					dealId: null,
					event: {
						type: 'signed',
						facts: {
							projectName: `外部写入基准项目${n + 1}`,
							investor: `外部写入投资${n + 1}有限公司`,
							investorOrigin: 'out_of_province',
							chainId: 2,
							unitId: 2,
							signingEvent: 'wsc-2024',
							signedOn: '2024-11-04',
							agreementType: 'framework',
							totalInvestment: 350_000_000,
							foreignCurrency: null,
							foreignAmount: null,
							exchangeRate: null,
							notes: ''
						}
					},
					occurredOn: '2024-11-04',
					recordedAt: now.toISOString(),
					recordedBy: 'bench',
					requestId: `live-bench-direct-${process.pid}-${n}-${now.getTime()}`
				})
			).entry.seq
	);
}

export async function waitFor(
	done: () => boolean,
	signal: AbortSignal,
	what: string
): Promise<void> {
	const deadline = performance.now() + DELIVERED_WITHIN_MS;
	while (!done()) {
		if (performance.now() > deadline)
			throw new Error(`${what}: not within ${DELIVERED_WITHIN_MS / 1000} s`);
		await delay(2, undefined, { signal });
	}
}

/** The server's resident set size (VmRSS), in KiB. */
async function residentKiB(server: RunningServer): Promise<number> {
	if (server.pid === undefined) throw new Error(`${server.name} has no process id`);
	const status = await readFile(`/proc/${server.pid}/status`, 'utf8');
	const match = /^VmRSS:\s+(\d+) kB$/m.exec(status);
	if (!match) throw new Error(`no VmRSS in /proc/${server.pid}/status`);
	return Number(match[1]);
}

export function percentile(values: number[], p: number): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}
