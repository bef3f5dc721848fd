import { performance } from 'node:perf_hooks';
import { setImmediate as yieldToEvents } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import {
	createDb,
	ledgerQueries,
	ledgerStore,
	tables,
	verifyLedger,
	type Db,
	type schema
} from '@huizhan/db';
import { achievedFor, computeTotals, foldLedger, type LedgerState } from '@huizhan/ledger';
import { progress, round, type Figure } from './lib/report.ts';
import { createScratchDatabase } from './lib/scratch.ts';
import { writeSyntheticLedger } from './lib/synthetic-ledger.ts';
import type { BenchSettings } from './settings.ts';

/** Issue #4’s goal: the dashboard's totals with 100,000 entries in the ledger. */
const ENTRIES = 100_000;
const DEALS = 30_000;
const GOAL_MS = 20;
/** Runs thrown away first (JIT, statement and page caches), then runs timed. */
const WARM_UP_RUNS = 5;
const TIMED_RUNS = 50;
/** The replay reads and folds every entry: a few runs give its median. */
const FOLD_RUNS = 5;

/**
 * The dashboard's queries on a ledger of 100,000 entries, in this process on a scratch file:
 * the totals (`sqlTotals`, from the projection tables) against replaying the whole ledger
 * (`computeTotals(foldLedger(loadEntries(db)))`), the totals of one conference, and the target
 * list. The SQL and the fold must give the same answers first, or their times mean nothing.
 */
export async function totalsQuery(settings: BenchSettings): Promise<Figure[]> {
	const { signal } = settings;
	const scratch = await createScratchDatabase();
	const handle = await createDb({ path: scratch.databasePath, migrate: false });
	try {
		const { db } = handle;
		progress(`writing a synthetic ledger: ${ENTRIES} entries over ${DEALS} deals`);
		let started = performance.now();
		const state = await writeSyntheticLedger(db, { entries: ENTRIES, deals: DEALS, signal });
		const generateSeconds = (performance.now() - started) / 1000;
		progress(`ledger written in ${generateSeconds.toFixed(1)} s; verifying it`);

		started = performance.now();
		const verdict = await verifyLedger(db);
		const verifyMs = performance.now() - started;
		if (!verdict.ok || verdict.entries !== ENTRIES) {
			throw new Error(`the synthetic ledger does not verify: ${JSON.stringify(verdict)}`);
		}
		const targets = await db.select().from(tables(db).targets);
		await assertSqlEqualsFold(db, state, targets);

		const event = 'wsc-2024';
		const totals = await timeRuns('sqlTotals(db)', () => ledgerQueries.sqlTotals(db), signal);
		const eventTotals = await timeRuns(
			`sqlTotals(db, { signingEvent: '${event}' })`,
			() => ledgerQueries.sqlTotals(db, { signingEvent: event }),
			signal
		);
		const targetList = await timeRuns(
			`sqlAchieved for ${targets.length} targets`,
			async () => {
				for (const target of targets) await ledgerQueries.sqlAchieved(db, target);
			},
			signal
		);
		const fold = await timeRuns(
			'computeTotals(foldLedger(loadEntries(db)))',
			async () => computeTotals(foldLedger(await ledgerStore.loadEntries(db))),
			signal,
			{ warmUp: 1, runs: FOLD_RUNS }
		);

		const verdictOf = (ms: number) => (ms <= GOAL_MS ? 'met' : 'MISSED');
		progress(
			`goal ≤ ${GOAL_MS} ms for the dashboard totals: median ${verdictOf(totals.median)}, ` +
				`p95 ${verdictOf(totals.p95)}`
		);
		return [
			{
				bench: 'totals_query_100k',
				value: round(totals.median, 2),
				unit: 'ms',
				baseline: round(fold.median, 1)
			},
			{ bench: 'totals_query_100k_p95', value: round(totals.p95, 2), unit: 'ms', baseline: null },
			{
				bench: 'totals_query_100k_event',
				value: round(eventTotals.median, 2),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'targets_query_100k',
				value: round(targetList.median, 2),
				unit: 'ms',
				baseline: null
			},
			{
				bench: 'ledger_generate_100k',
				value: round(generateSeconds, 1),
				unit: 's',
				baseline: null
			},
			{ bench: 'ledger_verify_100k', value: round(verifyMs, 0), unit: 'ms', baseline: null }
		];
	} finally {
		await handle.close();
		await scratch.remove();
	}
}

/** The answers a time is measured for must be the right ones: the fold is the reference. */
async function assertSqlEqualsFold(
	db: Db,
	state: LedgerState,
	targets: (typeof schema.targets.$inferSelect)[]
): Promise<void> {
	const checks: [string, unknown, unknown][] = [
		['sqlTotals(db)', await ledgerQueries.sqlTotals(db), computeTotals(state)],
		[
			"sqlTotals(db, { signingEvent: 'wsc-2024' })",
			await ledgerQueries.sqlTotals(db, { signingEvent: 'wsc-2024' }),
			computeTotals(state, { signingEvent: 'wsc-2024' })
		]
	];
	for (const target of targets)
		checks.push([
			`sqlAchieved for target ${target.id}`,
			await ledgerQueries.sqlAchieved(db, target),
			achievedFor(state, target)
		]);
	for (const [name, sql, fold] of checks) {
		if (!isDeepStrictEqual(sql, fold)) {
			throw new Error(`${name} differs from the fold on the synthetic ledger: fix the query`);
		}
	}
}

interface Timing {
	median: number;
	p95: number;
}

async function timeRuns(
	name: string,
	run: () => Promise<unknown>,
	signal: AbortSignal,
	{ warmUp = WARM_UP_RUNS, runs = TIMED_RUNS } = {}
): Promise<Timing> {
	const times: number[] = [];
	for (let index = 0; index < warmUp + runs; index++) {
		// Between runs, not inside them: lets Ctrl-C in without timing the event loop.
		await yieldToEvents();
		signal.throwIfAborted();
		const started = performance.now();
		await run();
		if (index >= warmUp) times.push(performance.now() - started);
	}
	times.sort((a, b) => a - b);
	const rank = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!;
	const timing = { median: rank(0.5), p95: rank(0.95) };
	progress(
		`${name}: median ${timing.median.toFixed(2)} ms, p95 ${timing.p95.toFixed(2)} ms ` +
			`over ${runs} runs`
	);
	return timing;
}
