import { ledgerStore, type Db, type DbOrTx } from '@huizhan/db';
import { foldLedger, type LedgerEntry } from '@huizhan/ledger';
import { beijingDate } from '../services/deals.ts';
import { lostStreamAccess } from './access.ts';
import { buildSnapshot, type LiveSnapshot } from './snapshot.ts';
import { SESSION_PROBES, sessionFigures } from './sessions.ts';
import { CEREMONY_PROBE } from './ceremony.ts';
import { exhibitionFigures } from './exhibition.ts';
import { foldSource, projectionSource } from './sources.ts';
import {
	REGISTRATIONS_PROBE,
	SCANS_PROBE,
	scanFigures,
	turnoutFigures,
	type CheckInFigures
} from './turnout.ts';
import { UNIT_RANKING_PROBE } from './unit-ranking.ts';
import {
	CURRENT_CHANNEL,
	LEDGER_PROBE,
	LiveHub,
	orderedList,
	versionReader,
	type ChangeSource,
	type VersionProbe
} from './watcher.ts';

export interface LiveOptions {
	/** Check-in's figures for the turnout panel; read from the scans unless given. */
	checkIns?: CheckInFigures | null;
	/** False leaves the sessions out (null), for the bench's before-and-after. */
	sessions?: boolean;
	/** False leaves the exhibition out (null), for the bench's before-and-after. */
	exhibition?: boolean;
}

/** The live figures now, from the projection, for `year` (the current one when omitted). */
export async function liveSnapshot(
	db: DbOrTx,
	now: Date,
	options: LiveOptions & { version?: string; year?: number } = {}
): Promise<LiveSnapshot> {
	return buildSnapshot(db, {
		source: await projectionSource(db),
		today: beijingDate(now),
		generatedAt: now,
		year: options.year,
		version: options.version,
		turnout: await turnoutFigures(
			db,
			options.checkIns === undefined ? scanFigures(db) : options.checkIns
		),
		sessions:
			options.sessions === false ? null : (conferenceIds) => sessionFigures(db, conferenceIds, now),
		exhibition:
			options.exhibition === false
				? null
				: (conferenceIds) => exhibitionFigures(db, conferenceIds, beijingDate(now))
	});
}

function* writtenBy(entries: LedgerEntry[], limitMs: number): Generator<LedgerEntry> {
	for (const entry of entries) {
		// Entries come in the order they were written: stop at the first written after the moment.
		if (Date.parse(entry.recordedAt) > limitMs) return;
		yield entry;
	}
}

/**
 * The ledger's figures as they stood at `instant`, replayed from its entries (the same rule as
 * `totalsAsOf`); paces are measured to that day. Turnout is left out: registrations keep no
 * history to replay.
 */
export async function liveSnapshotAsOf(
	db: DbOrTx,
	instant: Date,
	now: Date,
	year?: number
): Promise<LiveSnapshot> {
	const state = foldLedger(writtenBy(await ledgerStore.loadEntries(db), instant.getTime()));
	return buildSnapshot(db, {
		source: foldSource(state),
		today: beijingDate(instant),
		year,
		generatedAt: now,
		asOf: instant.toISOString(),
		version: `asof-${state.headSeq}`,
		turnout: null
	});
}

/**
 * The editions' version: which exist, their status, dates and names. Opening, closing or
 * archiving an edition changes which ones the dashboards show, and may change the current year.
 */
export const EDITIONS_PROBE = orderedList(
	'conferences',
	['id', 'status', 'starts_on', 'ends_on', 'name_zh', 'name_en', 'theme_color', 'updated_at'],
	'id'
);

/**
 * The targets' version: a target added, edited (its metric or unit too), retired or removed changes what the dashboards
 * measure against.
 */
export const TARGETS_PROBE = orderedList(
	'targets',
	[
		'id',
		'scope',
		'metric',
		'value',
		'period_start',
		'period_end',
		'responsible_unit_id',
		'retired_at',
		'updated_at'
	],
	'id'
);

/** Today's date in Beijing, as `beijingToday` (packages/db) reads it on each database. */
export const BEIJING_DATE_PROBE = {
	sqlite: "date('now', '+8 hours')",
	postgres: "to_char(now() AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')"
};

/**
 * What the watcher asks on every tick: the ledger head, the registrations' counts, the newest
 * scan (an admission or an undo), the editions and targets, the units the ranking reads, the
 * signing ceremonies (opened, closed, each press), and the
 * Beijing date (paces are measured to today, so a new day is a new snapshot even if nothing was
 * signed overnight).
 */
