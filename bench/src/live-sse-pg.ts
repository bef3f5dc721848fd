import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { setTimeout as delay } from 'node:timers/promises';
import { createDb } from '@huizhan/db';
import { seedDemoDeals, seedDemoRegistrations } from '@huizhan/db/seed';
import { demoAdmin, startInstances } from './lib/pg-instances.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchPostgres, type ScratchPostgres } from './lib/scratch.ts';
import type { RunningServer } from './lib/servers.ts';
import { signIn } from './lib/session.ts';
import {
	GOAL_P95_MS,
	OPEN_IN_BATCHES_OF,
	openClient,
	percentile,
	recordDeal,
	waitFor,
	type SseClient
} from './live-sse.ts';
import type { BenchSettings } from './settings.ts';

/**
 * The live dashboard's fan-out across instances on PostgreSQL: `sseClients` Server-Sent Events
 * clients split evenly over two admin instances on one database, then `sseDeals` deals recorded
 * one after another over HTTP through instance A. For each deal: from starting the write to the
 * moment the last client on EITHER instance has the whole snapshot holding it. A's clients hear
 * of it from A itself; B's only through PostgreSQL (the trigger's NOTIFY after the commit, B's
 * listening connection, B reading the new version): that path is what this measures.
 */
export async function liveFanOutPg(settings: BenchSettings): Promise<Figure[]> {
	const { signal, sseClients, sseDeals } = settings;
	let scratch: ScratchPostgres | undefined;
	let servers: RunningServer[] = [];
	const clients: { on: 'A' | 'B'; client: SseClient }[] = [];
	try {
		scratch = await createScratchPostgres();
		// The demo ledger and registrations, so each snapshot is the size a real one is.
		const { db, close } = await createDb({ url: scratch.url, migrate: false });
		try {
			await seedDemoDeals(db);
			await seedDemoRegistrations(db);
		} finally {
			await close();
		}
		const password = randomBytes(18).toString('base64url');
		progress('starting two admin instances on one PostgreSQL database for the live stream');
		servers = await startInstances('admin', 2, scratch.url, signal, demoAdmin(password));
		const [a, b] = servers as [RunningServer, RunningServer];
		// Sessions are rows: one signed in on A is as good on B.
		const leader = await signIn(a, 'leader', password, signal);
		const recorder = await signIn(a, 'recorder', password, signal);
		const urls = { A: `${a.origin}/api/live`, B: `${b.origin}/api/live` };

		// Warm both streams up (first snapshot built, code paths compiled), then let them idle.
		const warm = await Promise.all(
			Array.from({ length: 20 }, (_, i) => openClient(i % 2 ? urls.B : urls.A, leader))
		);
		await waitFor(() => warm.every((c) => c.snapshots > 0), signal, 'the warm-up clients');
		for (const c of warm) c.close();
		await delay(1_500, undefined, { signal });

		progress(`opening ${sseClients} SSE clients, half on each instance`);
		for (let opened = 0; opened < sseClients; opened += OPEN_IN_BATCHES_OF) {
			const batch = Math.min(OPEN_IN_BATCHES_OF, sseClients - opened);
			const ons = Array.from({ length: batch }, (_, i): 'A' | 'B' =>
				(opened + i) % 2 ? 'B' : 'A'
			);
			const opening = await Promise.all(ons.map((on) => openClient(urls[on], leader)));
			clients.push(...opening.map((client, i) => ({ on: ons[i]!, client })));
			signal.throwIfAborted();
		}
		await waitFor(
			() => clients.every(({ client }) => client.snapshots > 0),
			signal,
			'every first snapshot'
		);
		await delay(1_500, undefined, { signal });

		progress(`recording ${sseDeals} deals through instance A while they watch`);
		const last: number[] = [];
		const lastOn = { A: [] as number[], B: [] as number[] };
		for (let n = 0; n < sseDeals; n++) {
			// A pause of random length, so writes fall at every phase of the instances' timers.
			await delay(300 + Math.random() * 300, undefined, { signal });
			const sentAt = performance.now();
			const seq = await recordDeal(a, recorder, n, signal);
			await waitFor(
				() => clients.every(({ client }) => client.arrivals.has(seq) || client.headSeq > seq),
				signal,
				`deal ${n + 1} on every client of both instances`
			);
			const arrival = (c: SseClient) => (c.arrivals.get(seq) ?? c.firstAfter(seq)) - sentAt;
			for (const on of ['A', 'B'] as const)
				lastOn[on].push(
					Math.max(...clients.filter((c) => c.on === on).map(({ client }) => arrival(client)))
				);
			last.push(Math.max(lastOn.A.at(-1)!, lastOn.B.at(-1)!));
		}
		const dropped = clients.filter(({ client }) => client.ended).length;
		if (dropped > 0) throw new Error(`${dropped} SSE clients were cut off during the run`);

		const p95 = percentile(last, 0.95);
		progress(
			`last client of either instance: p50 ${round(percentile(last, 0.5), 1)} ms, ` +
				`p95 ${round(p95, 1)} ms (goal ≤ ${GOAL_P95_MS} ms), max ${round(Math.max(...last), 1)} ms; ` +
				`p95 on A (the writer) ${round(percentile(lastOn.A, 0.95), 1)} ms, ` +
				`on B (through NOTIFY) ${round(percentile(lastOn.B, 0.95), 1)} ms; ${sseClients} clients`
		);
		return [
			{ bench: 'live_fan_out_pg_p95', value: round(p95, 1), unit: 'ms', baseline: null },
			{
				bench: 'live_fan_out_pg_p50',
				value: round(percentile(last, 0.5), 1),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'live_fan_out_pg_max',
				value: round(Math.max(...last), 1),
				unit: 'ms',
				baseline: null
			},
			// B's clients against A's: what crossing instances through PostgreSQL adds.
			{
				bench: 'live_fan_out_pg_p95_other_instance',
				value: round(percentile(lastOn.B, 0.95), 1),
				unit: 'ms',
				baseline: round(percentile(lastOn.A, 0.95), 1)
			},
			{ bench: 'live_fan_out_pg_clients', value: sseClients, unit: 'connections', baseline: null }
		];
	} finally {
		for (const { client } of clients) client.close();
		await Promise.all(servers.map((server) => server.stop()));
		await scratch?.remove();
	}
}
