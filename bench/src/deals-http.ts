import { randomBytes } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { createDb, ledgerStore, tables, verifyLedger } from '@huizhan/db';
import type { DealEvent } from '@huizhan/ledger';
import { measureServer, type Measurement, type RequestPlan } from './lib/measure.ts';
import { progress, round, type Figure } from './lib/report.ts';
import { signIn } from './lib/session.ts';
import { createScratchDatabase, type ScratchDatabase } from './lib/scratch.ts';
import { startBaseline, startBuiltApp, type RunningServer } from './lib/servers.ts';
import type { BenchSettings } from './settings.ts';

/** Issue #4’s goal for recording over HTTP. */
const GOAL_DEALS_PER_SECOND = 1_000;
const RECORD_PATH = '/api/trpc/deals.record';

/**
 * `deals.record` over HTTP on the admin app, signed in as a recorder, against a bare node:http
 * server doing the same ledger write on a database of its own, both measured in this run. Every
 * request records a new deal (a fresh request id), and afterwards both ledgers must hold every
 * write that was answered 2xx and pass `verifyLedger`: a figure for writes that were lost would
 * measure nothing.
 */
export async function dealsRecordHttp(settings: BenchSettings): Promise<Figure[]> {
	const { signal } = settings;
	const scratches: ScratchDatabase[] = [];
	const servers: RunningServer[] = [];
	try {
		const appDatabase = await createScratchDatabase();
		scratches.push(appDatabase);
		const bareDatabase = await createScratchDatabase();
		scratches.push(bareDatabase);

		progress('starting the admin app and the bare node:http ledger writer');
		// Demo mode creates the `recorder` account at start; a password of this run's own means the
		// operator's HUIZHAN_* settings cannot stop the bench from signing in.
		const password = randomBytes(18).toString('base64url');
		const admin = await startBuiltApp('admin', {
			databasePath: appDatabase.databasePath,
			signal,
			env: { HUIZHAN_MODE: 'demo', HUIZHAN_DEMO_PASSWORD: password }
		});
		servers.push(admin);
		const bare = await startBaseline('deals-server.ts', {
			databasePath: bareDatabase.databasePath,
			signal
		});
		servers.push(bare);

		const token = await signIn(admin, 'recorder', password, signal);
		// A mutation that carries a cookie must come from the app's own origin (`sameOriginMutation`).
		const headers = {
			'content-type': 'application/json',
			cookie: `hz_session=${token}`,
			origin: admin.origin
		};
		const appWrites = new WriteLog(headers);
		const bareWrites = new WriteLog(headers);
		const app = await loadRecord(admin, appWrites, settings);
		const baseline = await loadRecord(bare, bareWrites, settings);

		// Stopped first, so every write either side will ever make is in its file.
		await Promise.all(servers.map((server) => server.stop()));
		const appFirst = await checkLedger(admin.name, appDatabase.databasePath, appWrites, settings);
		const bareFirst = await checkLedger(bare.name, bareDatabase.databasePath, bareWrites, settings);
		if (!isDeepStrictEqual(appFirst, bareFirst)) {
			throw new Error(
				`the baseline recorded ${JSON.stringify(bareFirst)} where the app recorded ` +
					`${JSON.stringify(appFirst)} for the same request: fix the baseline`
			);
		}

		const met = app.requestsPerSecond >= GOAL_DEALS_PER_SECOND ? 'met' : 'MISSED';
		progress(`goal ≥ ${GOAL_DEALS_PER_SECOND} deals/s over HTTP: ${met}`);
		return [
			{
				bench: 'deals_record_http',
				value: round(app.requestsPerSecond, 1),
				unit: 'deals/s',
				baseline: round(baseline.requestsPerSecond, 1)
			},
			{
				bench: 'deals_record_http_p99',
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

/**
 * The deals one side was asked to record, by request id, and those it acknowledged. Request
 * `n` is the same on both sides apart from its id, so their entries can be compared.
 */
class WriteLog implements RequestPlan {
	readonly sent = new Set<string>();
	readonly acknowledged = new Set<string>();
	private count = 0;
	/** Unique to this run and side: a request id the ledger has seen is a replay, not a write. */
	private readonly prefix = `bench-${randomBytes(6).toString('hex')}-`;

	constructor(readonly headers: Record<string, string>) {}

	requestId(n: number): string {
		return `${this.prefix}${n}`;
	}

	next() {
		this.count += 1;
		const requestId = this.requestId(this.count);
		this.sent.add(requestId);
		const body = JSON.stringify({
			requestId,
			acknowledgeDuplicates: true,
			facts: {
				projectName: `基准签约项目${this.count}号`,
				investor: '郑州基准投资有限公司',
				investorOrigin: 'in_province',
				chainId: 1 + (this.count % 10),
				unitId: 1 + (this.count % 6),
				signingEvent: 'wsc-2024',
				signedOn: '2024-11-03',
				agreementType: 'contract',
				totalInvestment: '1.5亿'
			}
		});
		return { key: requestId, body };
	}

	onAnswer(status: number, requestId: string) {
		if (status >= 200 && status < 300) this.acknowledged.add(requestId);
	}
}

function loadRecord(
	server: RunningServer,
	writes: WriteLog,
	settings: BenchSettings
): Promise<Measurement> {
	return measureServer(
		server,
		{ what: 'deals.record', noun: 'deals', rate: 'deals/s' },
		{
			url: `${server.origin}${RECORD_PATH}`,
			...settings,
			connections: settings.writeConnections,
			request: writes
		}
	);
}

/** Load runs per side (warm-up and measured); each can cut off one request per connection. */
const RUNS = 2;

/**
 * Every acknowledged write is in the ledger, the ledger holds nothing it was not sent, and the
 * chain and projection verify. Entries beyond the acknowledged ones can only be requests cut
 * off when autocannon closed its connections at a deadline. Returns the event of request 1.
 */
async function checkLedger(
	name: string,
	databasePath: string,
	writes: WriteLog,
	settings: BenchSettings
): Promise<DealEvent> {
	const { db, close } = await createDb({ path: databasePath, migrate: false });
	try {
		const { ledgerEntries } = tables(db);
		const stored = (
			await db.select({ requestId: ledgerEntries.requestId }).from(ledgerEntries)
		).map((row) => row.requestId);
		const inLedger = new Set(stored);
		const lost = [...writes.acknowledged].filter((id) => !inLedger.has(id));
		const strangers = stored.filter((id) => !writes.sent.has(id));
		const cutOff = stored.length - writes.acknowledged.size + lost.length - strangers.length;
		const cutOffAllowed = settings.writeConnections * RUNS;
		progress(
			`${name}: ledger holds ${stored.length} entries = ${writes.acknowledged.size} answered 2xx ` +
				`+ ${cutOff} cut off unanswered at a deadline (at most ${cutOffAllowed})`
		);
		if (lost.length > 0 || strangers.length > 0 || cutOff > cutOffAllowed) {
			throw new Error(
				`${name}: ${lost.length} acknowledged writes are missing from the ledger (first ` +
					`${lost[0] ?? '-'}), ${strangers.length} entries were never sent and ${cutOff} ` +
					`were never answered: every answered write must be stored, exactly once`
			);
		}
		const verdict = await verifyLedger(db);
		if (!verdict.ok) {
			throw new Error(`${name}: verifyLedger failed after the load: ${JSON.stringify(verdict)}`);
		}
		const first = await ledgerStore.entryByRequestId(db, writes.requestId(1));
		if (!first) throw new Error(`${name}: the first request recorded nothing`);
		return first.event;
	} finally {
		await close();
	}
}