export const LIVE_PROBES: readonly VersionProbe[] = [
	LEDGER_PROBE,
	{ name: 'registrations', sql: REGISTRATIONS_PROBE },
	{ name: 'scans', sql: SCANS_PROBE },
	{ name: 'editions', sql: EDITIONS_PROBE },
	{ name: 'targets', sql: TARGETS_PROBE },
	{ name: 'unit-ranking', sql: UNIT_RANKING_PROBE },
	...SESSION_PROBES,
	{ name: 'ceremony-sessions', sql: CEREMONY_PROBE.sessions },
	{ name: 'ceremony-items', sql: CEREMONY_PROBE.items },
	{ name: 'beijingDate', sql: BEIJING_DATE_PROBE }
];

/** The hub channel of a year: its number, or `CURRENT_CHANNEL` for the current one. */
export const yearChannel = (year: number | null | undefined): string =>
	year === null || year === undefined ? CURRENT_CHANNEL : String(year);

export interface CreateLiveHubOptions extends LiveOptions {
	db: Db;
	/** Extra probes beyond `LIVE_PROBES`. */
	probes?: readonly VersionProbe[];
	/** News of commits from every instance (`handle.changes` on PostgreSQL; absent on SQLite). */
	changes?: ChangeSource;
	intervalMs?: number;
	heartbeatMs?: number;
	accessCheckMs?: number;
	now?: () => Date;
	onError?: (error: unknown) => void;
}

/**
 * The process's live hub over its database connection (one per server process). Each year in
 * use is a channel of its own (`yearChannel`); the current year's channel works out which year
 * that is at every build, so a wall screen moves on by itself when next year's editions open.
 */
export function createLiveHub(options: CreateLiveHubOptions): LiveHub<LiveSnapshot> {
	const { db, now = () => new Date() } = options;
	const readVersion = versionReader([...LIVE_PROBES, ...(options.probes ?? [])]);
	return new LiveHub<LiveSnapshot>({
		readVersion: () => readVersion(db),
		// One transaction: the snapshot is consistent, and its version is the one it shows.
		build: (_version, channel) =>
			db.transaction(async (tx) =>
				liveSnapshot(tx, now(), {
					version: await readVersion(tx),
					checkIns: options.checkIns,
					year: channel === CURRENT_CHANNEL ? undefined : Number(channel)
				})
			),
		checkAccess: (credentials) => lostStreamAccess(db, credentials, now()),
		changes: options.changes,
		intervalMs: options.intervalMs,
		heartbeatMs: options.heartbeatMs,
		accessCheckMs: options.accessCheckMs,
		onError: options.onError
	});
}

export { LIVE_ROLES, lostStreamAccess } from './access.ts';
export { CEREMONY_PROBE, openCeremonies } from './ceremony.ts';
export { exhibitionFigures } from './exhibition.ts';
export type { ExhibitionLive } from './exhibition.ts';
export type { CeremonyDeal, CeremonyLive } from './ceremony.ts';
export { homeTargets } from './home.ts';
export type { HomeTarget, HomeTargetGroup } from './home.ts';
export { buildSnapshot, LARGEST_DEALS, TICKER_DEALS } from './snapshot.ts';
export type {
	BreakdownLine,
	ConferenceLive,
	Curve,
	CurvePoint,
	LiveSnapshot,
	SigningTarget,
	SnapshotCalendar,
	TotalsSummary,
	YearTargetLive
} from './snapshot.ts';
export { foldSource, projectionSource } from './sources.ts';
export type { DaySigned, DealLine, LedgerSource } from './sources.ts';
export { UNIT_RANKING_PROBE, unitRanking } from './unit-ranking.ts';
export type { UnitRankingLine } from './unit-ranking.ts';
export { REGISTRATIONS_PROBE, SCANS_PROBE, scanFigures, turnoutFigures } from './turnout.ts';
export { SESSION_PROBES, sessionFigures } from './sessions.ts';
export type { SessionLive, SessionsLive } from './sessions.ts';
export type { CheckInFigures, TurnoutCategory, TurnoutConference } from './turnout.ts';
export {
	CURRENT_CHANNEL,
	eventFrame,
	LEDGER_PROBE,
	LiveHub,
	orderedList,
	versionReader
} from './watcher.ts';
export {
	countsTowardYear,
	defaultYear,
	editionsForYear,
	offeredYears,
	yearBounds,
	yearOf,
	yearTargetsFor
} from './year.ts';
export type { YearEdition, YearTarget } from './year.ts';
export type {
	ChangeSource,
	EndReason,
	LiveHubOptions,
	LiveSubscriber,
	StreamCredential,
	VersionProbe
} from './watcher.ts';
