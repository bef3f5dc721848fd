import { availableParallelism, constants, loadavg } from 'node:os';
import { checkinScanHttp } from './checkin-http.ts';
import { checkinScanHttpPg } from './checkin-http-pg.ts';
import { dealsRecordHttp } from './deals-http.ts';
import { liveFanOut } from './live-sse.ts';
import { liveFanOutPg } from './live-sse-pg.ts';
import { liveSessionsSnapshot } from './live-sessions.ts';
import { liveExhibitionSnapshot } from './live-exhibition.ts';
import { adminHealthz } from './healthz.ts';
import { noticeSend } from './notice-send.ts';
import { PostgresMissing, stopPostgresCluster } from './lib/pg-cluster.ts';
import { printFigure, progress } from './lib/report.ts';
import { registrationsHttp } from './registrations-http.ts';
import { registrationsHttpPg } from './registrations-http-pg.ts';
import { readSettings } from './settings.ts';
import { totalsQuery } from './totals-query.ts';
import { whereTimeGoesPg } from './where-time-goes-pg.ts';

/** Run in this order; each returns its figures once its servers are stopped. */
const benchmarks = {
	admin_healthz: adminHealthz,
	deals_record_http: dealsRecordHttp,
	totals_query: totalsQuery,
	registrations_http: registrationsHttp,
	checkin_scan_http: checkinScanHttp,
	live_fan_out: liveFanOut,
	// The same loads on PostgreSQL, with one and with two instances of the app.
	registrations_http_pg: registrationsHttpPg,
	checkin_scan_http_pg: checkinScanHttpPg,
	live_fan_out_pg: liveFanOutPg,
	// One scan and one registration on PostgreSQL, taken apart.
	where_time_goes_pg: whereTimeGoesPg,
	// A notice to a whole edition, on both databases.
	notice_send: noticeSend,
	// The sessions' part of the live snapshot, on both databases.
	live_sessions_snapshot: liveSessionsSnapshot,
	// The exhibition's part of the live snapshot, on both databases.
	live_exhibition_snapshot: liveExhibitionSnapshot
};

const interruption = new AbortController();
let stoppedBy: NodeJS.Signals | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	// `once`: a second Ctrl-C falls back to Node's default and ends the bench at once.
	process.once(signal, () => {
		progress(`${signal}: stopping the servers and removing the scratch database`);
		stoppedBy = signal;
		interruption.abort(new Error(`interrupted by ${signal}`));
	});
}

// Other work on the machine moves both sides' figures, and not equally; say how busy it was,
// before each benchmark, since a run takes minutes and the load changes meanwhile.
const sayLoad = (before: string) =>
	progress(
		`load average ${loadavg()[0]?.toFixed(2)} on ${availableParallelism()} cores, before ${before}`
	);

let postgresMissing = false;
try {
	const settings = readSettings(process.env, interruption.signal);
	const unknown = settings.only.filter((name) => !(name in benchmarks));
	if (unknown.length > 0)
		throw new Error(
			`BENCH_ONLY names no benchmark: ${unknown.join(', ')} (there are ${Object.keys(benchmarks).join(', ')})`
		);
	for (const [name, benchmark] of Object.entries(benchmarks)) {
		if (settings.only.length > 0 && !settings.only.includes(name)) continue;
		if (postgresMissing && name.endsWith('_pg')) continue;
		sayLoad(name);
		try {
			for (const figure of await benchmark(settings)) printFigure(figure);
		} catch (error) {
			if (!(error instanceof PostgresMissing)) throw error;
			// Said once; the SQLite figures go on being measured and printed.
			postgresMissing = true;
			progress(error.message);
		}
	}
} catch (error) {
	if (stoppedBy) {
		process.exitCode = 128 + constants.signals[stoppedBy];
	} else {
		progress(`failed: ${error instanceof Error ? error.message : String(error)}`);
		process.exitCode = 1;
	}
} finally {
	await stopPostgresCluster();
}
