import { checkScans, prepare, SCAN_PATH, ScanLog, TICKETS, type World } from './checkin-http.ts';
import { measureAcross, type Measurement } from './lib/measure.ts';
import { serverCounters } from './lib/pg-driver.ts';
import {
	demoAdmin,
	perInstanceFigures,
	sayServerWork,
	startInstances
} from './lib/pg-instances.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchPostgres, type ScratchPostgres } from './lib/scratch.ts';
import type { RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/**
 * `checkin.scan` over HTTP on PostgreSQL, with one admin instance and then with two on one
 * database: the load of `checkin_scan_http` (its connections, random tickets of 20,000 at one
 * gate, a tenth of the requests retrying an earlier nonce), split evenly between the instances
 * as a proxy would. Each case on its own copy of one prepared database, with the same
 * after-check: every acknowledged scan stored once, at most one standing admission per ticket,
 * gate and day.
 *
 * Answers outside 2xx are counted, not refused: on PostgreSQL a scan the server gives up on
 * (its transaction failed to serialize on every attempt) is what these figures are to show.
 */
export async function checkinScanHttpPg(settings: BenchSettings): Promise<Figure[]> {
	let prepared: ScratchPostgres | undefined;
	try {
		prepared = await createScratchPostgres();
		progress(`preparing ${TICKETS} tickets and a scanner device on PostgreSQL`);
		const started = performance.now();
		const world = await prepare({ url: prepared.url });
		progress(`prepared in ${round((performance.now() - started) / 1000, 1)} s`);
		const one = await scansOn(1, prepared, world, settings);
		const two = await scansOn(2, prepared, world, settings);
		return [
			...perInstanceFigures('checkin_scan_http_pg', 'scans/s', one, two),
			{ bench: 'checkin_scan_http_pg_1_failed', value: one.non2xx, unit: 'scans', baseline: null },
			{ bench: 'checkin_scan_http_pg_2_failed', value: two.non2xx, unit: 'scans', baseline: null }
		];
	} finally {
		await prepared?.remove();
	}
}

async function scansOn(
	instances: number,
	prepared: ScratchPostgres,
	world: World,
	settings: BenchSettings
): Promise<Measurement> {
	const { signal } = settings;
	let scratch: ScratchPostgres | undefined;
	let servers: RunningServer[] = [];
	try {
		scratch = await prepared.copy();
		progress(`starting ${instances} admin instance(s) on one PostgreSQL database`);
		servers = await startInstances('admin', instances, scratch.url, signal, demoAdmin());
		const scans = new ScanLog(
			{ 'content-type': 'application/json', authorization: `Bearer ${world.deviceToken}` },
			world
		);
		const before = await serverCounters(scratch.url);
		const measured = await measureAcross(
			servers,
			{ what: 'checkin.scan', noun: 'scans', rate: 'scans/s' },
			{ ...settings, path: SCAN_PATH, requests: servers.map(() => scans), non2xxAllowed: true }
		);
		await Promise.all(servers.map((server) => server.stop()));
		await sayServerWork(`${instances} instance(s)`, scratch.url, before, scans.answered);
		if (measured.non2xx > 0)
			progress(
				`${instances} instance(s): ${measured.non2xx} scans FAILED (answered outside 2xx), ` +
					`the first: ${scans.firstFailure}`
			);
		await checkScans(
			`${instances} admin instance(s) on PostgreSQL`,
			{ url: scratch.url },
			scans,
			settings
		);
		return measured;
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await scratch?.remove();
	}
}
