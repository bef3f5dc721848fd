import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { dialectOf, row, type DbOrTx, type Dialect } from '@huizhan/db';

/**
 * A cheap question whose answer changes whenever some live figures may have: a scalar SQL
 * expression (`(SELECT max(seq) FROM ledger_entries)`), one text for both databases or one for
 * each where they write it differently. Every probe is asked in the same statement, once per
 * tick, however many clients are connected. Its answer must not depend on the order rows happen
 * to be read in: an aggregate over several rows names its order.
 */
export interface VersionProbe {
	name: string;
	sql: string | Record<Dialect, string>;
}

const probeText = (probe: VersionProbe, dialect: Dialect): string =>
	typeof probe.sql === 'string' ? probe.sql : probe.sql[dialect];

/**
 * A probe's text listing rows in a fixed order: each row's `columns` joined with `:` (a NULL as
 * empty), the rows joined with `,`. SQLite's `group_concat` keeps the order of the subquery it
 * reads; PostgreSQL's `string_agg` is told the order, and every column is cast to text (its `||`
 * will not join a timestamp or a boolean to text by itself).
 */
export function orderedList(
	from: string,
	columns: readonly string[],
	orderBy: string
): Record<Dialect, string> {
	const joined = (text: (column: string) => string) =>
		columns.map((column) => `coalesce(${text(column)}, '')`).join(" || ':' || ");
	return {
		sqlite: `(SELECT coalesce(group_concat(line, ','), '') FROM (SELECT ${joined((c) => c)} AS line FROM ${from} ORDER BY ${orderBy}) AS listed)`,
		postgres: `(SELECT coalesce(string_agg(${joined((c) => `CAST(${c} AS text)`)}, ',' ORDER BY ${orderBy}), '') FROM ${from})`
	};
}

/** The ledger's head sequence: one step down the primary key. */
export const LEDGER_PROBE: VersionProbe = {
	name: 'ledger',
	sql: '(SELECT coalesce(max(seq), 0) FROM ledger_entries)'
};

/**
 * Writes the one statement that asks every probe, and returns a function answering the current
 * version as read on `db` (a connection, or the transaction a snapshot is built in): the ledger
 * head first (it names the snapshot in the stream's event ids), then a short digest of the other
 * probes' answers.
 */
export function versionReader(probes: readonly VersionProbe[]): (db: DbOrTx) => Promise<string> {
	if (probes.length === 0) throw new Error('the live watcher needs at least one probe');
	const statements = new Map<Dialect, SQL>();
	const statementFor = (dialect: Dialect): SQL => {
		let statement = statements.get(dialect);
		if (!statement) {
			statement = sql.raw(
				`SELECT ${probes.map((probe, i) => `${probeText(probe, dialect)} AS p${i}`).join(', ')}`
			);
			statements.set(dialect, statement);
		}
		return statement;
	};
	return async (db) => {
		const answers = await row<Record<string, unknown>>(db, statementFor(dialectOf(db)));
		if (!answers) throw new Error('the version probes answered no row');
		const [first, ...rest] = probes.map((_, i) => answers[`p${i}`]);
		if (rest.length === 0) return String(first);
		const digest = createHash('sha256').update(rest.map(String).join('\u0000')).digest('base64url');
		return `${String(first)}-${digest.slice(0, 10)}`;
	};
}

/** Where news of a change comes from: calls `onChange` after each; answers the unsubscribe. */
export interface ChangeSource {
	subscribe(onChange: () => void): () => void;
}

/** How often the version is asked without news of changes, and with it (a safety net). */
const POLL_MS = 250;
const POLL_WITH_NEWS_MS = 5_000;

/** Who a stream was opened for, so access can be checked again while it is open. */
export interface StreamCredential {
	kind: 'staff' | 'screen';
	/** SHA-256 of the session or screen token; the token itself is never kept. */
	tokenHash: string;
}

