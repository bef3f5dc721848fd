import { measureAcross, type Measurement } from './lib/measure.ts';
import { serverCounters } from './lib/pg-driver.ts';
import { perInstanceFigures, sayServerWork, startInstances } from './lib/pg-instances.ts';
import { progress, type Figure } from './lib/report.ts';
import { createScratchPostgres, type ScratchPostgres } from './lib/scratch.ts';
import type { RunningServer } from './lib/servers.ts';
import {
	checkStored,
	openEdition,
	People,
	REGISTER_PATH,
	unlimitedSeats
} from './registrations-http.ts';
import type { BenchSettings } from './settings.ts';

/** Far apart, so the instances' people never share a mobile (which would not register twice). */
const NUMBERS_PER_INSTANCE = 10_000_000;

/**
 * `registration.register` over HTTP on PostgreSQL, with one attendee instance and then with two
 * on one database: the load of `registrations_http` (its connections, every request a new
 * person), split evenly between the instances, each case on its own copy of one demo database
 * with unlimited seats, and the same after-check: every registration answered 2xx is stored.
 */
export async function registrationsHttpPg(settings: BenchSettings): Promise<Figure[]> {
	let prepared: ScratchPostgres | undefined;
	try {
		prepared = await createScratchPostgres();
		// Seats would run out mid-run and turn answers into "full": this measures registering.
		await unlimitedSeats({ url: prepared.url });
		const one = await registrationsOn(1, prepared, settings);
		const two = await registrationsOn(2, prepared, settings);
		return perInstanceFigures('registrations_http_pg', 'registrations/s', one, two);
	} finally {
		await prepared?.remove();
	}
}

async function registrationsOn(
	instances: number,
	prepared: ScratchPostgres,
	settings: BenchSettings
): Promise<Measurement> {
	const { signal } = settings;
	let scratch: ScratchPostgres | undefined;
	let servers: RunningServer[] = [];
	try {
		scratch = await prepared.copy();
		progress(`starting ${instances} attendee instance(s) on one PostgreSQL database`);
		servers = await startInstances('attendee', instances, scratch.url, signal, {
			// The per-address limit would refuse a load test from one address within a second.
			REGISTRATIONS_PER_MINUTE: '100000000'
		});
		const edition = openEdition();
		const people = servers.map(
			(server, i) => new People(server.origin, edition, i * NUMBERS_PER_INSTANCE)
		);
		const before = await serverCounters(scratch.url);
		const measured = await measureAcross(
			servers,
			{ what: 'registration.register', noun: 'registrations', rate: 'registrations/s' },
			{ ...settings, path: REGISTER_PATH, requests: people }
		);
		await Promise.all(servers.map((server) => server.stop()));
		const answered = people.reduce((total, p) => total + p.acknowledged.size, 0);
		await sayServerWork(`${instances} instance(s)`, scratch.url, before, answered);
		for (const [i, server] of servers.entries())
			await checkStored(server.name, { url: scratch.url }, people[i]!, settings);
		return measured;
	} finally {
		await Promise.all(servers.map((server) => server.stop()));
		await scratch?.remove();
	}
}
