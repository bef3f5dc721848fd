import { measureServer, type Measurement } from './lib/measure.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase } from './lib/scratch.ts';
import { startBaseline, startBuiltApp, type RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/**
 * `GET /healthz` on the admin app against a bare node:http server doing the same query on the
 * same file, both measured in this run: the ratio is what the framework costs per request, and
 * measuring both together keeps it independent of how fast this machine is today.
 */
export async function adminHealthz(settings: BenchSettings): Promise<Figure[]> {
	const { signal } = settings;
	const scratch = await createScratchDatabase();
	const servers: RunningServer[] = [];
	try {
		const options = { databasePath: scratch.databasePath, signal };
		progress('starting the admin app and the bare node:http baseline');
		const admin = await startBuiltApp('admin', options);
		servers.push(admin);
		const bare = await startBaseline('healthz-server.ts', options);
		servers.push(bare);
		await assertSameAnswer(admin, bare);

		const app = await loadHealthz(admin, settings);
		const baseline = await loadHealthz(bare, settings);
		return [
			{
				bench: 'admin_healthz_throughput',
				value: round(app.requestsPerSecond, 1),
				unit: 'req/s',
				baseline: round(baseline.requestsPerSecond, 1)
			},
			{
				bench: 'admin_healthz_p99',
				value: app.latencyP99Ms,
				unit: 'ms',
				baseline: baseline.latencyP99Ms
			}
		];
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await scratch.remove();
	}
}

/** A comparison is only fair while both sides do the same work, so their answers must match. */
async function assertSameAnswer(app: RunningServer, baseline: RunningServer): Promise<void> {
	const [appBody, baselineBody] = await Promise.all(
		[app, baseline].map(async (server) => (await fetch(`${server.origin}/healthz`)).text())
	);
	if (appBody !== baselineBody) {
		throw new Error(
			`the baseline answers ${baselineBody} where the app answers ${appBody}: fix the baseline`
		);
	}
}

function loadHealthz(server: RunningServer, settings: BenchSettings): Promise<Measurement> {
	return measureServer(
		server,
		{ what: 'GET /healthz', noun: 'requests', rate: 'req/s' },
		{ url: `${server.origin}/healthz`, ...settings }
	);
}