/** Why a stream was ended by the server. */
export type EndReason = 'signed_out' | 'revoked' | 'too_slow' | 'shutdown';

/** The channel a client follows when it names none: the dashboards' default year. */
export const CURRENT_CHANNEL = 'current';

export interface LiveSubscriber {
	credential: StreamCredential;
	/**
	 * Which snapshot the client follows (a year, say); `CURRENT_CHANNEL` when omitted. Clients
	 * of one channel share one snapshot and its bytes.
	 */
	channel?: string;
	/** Queues bytes for the client; false when the client has fallen too far behind. */
	write(bytes: Uint8Array): boolean;
	/** Closes the stream (after any final frame has been written). */
	close(): void;
}

export interface LiveHubOptions<S extends { version: string }> {
	readVersion: () => Promise<string>;
	/**
	 * News of commits from any process (PostgreSQL's LISTEN/NOTIFY, `handle.changes`): each one
	 * asks for the version at once, and the timer only keeps a slow watch (`intervalMs`, 5 s by
	 * default instead of 250 ms) in case news is lost. Followed while any client is connected.
	 */
	changes?: ChangeSource;
	/** Builds a channel's snapshot for a version; called once per change and channel, never per client. */
	build: (version: string, channel: string) => Promise<S>;
	/**
	 * The credentials that no longer open the stream, out of those given, and why: one batch
	 * check for every open stream.
	 */
	checkAccess: (credentials: StreamCredential[]) => Promise<Map<string, 'signed_out' | 'revoked'>>;
	intervalMs?: number;
	heartbeatMs?: number;
	accessCheckMs?: number;
	/** Where a failed tick is reported (a locked database, say); the next tick tries again. */
	onError?: (error: unknown) => void;
}

const encoder = new TextEncoder();
const HEARTBEAT = encoder.encode(': keep-alive\n\n');
/** EventSource waits this long before reconnecting after a cut (Chromium's default is 3 s). */
const RETRY = encoder.encode('retry: 1000\n\n');

const credentialKey = (c: StreamCredential) => `${c.kind}:${c.tokenHash}`;

/** One Server-Sent Events frame: an event name, an id, and JSON data on one line. */
export function eventFrame(event: string, data: unknown, id?: string): Uint8Array {
	const idLine = id === undefined ? '' : `id: ${id}\n`;
	return encoder.encode(`${idLine}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

interface Channel<S> {
	subscribers: Set<LiveSubscriber>;
	snapshot?: S;
	frame?: Uint8Array;
}

/**
 * The process's live fan-out. While any client is connected it asks the database for the
 * current version every `intervalMs` (one statement, whatever the number of clients and
 * channels); when the version moves it builds one snapshot per channel in use (a year on the
 * dashboards), encodes it once as an SSE frame, and writes those same bytes to every client of
 * that channel. It also sends heartbeats, and ends the streams of sessions that ended and screen
 * links that were revoked.
 *
 * Version reads and builds take turns, one at a time in the order asked: a tick never overlaps
 * the one before it (a timer that fires while one is still reading skips its turn), and a
 * snapshot is never replaced by one built from an older read.
 */
export class LiveHub<S extends { version: string }> {
	readonly #options: LiveHubOptions<S> & {
		intervalMs: number;
		heartbeatMs: number;
		accessCheckMs: number;
	};
	readonly #subscribers = new Set<LiveSubscriber>();
	readonly #channels = new Map<string, Channel<S>>();
	#timers: ReturnType<typeof setInterval>[] = [];
	#unfollowChanges: (() => void) | undefined;
	#ticks = 0;
	#builds = 0;
	#poked = false;
	/** The last of the reads and builds asked for: the next one waits for it. */
	#turn: Promise<unknown> = Promise.resolve();
	/** A tick asked for that has not begun: whoever asks before it begins shares it. */
	#nextTick: Promise<void> | undefined;
	#ticking = false;
	#checkingAccess = false;

	constructor(options: LiveHubOptions<S>) {
		this.#options = {
			...options,
			intervalMs: options.intervalMs ?? (options.changes ? POLL_WITH_NEWS_MS : POLL_MS),
			heartbeatMs: options.heartbeatMs ?? 15_000,
			accessCheckMs: options.accessCheckMs ?? 2_000
		};
	}

	get clients(): number {
		return this.#subscribers.size;
	}

	/** Version reads and snapshot builds so far: what the watcher costs, for tests and metrics. */
	get stats() {
		return { ticks: this.#ticks, builds: this.#builds };
	}

	/** A channel's current snapshot, read now if no client is keeping it fresh. */
	async current(channel: string = CURRENT_CHANNEL): Promise<S> {
		const fresh = (kept: Channel<S> | undefined) =>
			this.#timers.length > 0 && kept?.snapshot !== undefined && kept.subscribers.size > 0;
		const kept = this.#channels.get(channel);
		if (fresh(kept)) return kept!.snapshot!;
		return this.#inTurn(async () => {
			const shown = this.#channel(channel);
			if (!fresh(shown)) await this.#refresh(shown, await this.#options.readVersion(), channel);
			return shown.snapshot!;
		});
	}

	/**
	 * Adds a client and writes what it is missing: its channel's current snapshot, unless
	 * `lastEventId` says it already has it (EventSource sends it when reconnecting). Resolves
	 * with the unsubscribe once the client is added; a stream that closes before then must call
	 * it when it comes.
	 */
	subscribe(subscriber: LiveSubscriber, lastEventId: string | null = null): Promise<() => void> {
		return this.#inTurn(async () => {
			const name = subscriber.channel ?? CURRENT_CHANNEL;
			const channel = this.#channel(name);
			// A channel nobody followed may hold a stale snapshot: bring it up to date first.
			if (this.#timers.length === 0 || channel.subscribers.size === 0)
				await this.#refresh(channel, await this.#options.readVersion(), name);
			// The last client of this year may have left meanwhile and taken the channel away.
			this.#channels.set(name, channel);
			if (this.#timers.length === 0) this.#start();
			this.#subscribers.add(subscriber);
			channel.subscribers.add(subscriber);
			subscriber.write(RETRY);
			if (channel.snapshot && lastEventId !== channel.snapshot.version)
				subscriber.write(channel.frame!);
			else subscriber.write(HEARTBEAT);
			return () => this.#remove(subscriber);
		});
	}

	/**
	 * Reads the version once and, if it moved, builds and sends each followed channel's snapshot.
	 * Asked while a tick runs, it runs after that one; asked again before it begins, the same
	 * tick answers both.
	 */
	tick(): Promise<void> {
		this.#nextTick ??= this.#inTurn(async () => {
			this.#nextTick = undefined;
			this.#ticking = true;
			try {
				this.#ticks += 1;
				const version = await this.#options.readVersion();
				for (const [name, channel] of [...this.#channels])
					if (channel.subscribers.size > 0) await this.#refresh(channel, version, name);
			} finally {
				this.#ticking = false;
			}
		});
		return this.#nextTick;
	}

	/**
	 * Asks for the version at once instead of at the next tick: the app calls this after a write
	 * it served, so its own writes reach the screens without waiting out the interval. Calls made
	 * together are coalesced into one read; nothing happens while no client is connected.
	 */
	poke(): void {
		if (this.#poked || this.#timers.length === 0) return;
		this.#poked = true;
		setImmediate(() => {
			this.#poked = false;
			// A tick already reading may have read before the write: this one runs after it.
			if (this.#timers.length > 0) this.tick().catch((error) => this.#options.onError?.(error));
		});
	}

	/** Ends the streams whose credential no longer opens them, telling each client why. */
	async checkAccess(): Promise<void> {
		if (this.#subscribers.size === 0 || this.#checkingAccess) return;
		this.#checkingAccess = true;
		try {
			const unique = new Map<string, StreamCredential>();
			for (const s of this.#subscribers) unique.set(credentialKey(s.credential), s.credential);
			const lost = await this.#options.checkAccess([...unique.values()]);
			if (lost.size === 0) return;
			for (const subscriber of [...this.#subscribers]) {
				const reason = lost.get(credentialKey(subscriber.credential));
				if (reason) this.end(subscriber, reason);
			}
		} finally {
			this.#checkingAccess = false;
		}
	}

	/** Sends `ended` with the reason and closes the stream. */
	end(subscriber: LiveSubscriber, reason: EndReason): void {
		if (!this.#subscribers.has(subscriber)) return;
		subscriber.write(eventFrame('ended', { reason }));
		this.#remove(subscriber);
		subscriber.close();
	}

	/** Closes every stream and stops the timers (server shutdown). */
	close(): void {
		for (const subscriber of [...this.#subscribers]) this.end(subscriber, 'shutdown');
		this.#stop();
	}

	/** Runs `work` once every read and build asked for before it has finished, failed or not. */
	#inTurn<T>(work: () => Promise<T>): Promise<T> {
		const done = this.#turn.then(work);
		this.#turn = done.catch(() => undefined);
		return done;
	}

	#channel(name: string): Channel<S> {
		let channel = this.#channels.get(name);
		if (!channel) {
			channel = { subscribers: new Set() };
			this.#channels.set(name, channel);
		}
		return channel;
	}

	/** Builds the channel's snapshot if the version moved, and sends it to its clients. */
	async #refresh(channel: Channel<S>, version: string, name: string): Promise<void> {
		if (channel.snapshot && channel.snapshot.version === version) return;
		this.#builds += 1;
		const snapshot = await this.#options.build(version, name);
		channel.snapshot = snapshot;
		channel.frame = eventFrame('snapshot', snapshot, snapshot.version);
		this.#broadcast(channel.frame, channel.subscribers);
	}

	#broadcast(bytes: Uint8Array, to: Set<LiveSubscriber> = this.#subscribers): void {
		for (const subscriber of [...to]) {
			// A client whose queue keeps growing is cut off; it reconnects and gets the latest.
			if (!subscriber.write(bytes)) this.end(subscriber, 'too_slow');
		}
	}

	#remove(subscriber: LiveSubscriber): void {
		this.#subscribers.delete(subscriber);
		const name = subscriber.channel ?? CURRENT_CHANNEL;
		const channel = this.#channels.get(name);
		channel?.subscribers.delete(subscriber);
		// A channel nobody follows keeps no snapshot: the years browsed once do not pile up.
		if (channel && channel.subscribers.size === 0 && name !== CURRENT_CHANNEL)
			this.#channels.delete(name);
		if (this.#subscribers.size === 0) this.#stop();
	}

	#start(): void {
		const { intervalMs, heartbeatMs, accessCheckMs, onError } = this.#options;
		const report = (error: unknown) => onError?.(error);
		this.#timers = [
			setInterval(() => {
				// The tick before is still reading or building: this one's turn is skipped.
				if (this.#ticking || this.#nextTick) return;
				this.tick().catch(report);
			}, intervalMs),
			setInterval(() => {
				try {
					this.#broadcast(HEARTBEAT);
				} catch (error) {
					report(error);
				}
			}, heartbeatMs),
			setInterval(() => {
				this.checkAccess().catch(report);
			}, accessCheckMs)
		];
		for (const timer of this.#timers) timer.unref?.();
		this.#unfollowChanges = this.#options.changes?.subscribe(() => this.poke());
	}

	#stop(): void {
		for (const timer of this.#timers) clearInterval(timer);
		this.#timers = [];
		this.#unfollowChanges?.();
		this.#unfollowChanges = undefined;
	}
}
